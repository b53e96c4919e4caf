// `npm run test:eslint9`: the rule tests once more, against ESLint 9 (9.39, installed in test/compat by
// scripts/install-compat.mjs, which `npm test` runs first); `vitest run` tests them against the root's
// ESLint 10. The plugin supports both majors.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const compat = fileURLToPath(new URL('./test/compat/package.json', import.meta.url));
if (!existsSync(fileURLToPath(new URL('./test/compat/node_modules/eslint/package.json', import.meta.url)))) {
  throw new Error('ESLint 9 is not installed in test/compat: run `node scripts/install-compat.mjs` first.');
}
const fromCompat = createRequire(compat);

export default defineConfig({
  resolve: {
    // `eslint` and its entry points, in the code vite transforms (the tests, the rules). The setup file
    // does the same for the CommonJS packages that Node loads (@typescript-eslint/rule-tester, utils).
    alias: ['eslint', 'eslint/use-at-your-own-risk', 'eslint/config', 'eslint/universal'].map((id) => ({
      find: new RegExp(`^${id}$`),
      replacement: fromCompat.resolve(id),
    })),
  },
  test: {
    include: ['test/rules/**/*.test.ts'],
    setupFiles: ['./test/rules/eslint9.setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The rule tests keep no state between files: sharing a worker's modules (typescript, ESLint) across
    // files halves this run's time.
    isolate: false,
  },
});
