// Setup file of vitest.eslint9.config.ts: the rule tests once more, against ESLint 9 (test/compat).
//
// The config's resolve.alias reaches only the code that vite transforms (our tests and rules).
// @typescript-eslint/rule-tester and @typescript-eslint/utils are CommonJS, loaded by Node itself, and
// require('eslint') there would find the root's ESLint 10. So `eslint` and `eslint/*` are resolved from
// test/compat for Node's require() too, in this worker, before any test file loads the rule tester; and
// after each file, no module of the root's ESLint may have been loaded.
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const compatDir = join(root, 'test', 'compat');
const rootEslintDir = join(root, 'node_modules', 'eslint') + sep;
const compatEslintDir = join(compatDir, 'node_modules', 'eslint') + sep;

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as {
  _resolveFilename: ResolveFilename;
  _nodeModulePaths(dir: string): string[];
  _cache: Record<string, unknown>;
};

// A parent module in test/compat: resolving from it finds test/compat/node_modules/eslint.
const compatParent = new Module(join(compatDir, 'package.json'));
compatParent.filename = join(compatDir, 'package.json');
compatParent.paths = loader._nodeModulePaths(compatDir);

// Once per worker: the config does not isolate test files, so this file runs again in the same process.
const installed = Symbol.for('fork-safe.eslint9-resolution');
if (!(installed in loader)) {
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    const eslintRequest = request === 'eslint' || request.startsWith('eslint/');
    return resolveFilename.call(this, request, eslintRequest ? compatParent : parent, isMain, options);
  };
  Object.defineProperty(loader, installed, { value: true });
}

const require = createRequire(import.meta.url);
const { Linter } = require('eslint') as typeof import('eslint');
if (!Linter.version.startsWith('9.'))
  throw new Error(`expected ESLint 9 from test/compat, got ESLint ${Linter.version}`);

afterAll(() => {
  const modules = Object.keys(loader._cache);
  expect(
    modules.filter((file) => file.startsWith(rootEslintDir)),
    "modules of the root's ESLint were loaded",
  ).toEqual([]);
  expect(
    modules.some((file) => file.startsWith(compatEslintDir)),
    'ESLint 9 was never loaded',
  ).toBe(true);
});
