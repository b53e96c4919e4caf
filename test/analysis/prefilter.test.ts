// The cheap answers that let the rules skip work (docs/performance.md) must never say "no" where the
// full analysis would say "yes": the per-rule text prefilters (src/detect/prefilter.ts). The callees'
// name test (CalleeNames) is checked in callee-names.test.ts.
import { describe, expect, it } from 'vitest';
import {
  cachedHandlePrefilter,
  clientPrefilter,
  listenerPrefilter,
  workerPrefilter,
} from '../../src/detect/prefilter.js';
import { EntryTable } from '../../src/detect/table-match.js';
import { BACKGROUND_CREATORS } from '../../src/tables/background-work.js';
import { CLIENTS } from '../../src/tables/clients.js';

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

  it('pass every file with type information', () => {
    expect(clientPrefilter(EntryTable.of(CLIENTS), true).mayReport('', undefined)).toBe(true);
    expect(cachedHandlePrefilter(true).mayReport('', undefined)).toBe(true);
  });
});
