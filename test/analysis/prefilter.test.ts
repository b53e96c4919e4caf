// The cheap answers that let the rules skip work (docs/performance.md) must never say "no" where the
// full analysis would say "yes": the per-rule text prefilters (src/detect/prefilter.ts) and the
// resolver's name test (Resolver.mayResolveTo), checked against the full answer on snippets and on real
// files of the installed node_modules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../src/analysis/resolve.js';
import {
  cachedHandlePrefilter,
  clientPrefilter,
  listenerPrefilter,
  workerPrefilter,
} from '../../src/detect/prefilter.js';
import { EntryTable } from '../../src/detect/table-match.js';
import { BACKGROUND_CREATORS } from '../../src/tables/background-work.js';
import { CLIENTS } from '../../src/tables/clients.js';

const TIMERS: ReadonlySet<string> = new Set(['setInterval', 'setTimeout']);

/**
 * For every call and `new` of the code: what the callee resolves to, and the name test's answers.
 * `typescript`: parsed with typescript-eslint's parser (type-only imports, `import x = require()`).
 */
function callees(code: string, sourceType: 'module' | 'commonjs' = 'module', typescript = false) {
  const found: {
    text: string;
    resolved: ReturnType<Resolver['resolve']>;
    may: boolean;
    mayTimer: boolean;
    globalChain: boolean;
  }[] = [];
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      const resolver = new Resolver(context.sourceCode);
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
        found.push({
          text: context.sourceCode.getText(node.callee),
          resolved: resolver.resolve(node.callee),
          may: resolver.mayResolveTo(node.callee),
          mayTimer: resolver.mayResolveTo(node.callee, TIMERS),
          globalChain: resolver.isGlobalChain(node.callee),
        });
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(code, {
    languageOptions: { sourceType, ...(typescript ? { parser: tsParser } : {}) },
    plugins: { test: { rules: { callees: rule as never } } },
    rules: { 'test/callees': 'error' },
  });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

/** The invariant: a module member, or a global named in the set, is never ruled out by the name test. */
function expectNeverRuledOut(found: ReturnType<typeof callees>): void {
  for (const { text, resolved, may, mayTimer } of found) {
    if (resolved?.kind === 'module') expect({ text, may, mayTimer }).toEqual({ text, may: true, mayTimer: true });
    if (resolved?.kind === 'global' && TIMERS.has(resolved.path[0]!))
      expect({ text, mayTimer }).toEqual({ text, mayTimer: true });
  }
}

describe('Resolver.mayResolveTo', () => {
  it('keeps every spelling of a module member or a timer, and rules out the rest', () => {
    const found = callees(`
      import http from 'node:http';
      import * as wt from 'node:worker_threads';
      const { Pool: P } = require('pg');
      const timers = require('timers');
      const st = setTimeout;
      let later; later = require('node:child_process');
      function local() {}
      class C { m() { this.run(); } }
      new http.Agent(); new wt.Worker('x'); new P(); timers.setInterval(f, 1); st(f, 1); later.fork('x');
      require('node:http').request(); (0, http.get)(); (x ? http : http).get(); globalThis.setInterval(f, 1);
      setInterval(f, 1); local(); console.log(1); new C().m(); (await import('pg')).connect();
    `);
    expectNeverRuledOut(found);
    const ruledOut = new Set(found.filter((entry) => !entry.may).map((entry) => entry.text));
    // `require` itself is a global function, not a module member; `setInterval` is one only as a timer.
    expect([...ruledOut].sort()).toEqual([
      'C',
      'console.log',
      'local',
      'new C().m',
      'require',
      'setInterval',
      'this.run',
    ]);
    expect(found.find((entry) => entry.text === 'setInterval')?.mayTimer).toBe(true);
  });

  it('never rules out what resolve() finds, on real files of the installed node_modules', () => {
    const dir = join(process.cwd(), 'node_modules', 'eslint', 'lib', 'linter');
    const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(5);
    let modules = 0;
    for (const name of files) {
      const found = callees(readFileSync(join(dir, name), 'utf8'), 'commonjs');
      expectNeverRuledOut(found);
      modules += found.filter((entry) => entry.resolved?.kind === 'module').length;
    }
    expect(modules).toBeGreaterThan(0);
  });
});

describe("EntryTable.mayMatch: a table's module quoted where a module name can stand", () => {
  /** A table of one row for `module`: the text test a rule would run for it. */
  const tableOf = (module: string) => EntryTable.of([{ package: module, export: 'x', via: 'any' as const }]);

  it('passes every module the resolver reads, on real JavaScript and TypeScript files', () => {
    const sets = [
      { dir: join(process.cwd(), 'node_modules', 'eslint', 'lib', 'linter'), ext: '.js', typescript: false },
      { dir: join(process.cwd(), 'src', 'analysis'), ext: '.ts', typescript: true },
      { dir: join(process.cwd(), 'src', 'detect'), ext: '.ts', typescript: true },
    ];
    let modules = 0;
    for (const { dir, ext, typescript } of sets) {
      for (const name of readdirSync(dir).filter((file) => file.endsWith(ext))) {
        const text = readFileSync(join(dir, name), 'utf8');
        for (const { text: callee, resolved } of callees(text, typescript ? 'module' : 'commonjs', typescript)) {
          if (resolved?.kind !== 'module') continue;
          modules++;
          expect({ name, callee, passes: tableOf(resolved.module).mayMatch(text) }).toEqual({
            name,
            callee,
            passes: true,
          });
        }
      }
    }
    expect(modules).toBeGreaterThan(20);
  });

  it('passes a module behind comments, and skips one named only in comments, strings and type-only imports', () => {
    const pg = tableOf('pg');
    for (const text of ["require(// the driver\n  'pg')", "import(/* chunk */ 'pg')", "import pg from 'pg'"])
      expect(pg.mayMatch(text)).toBe(true);
    for (const text of [
      '/** Uses `pg` underneath. */',
      "const options = { protocol: 'pg' };",
      "import type { Pool } from 'pg';",
      "import { type Pool, type Client as C } from 'pg';",
      "export type { Pool } from 'pg';",
    ])
      expect(pg.mayMatch(text)).toBe(false);
    // A value specifier among type ones, or a value named `type`, is an import.
    for (const text of ["import { type Pool, Client } from 'pg';", "import { type } from 'pg';"])
      expect(pg.mayMatch(text)).toBe(true);
  });
});

describe('Resolver.isGlobalChain', () => {
  it('says global only where resolve() does (a computed member of a global aside), on snippets and real files', () => {
    const snippet = callees(`
      import http from 'node:http';
      const local = { log() {} };
      let later; later = Promise;
      console.log(1); new Map(); Promise.all([]); globalThis.fetch('x'); new http.Agent(); local.log();
      later.all([]); require('pg'); (0, console.log)(2); new (class {})(); console[local.name]();
    `);
    const linter = join(process.cwd(), 'node_modules', 'eslint', 'lib', 'linter');
    const detect = join(process.cwd(), 'src', 'detect');
    const real = [
      ...readdirSync(linter)
        .filter((name) => name.endsWith('.js'))
        .flatMap((name) => callees(readFileSync(join(linter, name), 'utf8'), 'commonjs')),
      ...readdirSync(detect)
        .filter((name) => name.endsWith('.ts'))
        .flatMap((name) => callees(readFileSync(join(detect, name), 'utf8'), 'module', true)),
    ];
    for (const { text, resolved, globalChain } of [...snippet, ...real])
      if (globalChain)
        expect({ text, global: resolved?.kind === 'global' || text.includes('[') }).toEqual({ text, global: true });
    // An alias of a global (`later`) and a call between (`(0, console.log)`) are left to resolve().
    expect(snippet.filter((entry) => entry.globalChain).map((entry) => entry.text)).toEqual([
      'console.log',
      'Map',
      'Promise.all',
      'globalThis.fetch',
      'require',
      'console[local.name]',
    ]);
    expect(real.filter((entry) => entry.globalChain).length).toBeGreaterThan(100);
  });
});

describe('text prefilters', () => {
  it('pass a file that quotes a table module, and skip one that names none of the words', () => {
    const clients = clientPrefilter(EntryTable.of(CLIENTS), false);
    expect(clients.mayReport("const { Pool } = require('pg');", undefined)).toBe(true);
    expect(clients.mayReport('const pg = 1; new Pool();', undefined)).toBe(false);
    const workers = workerPrefilter(EntryTable.of(BACKGROUND_CREATORS));
    expect(workers.mayReport("import { Worker } from 'node:worker_threads';", undefined)).toBe(true);
    expect(workers.mayReport('const t = setTimeout;', undefined)).toBe(true);
    expect(workers.mayReport('const Worker = 1;', undefined)).toBe(false);
    expect(listenerPrefilter().mayReport("import { on } from 'node:process';", undefined)).toBe(true);
    expect(listenerPrefilter().mayReport('emitter.on("exit", f);', undefined)).toBe(false);
    const cached = cachedHandlePrefilter(false);
    for (const text of ['class A {}', 'x.getInstance()', 'X.instance', 'perProcessProxy(f)', "require('ioredis')"])
      expect(cached.mayReport(text, undefined)).toBe(true);
    expect(cached.mayReport('const api = options.api;', undefined)).toBe(false);
  });

  it("extend their words with the rule's additional rows", () => {
    const own = [{ package: 'my-db', export: 'Db', via: 'new' as const }];
    expect(clientPrefilter(EntryTable.of(CLIENTS), false).mayReport("require('my-db')", undefined)).toBe(false);
    expect(clientPrefilter(EntryTable.of(CLIENTS, own), false).mayReport("require('my-db')", undefined)).toBe(true);
    const creators = EntryTable.of(BACKGROUND_CREATORS, [{ ...own[0]!, kind: 'pool' as const }]);
    expect(workerPrefilter(creators).mayReport("import { Db } from 'my-db';", undefined)).toBe(true);
  });

  it("pass a client-rule file that imports another project file, whose class may own a client (issue 14's forward case)", () => {
    const clients = clientPrefilter(EntryTable.of(CLIENTS), false);
    for (const text of [
      "import { Sessions } from './sessions.js';",
      'const S = require("../lib/sessions");',
      "const own = require('..');",
      'import(`./x`);',
    ])
      expect(clients.mayReport(text, undefined)).toBe(true);
    for (const text of ["import x from 'lodash';", "const a = '...';", "const dots = 'a./b';"])
      expect(clients.mayReport(text, undefined)).toBe(false);
  });

  it('pass every file with type information', () => {
    expect(clientPrefilter(EntryTable.of(CLIENTS), true).mayReport('', undefined)).toBe(true);
    expect(cachedHandlePrefilter(true).mayReport('', undefined)).toBe(true);
  });
});
