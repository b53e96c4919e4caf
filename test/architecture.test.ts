// The layers of docs/architecture.md, as the project's own lint enforces them (eslint.config.js,
// no-restricted-imports per folder): an import that runs upward is an error, one that runs downward
// is not. Lints a probe file in each folder through the project's config (which loads the built
// plugin, so `npm run build` comes first, as in `npm test`).
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: projectRoot });

async function restrictedImports(file: string, specifier: string): Promise<number> {
  const code = `import type { X } from '${specifier}';\nexport type Y = X;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(projectRoot, file) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').length;
}

describe('imports run downward only', () => {
  it.each([
    ['src/analysis/probe.ts', '../detect/table-match.js'],
    ['src/analysis/probe.ts', '../fix/edits.js'],
    ['src/detect/long-lived/probe.ts', '../../fix/edits.js'],
    ['src/fix/probe.ts', '../../rules/index.js'],
    ['src/tables/probe.ts', '../analysis/ast.js'],
    ['src/util/probe.ts', '../tables/clients.js'],
    ['src/configs.ts', '../rules/index.js'],
    ['rules/probe.ts', '../src/index.js'],
    ['src/runtime/probe.ts', '../util/create-rule.js'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toBe(1);
  });

  it.each([
    ['src/detect/probe.ts', '../analysis/ast.js'],
    ['src/fix/probe.ts', '../detect/table-match.js'],
    ['src/analysis/probe.ts', '../tables/clients.js'],
    ['rules/probe.ts', '../src/fix/edits.js'],
    ['src/runtime/probe.ts', './errors.js'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toBe(0);
  });
});
