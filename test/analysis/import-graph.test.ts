// The text-only import graph (import-graph.ts) that lets cross-file following skip files no module path
// connects. What it must never do: say "unreachable" where declarationOf (other-files.ts) finds a
// declaration in another file. Checked on every call and `new` of every fixture file of the cross-file
// and self-import fixtures (relative requires, imports, barrels, `export *`, the package's own entry and
// subpaths, TypeScript's `.js` -> `.ts`), and on the answers themselves.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as espree from 'espree';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { fileAnalysis } from '../../src/analysis/file-analysis.js';
import { importsOf, mayImport, reaches } from '../../src/analysis/import-graph.js';
import { makeTempDir } from '../helpers/node.js';

const fixtureRoot = join(import.meta.dirname, '..', 'fixtures');
const crossFile = join(fixtureRoot, 'cross-file');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts') && !name.includes('node_modules'))
    .map((name) => join(dir, name));
}

/** For each call and `new` of a file: the other file declarationOf finds its callee in, if any. */
function declaringFiles(file: string): string[] {
  const found: string[] = [];
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      const analysis = fileAnalysis(context);
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
        const declared = analysis.declarationOf(node.callee)?.analysis.filename;
        if (declared && declared !== file) found.push(declared);
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  const typescript = /\.[cm]?ts$/.test(file);
  new Linter({ cwd: fixtureRoot }).verify(
    readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts'],
        plugins: { test: { rules: { declarations: rule as never } } },
        languageOptions: typescript
          ? { parser: tseslint.parser as never }
          : { parser: espree as never, sourceType: file.endsWith('.mjs') ? 'module' : 'commonjs' },
        rules: { 'test/declarations': 'error' },
      },
    ],
    { filename: file },
  );
  return found;
}

describe('import graph', () => {
  it('never rules out a file that declarationOf reaches, on every call of the cross-file and self-import fixtures', () => {
    let followed = 0;
    for (const file of [...sourceFiles(crossFile), ...sourceFiles(join(fixtureRoot, 'self-import'))]) {
      for (const declared of declaringFiles(file)) {
        followed++;
        expect(mayImport(file, declared), `${file} -> ${declared}`).toBe(true);
      }
    }
    // The fixtures do reach other files (otherwise the check above checked nothing).
    expect(followed).toBeGreaterThan(10);
  });

  it('gives the files quoted relative specifiers name, and only those', () => {
    const js = join(crossFile, 'js');
    // index.js requires ./lib/setup, ./lib (its index), ./lib/service, ./lib/pool, ./lib/broken,
    // ./lib/holder, ./lib/runner and node:cluster (a builtin: no edge).
    expect(new Set(importsOf(join(js, 'index.js')))).toEqual(
      new Set(
        ['setup', 'index', 'service', 'pool', 'broken', 'holder', 'runner'].map((name) =>
          join(js, 'lib', `${name}.js`),
        ),
      ),
    );
    // A file that imports nothing of its package has no edge.
    expect(importsOf(join(js, 'lib', 'nothing-here.js'))).toEqual([]);
  });

  it('answers "no" only when no path leads to the goal, and remembers it', () => {
    const memo = new Map<string, { reaches: boolean; at: number }>();
    const index = join(crossFile, 'js', 'index.js');
    const goal = importsOf(index)[0]!;
    expect(reaches(index, (file) => file === goal, memo)).toBe(true);
    // Nothing reaches a file that is not there.
    const nowhere = new Map<string, { reaches: boolean; at: number }>();
    expect(reaches(index, (file) => file === join(crossFile, 'missing.js'), nowhere)).toBe(false);
    // Every file that search visited is known not to reach it.
    expect(nowhere.get(index)?.reaches).toBe(false);
    for (const file of importsOf(index)) expect(nowhere.get(file)?.reaches).toBe(false);
  });

  it('reads a quoted name as an edge only where a module name can stand', () => {
    const temp = makeTempDir('fork-safe-graph-');
    try {
      const root = join(temp.dir, 'pkg');
      mkdirSync(join(root, 'lib'), { recursive: true });
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'pkg', main: 'lib/main.js' }));
      for (const name of ['main', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])
        writeFileSync(join(root, 'lib', `${name}.js`), '');
      const modules = [
        "require('./a');",
        'import b from "./b";',
        "import './c';",
        "export * from './d';",
        "import(/* webpackChunkName: 'e' */ './e');",
        'require( `./f` );',
        "import g = require('./g');",
        "require('pkg');",
        // A call's first argument may be a module name: `require` under another name.
        "const load = require; load('./i');",
      ];
      // The same names as values, keys and cases: no module is named there (a bundle quotes its own
      // package's name as a protocol, an option, a log prefix).
      const values = [
        "const h = { path: './h' };",
        "switch (x) { case './a': break; }",
        "const protocol = 'pkg';",
        "log(level, 'pkg'); name.split('.'); parts.join('..');",
      ];
      const file = join(root, 'lib', 'user.js');
      writeFileSync(file, [...modules, ...values].join('\n'));
      expect(new Set(importsOf(file))).toEqual(
        new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'main'].map((name) => join(root, 'lib', `${name}.js`))),
      );
      const bundle = join(root, 'lib', 'bundle.js');
      writeFileSync(bundle, values.join('\n'));
      expect(importsOf(bundle)).toEqual([]);
    } finally {
      temp.cleanup();
    }
  });
});
