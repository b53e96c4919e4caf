// CalleeNames (src/analysis/callee-names.ts) lets the client and worker rules pass over a call without
// resolving its callee or looking up its declaration. It must never say "no" where the full lookup would
// find something: checked against Resolver.resolve and declarationOf on snippets and on every call of
// real files of the installed node_modules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { CalleeTarget } from '../../src/analysis/callee-names.js';
import { FileAnalysis } from '../../src/analysis/file-analysis.js';
import { moduleMatches, type Resolved } from '../../src/analysis/resolve.js';
import { declarationOf } from '../../src/analysis/same-file-declaration.js';
import { EntryTable } from '../../src/detect/table-match.js';
import { CLIENTS } from '../../src/tables/clients.js';

const TIMERS: ReadonlySet<string> = new Set(['setInterval', 'setTimeout']);
const NONE: ReadonlySet<string> = new Set();

/** A target of a few modules (and the timers' globals, when `globals`). */
const targetOf = (modules: readonly string[], globals = NONE): CalleeTarget => ({
  accepts: (module) => modules.some((pattern) => moduleMatches(pattern, module)),
  globals,
});

interface Callee {
  text: string;
  resolved: Resolved | undefined;
  declared: boolean;
  reaches: (target: CalleeTarget) => boolean;
  mayDeclare: boolean;
}

/** For every call and `new` of the code: the full answers and the name test's. */
function callees(code: string, sourceType: 'module' | 'commonjs' = 'module'): Callee[] {
  const found: Callee[] = [];
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      const analysis = new FileAnalysis(context.sourceCode);
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
        found.push({
          text: context.sourceCode.getText(node.callee),
          resolved: analysis.resolver.resolve(node.callee),
          declared: declarationOf(analysis, node.callee) !== undefined,
          reaches: (target) => analysis.calleeNames.mayReach(node.callee, target),
          mayDeclare: analysis.calleeNames.mayDeclare(node.callee),
        });
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(code, {
    languageOptions: { sourceType },
    plugins: { test: { rules: { callees: rule as never } } },
    rules: { 'test/callees': 'error' },
  });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

/** The invariant: what the full lookup finds is never ruled out. */
function expectNeverRuledOut(found: readonly Callee[], target: CalleeTarget): number {
  let kept = 0;
  for (const callee of found) {
    const { text, resolved } = callee;
    const wanted =
      (resolved?.kind === 'module' && target.accepts(resolved.module)) ||
      (resolved?.kind === 'global' && target.globals.has(resolved.path[0]!));
    if (wanted) {
      expect({ text, reaches: callee.reaches(target) }).toEqual({ text, reaches: true });
      kept++;
    }
    if (callee.declared) expect({ text, mayDeclare: callee.mayDeclare }).toEqual({ text, mayDeclare: true });
  }
  return kept;
}

describe('CalleeNames.mayReach', () => {
  const code = `
    import http from 'node:http';
    import * as wt from 'node:worker_threads';
    import { join } from 'node:path';
    const { Pool: P } = require('pg');
    const timers = require('timers');
    const st = setTimeout;
    let later; later = require('node:child_process');
    const alias = http;
    const Agent = alias.Agent;
    let either = x ? http : require('http');
    function local() {}
    class C { m() { this.run(); } }
    const make = () => new C();
    new http.Agent(); new wt.Worker('x'); new P(); timers.setInterval(f, 1); st(f, 1); later.fork('x');
    require('node:http').request(); (0, http.get)(); (x ? http : http).get(); globalThis.setInterval(f, 1);
    setInterval(f, 1); local(); console.log(1); new C().m(); (await import('pg')).connect(); join('a');
    new Agent(); either.get(); make(); promise.then(f).catch(g); (function () {})();
  `;
  const clientModules = targetOf(['http', 'pg', 'worker_threads', 'child_process']);
  const timerTarget = targetOf(['timers'], TIMERS);

  it('keeps every spelling of a table module member, and rules out the rest', () => {
    const found = callees(code);
    expect(expectNeverRuledOut(found, clientModules)).toBeGreaterThan(8);
    const ruledOut = found.filter((callee) => !callee.reaches(clientModules)).map((callee) => callee.text);
    expect([...new Set(ruledOut)].sort()).toEqual([
      'C',
      'console.log',
      'function () {}',
      'globalThis.setInterval',
      'join',
      'local',
      'make',
      'new C().m',
      'promise.then',
      'promise.then(f).catch',
      'require',
      'setInterval',
      'st',
      'this.run',
      'timers.setInterval',
    ]);
  });

  it("keeps the timers' globals, their aliases and the `timers` module for a timer target", () => {
    const found = callees(code);
    expect(expectNeverRuledOut(found, timerTarget)).toBe(4);
    const kept = found.filter((callee) => callee.reaches(timerTarget)).map((callee) => callee.text);
    expect(kept).toEqual(expect.arrayContaining(['setInterval', 'globalThis.setInterval', 'st', 'timers.setInterval']));
    expect(kept).not.toContain('console.log');
    expect(kept).not.toContain('http.Agent');
  });

  it('takes a client table as its target: a row is a module member of the table', () => {
    const table = EntryTable.of(CLIENTS);
    const found = callees(code);
    expectNeverRuledOut(found, table);
    expect(found.find((callee) => callee.text === 'http.Agent')?.reaches(table)).toBe(true);
    expect(found.find((callee) => callee.text === 'join')?.reaches(table)).toBe(false);
  });

  it('never rules out what resolve() or declarationOf() finds, on real files of the installed node_modules', () => {
    const dir = join(process.cwd(), 'node_modules', 'eslint', 'lib', 'linter');
    const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    const everyModule: CalleeTarget = { accepts: () => true, globals: TIMERS };
    // Real files quote node:path, node:fs, and their own helpers: a narrow target keeps only those.
    const someModules = targetOf(['path', 'fs', 'assert', 'debug', 'espree', 'eslint-scope', 'util']);
    let kept = 0;
    let declared = 0;
    for (const name of files) {
      const found = callees(readFileSync(join(dir, name), 'utf8'), 'commonjs');
      kept += expectNeverRuledOut(found, everyModule);
      kept += expectNeverRuledOut(found, someModules);
      declared += found.filter((callee) => callee.declared).length;
    }
    expect(kept).toBeGreaterThan(20);
    expect(declared).toBeGreaterThan(20);
  });
});

describe('CalleeNames.mayDeclare', () => {
  it("names the file's classes and functions, and nothing declarationOf cannot answer for", () => {
    const found = callees(`
      class C {}
      function f() {}
      const g = () => 1;
      const K = class {};
      const v = 1;
      function outer(p) { p(); v(); console.log(); }
      new C(); f(); g(); new K(); (function () {})(); new (class {})(); obj.f(); outer(f);
    `);
    expectNeverRuledOut(found, targetOf([]));
    const may = found.filter((callee) => callee.mayDeclare).map((callee) => callee.text);
    expect(may.sort()).toEqual(['C', 'K', 'class {}', 'f', 'function () {}', 'g', 'outer']);
  });
});
