// Builds the package: type declarations with tsc, JavaScript with esbuild.
// - dist/runtime.mjs and dist/runtime.cjs: the runtime, each one self-contained file, because a V8
//   snapshot entry cannot load other modules and bundlers should not have to resolve a tree.
// - dist/esm/src/index.js and dist/cjs/src/index.js: the plugin, its peers left external.
// - dist/cli.js: the `fork-safe-lint` bin, ESM with its peers (eslint, typescript-eslint) left external;
//   dist/cli-options.js: the ESLint options module its --concurrency workers load.
// - dist/audit.mjs and dist/audit.cjs (the `./audit` preload for --import and -r) and dist/audit-cli.js
//   (the `fork-safe-audit` bin): each one self-contained file with Node's builtins only, nothing of the
//   lint side.
// - dist/esm/**/*.d.ts, copied to dist/cjs/ under a {"type":"commonjs"} package.json so that each
//   format has types of its own format (what attw checks).
// Everything is built into dist.next/ and swapped in at the end, so that a test or a watcher reading
// dist/ never sees it half built.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const finalDist = join(root, 'dist');
const dist = join(root, 'dist.next');
const out = (path) => join('dist.next', path);

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(root, 'tsconfig.build.json'),
    '--outDir',
    join(dist, 'esm'),
  ],
  { stdio: 'inherit' },
);

const common = { bundle: true, target: 'node20', logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/runtime/index.ts'],
    platform: 'neutral',
    format: 'esm',
    outfile: out('runtime.mjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/runtime/index.ts'],
    platform: 'neutral',
    format: 'cjs',
    outfile: out('runtime.cjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    platform: 'node',
    packages: 'external',
    format: 'esm',
    outfile: out('esm/src/index.js'),
  }),
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    platform: 'node',
    packages: 'external',
    format: 'cjs',
    outfile: out('cjs/src/index.js'),
  }),
  build({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    platform: 'node',
    packages: 'external',
    format: 'esm',
    outfile: out('cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['src/cli/eslint-options.ts'],
    platform: 'node',
    packages: 'external',
    format: 'esm',
    outfile: out('cli-options.js'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/preload.ts'],
    platform: 'node',
    format: 'esm',
    outfile: out('audit.mjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/preload-cjs.ts'],
    platform: 'node',
    format: 'cjs',
    outfile: out('audit.cjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/bin.ts'],
    platform: 'node',
    format: 'esm',
    outfile: out('audit-cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

for (const dir of ['src', 'rules'])
  cpSync(join(dist, 'esm', dir), join(dist, 'cjs', dir), { recursive: true, filter: (f) => !f.endsWith('.js') });
mkdirSync(join(dist, 'cjs'), { recursive: true });
writeFileSync(join(dist, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

rmSync(finalDist, { recursive: true, force: true });
renameSync(dist, finalDist);
