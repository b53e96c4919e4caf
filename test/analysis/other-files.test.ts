// declarationOf (other-files.ts): which function or class a callee names, in the linted file or in
// another file of the project on disk (test/fixtures/cross-file), through requires, imports, barrels,
// the package's own entry and static methods; and the other-file parse cache.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossFileFixtures as fixtures, visitCallSites } from '../helpers/cross-file-fixtures.js';

interface Found {
  callee: string;
  file?: string;
  line?: number;
  type?: string;
}

/** Lints a fixture file and, for each call or `new`, where declarationOf says its callee is declared. */
function declarations(file: string): Found[] {
  const found: Found[] = [];
  const messages = visitCallSites(file, (node, analysis, sourceCode) => {
    const declaration = analysis.declarationOf(node.callee);
    found.push({
      callee: sourceCode.getText(node.callee),
      ...(declaration && {
        file: declaration.analysis.filename!.slice(fixtures.length + 1),
        line: declaration.node.loc.start.line,
        type: declaration.node.type,
      }),
    });
  });
  expect(messages).toEqual([]);
  return found.filter((entry) => entry.file !== undefined);
}

describe('declarationOf', () => {
  it('follows requires, a CommonJS barrel and a static method to their declarations', () => {
    expect(declarations(join(fixtures, 'js/index.js'))).toEqual([
      { callee: 'setup', file: 'js/lib/setup.js', line: 7, type: 'FunctionDeclaration' },
      { callee: 'Metrics.getInstance', file: 'js/lib/metrics.js', line: 7, type: 'FunctionExpression' },
      { callee: 'Service', file: 'js/lib/service.js', line: 4, type: 'ClassDeclaration' },
      { callee: "require('./lib/runner').runForever", file: 'js/lib/runner.js', line: 7, type: 'FunctionDeclaration' },
    ]);
  });

  it("reaches the package's own entry (`require('..')`) and what it re-exports", () => {
    expect(declarations(join(fixtures, 'js/bin/cli.js'))).toEqual([
      { callee: 'createPool', file: 'js/lib/pool.js', line: 8, type: 'FunctionDeclaration' },
    ]);
  });

  it('follows TypeScript imports (`./x.js` for `./x.ts`), `export *` and `export { x } from` barrels', () => {
    expect(declarations(join(fixtures, 'ts/src/index.ts'))).toEqual([
      { callee: 'createDb', file: 'ts/src/db.ts', line: 3, type: 'FunctionDeclaration' },
      { callee: 'Agent.getInstance', file: 'ts/src/agent.ts', line: 7, type: 'FunctionExpression' },
    ]);
  });

  it('gives nothing for a dependency or a builtin, and skips a file that does not parse', () => {
    expect(declarations(join(fixtures, 'js/lib/pool.js'))).toEqual([
      { callee: 'makePool', file: 'js/lib/pool.js', line: 4, type: 'FunctionDeclaration' },
    ]);
    // broken.js itself does not parse, so a file that imports it would see nothing; starts-broken.js is fine.
    expect(declarations(join(fixtures, 'js/lib/holder.js'))).toEqual([
      { callee: 'makeHeldTimer', file: 'js/lib/held.js', line: 3, type: 'FunctionDeclaration' },
    ]);
  });

  it("follows a call to what it hands over: a thunk, and the project's memoiser over one, across files", () => {
    expect(declarations(join(fixtures, 'js/thunk/sdk.js'))).toEqual([
      { callee: 'lazy', file: 'js/thunk/lazy.js', line: 3, type: 'FunctionExpression' },
      { callee: 'getReporter()', file: 'js/thunk/reporter.js', line: 4, type: 'ClassDeclaration' },
      { callee: 'loadSessions()', file: 'js/lib/sessions.js', line: 5, type: 'ClassDeclaration' },
      { callee: 'loadSessions', file: 'js/thunk/sdk.js', line: 6, type: 'ArrowFunctionExpression' },
      { callee: 'loadOptions()', file: 'js/lib/options.js', line: 3, type: 'ClassDeclaration' },
      { callee: 'loadOptions', file: 'js/thunk/sdk.js', line: 7, type: 'ArrowFunctionExpression' },
    ]);
    // `getReporter` itself is no declaration (the getter lazy() makes); `getReporter()` is what its thunk returns.
  });
});
