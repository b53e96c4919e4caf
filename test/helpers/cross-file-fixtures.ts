// The cross-file fixture projects (test/fixtures/cross-file): temporary copies, for tests that need what
// a repository cannot hold (a node_modules) or that change a file on disk between two lints, and a lint
// of one fixture file on its real path that visits its calls with the file's analysis.
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as espree from 'espree';
import tseslint from 'typescript-eslint';
import { fileAnalysis, type FileAnalysis } from '../../src/analysis/file-analysis.js';
import { makeTempDir, projectRoot } from './node.js';

export const crossFileFixtures = join(projectRoot, 'test', 'fixtures', 'cross-file');

/**
 * A copy of test/fixtures/cross-file/<name> in a fresh temporary directory. For ts-paths, its
 * dependency (deps/fast-db) is installed as node_modules/fast-db, and node_modules/@types links to this
 * repository's, so the copy's tsconfig finds Node's types from where it is.
 */
export function fixtureCopy(name: string): { dir: string; cleanup: () => void } {
  const temp = makeTempDir(`fork-safe-${name}-`);
  const dir = join(temp.dir, name);
  cpSync(join(crossFileFixtures, name), dir, { recursive: true });
  if (name === 'ts-paths') {
    mkdirSync(join(dir, 'node_modules'));
    cpSync(join(dir, 'deps', 'fast-db'), join(dir, 'node_modules', 'fast-db'), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
  }
  return { dir, cleanup: temp.cleanup };
}

/**
 * Lints one fixture file on its real path (JavaScript with espree as CommonJS, TypeScript with
 * typescript-eslint's parser), with a test rule that hands every call and `new` of it, with the file's
 * analysis, to `visit`. Returns the lint's messages: a fatal one when the file does not parse.
 */
export function visitCallSites(
  file: string,
  visit: (
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    analysis: FileAnalysis,
    sourceCode: TSESLint.SourceCode,
  ) => void,
): Linter.LintMessage[] {
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      const analysis = fileAnalysis(context);
      const each = (node: TSESTree.CallExpression | TSESTree.NewExpression) =>
        visit(node, analysis, context.sourceCode);
      return { CallExpression: each, NewExpression: each };
    },
  };
  return new Linter({ cwd: crossFileFixtures }).verify(
    readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.js', '**/*.ts'],
        plugins: { test: { rules: { visit: rule as never } } },
        languageOptions: file.endsWith('.ts')
          ? { parser: tseslint.parser as never }
          : { parser: espree as never, sourceType: 'commonjs' },
        rules: { 'test/visit': 'error' },
      },
    ],
    { filename: file },
  );
}
