// EntryTable: the per-file text prefilter (a table module must be quoted somewhere in the file) and the
// per-module row lookup that the client and worker rules (and no-cached-handle's client check) share.
import { join } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { Resolved } from '../../src/analysis/resolve.js';
import { EntryTable, type TableEntry } from '../../src/detect/table-match.js';
import { CLIENTS } from '../../src/tables/clients.js';

const rows: TableEntry[] = [
  { package: 'pg', export: 'Pool', via: 'new' },
  { package: 'node:http', export: 'Agent', via: 'new' },
  { package: '@aws-sdk/client-*', export: '*Client', via: 'new' },
  { package: 'pg', export: 'Pool', via: 'any' },
  { package: 'axios', export: 'create', via: 'call' },
];
const table = EntryTable.of(rows);

/** The first `new X()` or `X()` of a snippet. */
function creation(code: string): TSESTree.NewExpression | TSESTree.CallExpression {
  const statement = parse(code).body[0] as TSESTree.ExpressionStatement;
  return statement.expression as TSESTree.NewExpression | TSESTree.CallExpression;
}
const module = (name: string, ...path: string[]): Resolved => ({ kind: 'module', module: name, path });

describe('EntryTable.mayMatch: a table module quoted somewhere in the text', () => {
  it.each([
    ["import { Pool } from 'pg';"],
    ['const http = require("node:http");'],
    ['const http = require(`http`);'],
    ["import { S3Client } from '@aws-sdk/client-s3';"],
    ["const axios = await import('axios');"],
  ])('finds %s', (text) => expect(table.mayMatch(text)).toBe(true));

  it.each([
    ['// see https://example.com/http and the pg docs'],
    ["import PgBoss from 'pg-boss';"],
    ["import { Agent } from 'https';"],
    ["import { S3 } from '@aws-sdk/lib-storage';"],
    [''],
  ])('skips %s', (text) => expect(table.mayMatch(text)).toBe(false));
});

describe('EntryTable.match: the first row of the resolved module, in table order', () => {
  it('matches by module, export path and how it is called', () => {
    expect(table.match(creation('new P()'), module('pg', 'Pool'))).toBe(rows[0]);
    expect(table.match(creation('P()'), module('pg', 'Pool'))).toBe(rows[3]);
    expect(table.match(creation('new A()'), module('http', 'Agent'))).toBe(rows[1]);
    expect(table.match(creation('new C()'), module('@aws-sdk/client-s3', 'S3Client'))).toBe(rows[2]);
    expect(table.match(creation('create()'), module('axios', 'default', 'create'))).toBe(rows[4]);
  });

  it('matches nothing for a global, an unresolved callee, another export or a call where only new is listed', () => {
    expect(table.match(creation('new Pool()'), { kind: 'global', path: ['Pool'] })).toBeUndefined();
    expect(table.match(creation('new Pool()'), undefined)).toBeUndefined();
    expect(table.match(creation('new Client()'), module('pg', 'Client'))).toBeUndefined();
    expect(table.match(creation('Agent()'), module('http', 'Agent'))).toBeUndefined();
    expect(table.match(creation('new S3()'), module('@aws-sdk/client-s3', 'S3'))).toBeUndefined();
  });

  it('passes the rows of the module to accepts, in order, until one is accepted', () => {
    const asked: TableEntry[] = [];
    const found = table.match(creation('new P()'), module('pg', 'Pool'), (entry) => {
      asked.push(entry);
      return entry.via === 'any';
    });
    expect(found).toBe(rows[3]);
    expect(asked).toEqual([rows[0], rows[3]]);
  });
});

describe('EntryTable.of', () => {
  it('builds the table of a built-in list once, and a new one with additions', () => {
    expect(EntryTable.of(CLIENTS)).toBe(EntryTable.of(CLIENTS));
    const extra = { package: 'my-sdk', export: 'Client', via: 'new' as const, family: 'sdk' as const };
    const extended = EntryTable.of(CLIENTS, [extra]);
    expect(extended).not.toBe(EntryTable.of(CLIENTS));
    expect(extended.mayMatch("require('my-sdk')")).toBe(true);
    expect(EntryTable.of(CLIENTS).mayMatch("require('my-sdk')")).toBe(false);
    expect(extended.match(creation('new C()'), module('my-sdk', 'Client'))).toBe(extra);
  });

  it('matches nothing with no rows', () => {
    const empty = EntryTable.of<TableEntry>([]);
    expect(empty.mayMatch("import x from 'pg'")).toBe(false);
    expect(empty.match(creation('new P()'), module('pg', 'Pool'))).toBeUndefined();
  });
});

describe('EntryTable.mayMatchFile', () => {
  // A file of the self-import fixture (package 'my-broker', subpath 'my-broker/callback_api') that
  // reaches the package's entry and subpath only through relative specifiers.
  const file = join(import.meta.dirname, '..', 'fixtures', 'self-import', 'examples', 'consumer.js');
  const text = "const broker = require('..');\nconst cb = require('../lib/callback');";
  const row = (pkg: string): TableEntry => ({ package: pkg, export: 'Client', via: 'new' });

  it('passes a file whose relative specifiers stand for a package of the table (its name, a subpath, a wildcard)', () => {
    expect(EntryTable.of([row('my-broker')]).mayMatchFile(text, file)).toBe(true);
    expect(EntryTable.of([row('my-broker/callback_api')]).mayMatchFile(text, file)).toBe(true);
    expect(EntryTable.of([row('my-*')]).mayMatchFile(text, file)).toBe(true);
  });

  it('skips it when no package the file is in can be a row', () => {
    expect(EntryTable.of([row('pg'), row('my-broker-extra'), row('other/*')]).mayMatchFile(text, file)).toBe(false);
    expect(EntryTable.of([row('my-broker')]).mayMatchFile(text, undefined)).toBe(false);
  });
});
