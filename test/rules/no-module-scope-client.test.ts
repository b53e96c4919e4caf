import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-client.js';
import { checkCaseTable, runRuleTests } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** What a fix adds to a file that neither imports nor requires the runtime yet. */
const importPerProcess = "import { perProcess } from 'eslint-plugin-fork-safe/runtime';";
const importProxy = "import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';";
const requirePerProcess = "const { perProcess } = require('eslint-plugin-fork-safe/runtime');";
const requireProxy = "const { perProcessProxy } = require('eslint-plugin-fork-safe/runtime');";
/** The usePerProcess suggestion's note when a use runs at load. */
const atLoad = {
  atLoadNote: '; uses at load now create the client there, and what they do reaches that first client only',
};
/** The usePerProcess suggestion's note when setup at load moves into the factory. */
const movesSetup = { atLoadNote: '; its setup at load moves into the factory, so every client gets it' };
/** CommonJS: typescript-eslint's RuleTester sets parserOptions.sourceType 'module' unless a case overrides it there. */
const script = { parserOptions: { sourceType: 'script' } } as const;
const lazyInit: Options = [{ lazyInit: true }];

const valid: Valid[] = [
  // ---- clients created where they do not run at load ----
  {
    name: 'a client created in a request handler (folded in from the smoke test)',
    code: `import { Pool } from 'pg';
export function handler() { const pool = new Pool(); return pool.query('x'); }`,
  },
  {
    name: 'a pool created, used and closed inside a Lambda handler',
    code: `import { Pool } from 'pg';
export async function handler(event) {
  const pool = new Pool();
  try {
    return await pool.query('select 1');
  } finally {
    await pool.end();
  }
}`,
  },
  {
    name: 'a client created in an express route callback',
    code: `import express from 'express';
import axios from 'axios';
const app = express();
app.get('/', async (req, res) => {
  const api = axios.create({ baseURL: 'https://api.example.com' });
  res.json(await api.get('/'));
});`,
  },
  {
    name: 'config-only HTTP clients own no agent: axios.create, got.extend and ky.create at load (docs/ownership.md)',
    code: `import axios from 'axios';
import got from 'got';
import ky from 'ky';
export const api = axios.create({ baseURL: 'https://api.example.com' });
export const github = got.extend({ prefixUrl: 'https://api.github.com' });
export const me = ky.create({ prefixUrl: 'https://api.example.com' });`,
  },
  {
    name: 'a factory function that nothing calls at load',
    code: `import { S3Client } from '@aws-sdk/client-s3';
import Redis from 'ioredis';
export function s3() {
  return new S3Client({});
}
export const redis = () => new Redis();`,
  },
  {
    name: 'a function called only from an event handler',
    code: `import { MongoClient } from 'mongodb';
function connect() {
  return new MongoClient('mongodb://localhost');
}
process.on('message', () => connect());`,
  },
  {
    name: 'a class that is never instantiated at load (field and constructor)',
    code: `import { Pool } from 'pg';
export class Repository {
  pool = new Pool();
  constructor() {
    this.client = new Pool();
  }
}`,
  },
  {
    name: 'callbacks that run later: timers, nextTick, microtasks',
    code: `import { Pool } from 'pg';
setTimeout(() => {
  const pool = new Pool();
}, 0);
process.nextTick(() => new Pool());
queueMicrotask(() => new Pool());`,
  },
  {
    name: 'a generator: its body runs on next()',
    code: `import { Pool } from 'pg';
function* pools() {
  yield new Pool();
}
const iterator = pools();`,
  },
  {
    name: 'a dynamic import inside a function',
    code: `export async function getDb() {
  const { Pool } = await import('pg');
  return new Pool();
}`,
  },
  {
    name: 'a promise callback and a listener run later',
    code: `import { Pool } from 'pg';
loadConfig().then((config) => new Pool(config));
server.on('listening', () => {
  const pool = new Pool();
});`,
  },
  {
    name: 'a method of an exported object literal',
    code: `import { Pool } from 'pg';
export const db = {
  connect() {
    return new Pool();
  },
};`,
  },
  {
    name: 'a CommonJS module that exports a factory',
    code: `const { Pool } = require('pg');
module.exports = function createPool(options) {
  return new Pool(options);
};`,
    languageOptions: script,
  },
  {
    name: 'mongoose schemas and models are not connections',
    code: `import mongoose from 'mongoose';
const userSchema = new mongoose.Schema({ name: String });
export const User = mongoose.model('User', userSchema);`,
  },
  // ---- type-only imports ----
  {
    name: 'type-only imports, used as types',
    code: `import type { Pool } from 'pg';
import { type PrismaClient } from '@prisma/client';
import type Redis from 'ioredis';
let pool: Pool | undefined;
export type Db = PrismaClient;
export function use(redis: Redis) {
  return redis;
}`,
  },
  {
    name: 'a type-only import used as a value resolves to nothing',
    code: `import { type Pool } from 'pg';
export const pool = new Pool();`,
  },
  {
    name: 'a namespace type from a client package',
    code: `import Stripe from 'stripe';
export function onEvent(event: Stripe.Event) {
  return event.type;
}`,
  },
  // ---- the runtime's own holders ----
  {
    name: 'perProcess and perProcessProxy holders',
    code: `import { perProcess, perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';
import http from 'node:http';
const pool = perProcess(() => new Pool(), { dispose: (p) => p.end() });
export const prisma = perProcessProxy(() => new PrismaClient());
const agent = perProcess(() => new http.Agent({ keepAlive: true }));
export const query = (sql) => pool.get().query(sql);`,
  },
  {
    name: 'a perProcess holder through require, with the dev-reload scope',
    code: `const { perProcess } = require('eslint-plugin-fork-safe/runtime');
const Redis = require('ioredis');
const redis = perProcess(() => new Redis(), { scope: 'globalThis', key: 'redis', dispose: (r) => r.quit() });
module.exports = { redis };`,
    languageOptions: script,
  },
  {
    name: 'a holder under another name, and under a configured runtime module',
    code: `import { perProcess as holder } from '#runtime';
import { Pool } from 'pg';
export const pool = holder(() => new Pool());`,
    settings: { 'fork-safe': { runtimeModule: '#runtime' } },
  },
  // ---- reads, requests and helpers of the same packages ----
  {
    name: 'http.globalAgent and https.globalAgent reads',
    code: `import http from 'node:http';
import https from 'https';
http.globalAgent.maxSockets = 10;
const agent = https.globalAgent;
export { agent };`,
  },
  {
    name: 'requests at load are requests, not clients: axios.get, got(), ky.get, undici request and fetch, http.get',
    code: `import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { request, fetch } from 'undici';
import http from 'node:http';
const config = await axios.get('https://example.com/config.json');
const page = await got('https://example.com');
const data = await ky.get('https://example.com').json();
const res = await request('http://localhost');
const r2 = await fetch('http://localhost');
http.get('http://localhost/health', (response) => response.resume());`,
  },
  {
    name: 'helpers that are not clients: pg.types, mysql2 escape, net.isIP, http.STATUS_CODES, createServer',
    code: `import pg from 'pg';
import mysql from 'mysql2';
import net from 'node:net';
import http from 'node:http';
pg.types.setTypeParser(20, parseInt);
const escaped = mysql.escape('x');
const isIp = net.isIP('127.0.0.1');
const codes = http.STATUS_CODES;
const server = http.createServer((req, res) => res.end());
const tcp = net.createServer();`,
  },
  {
    name: 'an AWS SDK command object is not a client',
    code: `import { GetObjectCommand } from '@aws-sdk/client-s3';
export const command = new GetObjectCommand({ Bucket: 'b', Key: 'k' });`,
  },
  {
    name: 'a Pool and a Client from packages the table does not list',
    code: `import { Pool } from 'generic-pool';
import { Client } from 'ssh2';
export const pool = new Pool();
export const client = new Client();`,
  },
  // ---- names that only look like clients ----
  {
    name: "the user's own Pool class",
    code: `class Pool {
  constructor(size) {
    this.size = size;
  }
}
const pool = new Pool(4);
export { pool };`,
  },
  {
    name: 'a Pool shadowed by a parameter and a block-scoped class',
    code: `import { Pool } from 'pg';
function make(Pool) {
  return new Pool();
}
{
  const Pool = class {};
  new Pool();
}
export const made = make(class {});`,
  },
  {
    name: 'createClient shadowed by a local function',
    code: `import { createClient as redisClient } from 'redis';
function createClient() {
  return {};
}
export const client = createClient();`,
  },
  {
    name: "an object's own connect method",
    code: `const net = { connect(port) { return port; } };
export const connection = net.connect(6379);`,
  },
  {
    name: 'a file that imports nothing from the table',
    code: `import { something } from './db.js';
const pool = new Pool();
const client = createClient();
export { pool, client, something };`,
  },
  {
    name: 'a file that mentions no client package at all (fast path)',
    code: `export const answer = 42;
function start() {
  return answer;
}
start();`,
  },
  // ---- options ----
  {
    name: 'an additional client that is called, where the option says it is constructed',
    code: `import { Queue } from 'my-queue';
export const queue = Queue();`,
    options: [{ additionalClients: [{ package: 'my-queue', export: 'Queue', via: 'new' }] }],
  },
  {
    name: 'lazyInit: a getter whose variable another function resets',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  pool ??= new Pool();
  return pool;
}
export async function closePool() {
  await pool?.end();
  pool = undefined;
}`,
    options: lazyInit,
  },
  {
    name: 'lazyInit: if (!client) client = new C() with a close path that resets it',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  if (!pool) pool = new Pool();
  return pool;
}
export async function closePool() {
  await pool?.end();
  pool = undefined;
}`,
    options: lazyInit,
  },
  {
    name: 'lazyInit: a static getInstance() with a reset after fork, and one whose class holds no client',
    code: `import { Pool } from 'pg';
export class Db {
  static instance: Db | undefined;
  pool = new Pool();
  static getInstance() {
    if (!Db.instance) Db.instance = new Db();
    return Db.instance;
  }
  static afterFork() {
    Db.instance = undefined;
  }
}
export class Settings {
  static instance: Settings | undefined;
  values = new Map();
  static getInstance() {
    if (!Settings.instance) Settings.instance = new Settings();
    return Settings.instance;
  }
}`,
    options: lazyInit,
  },
  {
    name: 'lazyInit: not a lazy creation (a non-client, an assignment behind another test, a compound test)',
    code: `import { Pool } from 'pg';
let cache: Map<string, string> | undefined;
export function getCache() {
  if (!cache) cache = new Map();
  return cache;
}
let pool: Pool | undefined;
export function connect(enabled: boolean) {
  if (enabled) pool = new Pool();
  return pool;
}
let live: Pool | undefined;
export function getLive() {
  if (!live || live.ending) live = new Pool();
  return live;
}`,
    options: lazyInit,
  },
  {
    name: 'lazyInit off (the default): the lazy getter is not reported',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  pool ??= new Pool();
  return pool;
}`,
  },
  {
    name: 'lazyInit: a variable local to the getter is not a module variable',
    code: `import { Pool } from 'pg';
export function getPool() {
  let pool;
  pool ??= new Pool();
  return pool;
}`,
    options: lazyInit,
  },
  {
    name: 'lazyInit: a ??= of something that is not a client',
    code: `import pg from 'pg';
let types;
export function getTypes() {
  types ??= pg.types.getTypeParser(20);
  return types;
}`,
    options: lazyInit,
  },
];

const invalid: Invalid[] = [
  // =====================================================================================
  // Node core
  // =====================================================================================
  {
    name: 'new http.Agent (default import): dispose with destroy, a shorthand use rewritten',
    code: `import http from 'node:http';
const agent = new http.Agent({ keepAlive: true });
export function get(url) {
  return http.get(url, { agent });
}`,
    output: `import http from 'node:http';
${importPerProcess}
const agent = perProcess(() => new http.Agent({ keepAlive: true }), { dispose: (client) => client.destroy() });
export function get(url) {
  return http.get(url, { agent: agent.get() });
}`,
    errors: [{ messageId: 'client', data: { name: 'new http.Agent()' }, line: 2, column: 15 }],
  },
  {
    name: 'new Agent from https (named import)',
    code: `import { Agent } from 'https';
const agent = new Agent({ keepAlive: true, maxSockets: 50 });
export const options = () => ({ agent: agent });`,
    output: `import { Agent } from 'https';
${importPerProcess}
const agent = perProcess(() => new Agent({ keepAlive: true, maxSockets: 50 }), { dispose: (client) => client.destroy() });
export const options = () => ({ agent: agent.get() });`,
    errors: [{ messageId: 'client', data: { name: 'new Agent()' }, line: 2, column: 15 }],
  },
  {
    name: 'net.connect (namespace import)',
    code: `import * as net from 'node:net';
const socket = net.connect(6379, 'localhost');
export const ping = () => socket.write('PING\\r\\n');`,
    output: `import * as net from 'node:net';
${importPerProcess}
const socket = perProcess(() => net.connect(6379, 'localhost'), { dispose: (client) => client.destroy() });
export const ping = () => socket.get().write('PING\\r\\n');`,
    errors: [{ messageId: 'client', data: { name: 'net.connect()' }, line: 2, column: 16 }],
  },
  {
    name: 'net createConnection (named import)',
    code: `import { createConnection } from 'net';
const connection = createConnection({ port: 5432 });
export function send(data) {
  connection.write(data);
}`,
    output: `import { createConnection } from 'net';
${importPerProcess}
const connection = perProcess(() => createConnection({ port: 5432 }), { dispose: (client) => client.destroy() });
export function send(data) {
  connection.get().write(data);
}`,
    errors: [{ messageId: 'client', data: { name: 'createConnection()' }, line: 2, column: 20 }],
  },
  {
    name: 'new net.Socket (default import)',
    code: `import net from 'node:net';
const socket = new net.Socket();
export const close = () => socket.end();`,
    output: `import net from 'node:net';
${importPerProcess}
const socket = perProcess(() => new net.Socket(), { dispose: (client) => client.destroy() });
export const close = () => socket.get().end();`,
    errors: [{ messageId: 'client', data: { name: 'new net.Socket()' }, line: 2, column: 16 }],
  },
  {
    name: 'tls.connect',
    code: `import tls from 'node:tls';
const secure = tls.connect(443, 'example.com');
export const write = (data) => secure.write(data);`,
    output: `import tls from 'node:tls';
${importPerProcess}
const secure = perProcess(() => tls.connect(443, 'example.com'), { dispose: (client) => client.destroy() });
export const write = (data) => secure.get().write(data);`,
    errors: [{ messageId: 'client', data: { name: 'tls.connect()' }, line: 2, column: 16 }],
  },
  {
    name: 'dgram.createSocket: dispose with close',
    code: `import dgram from 'dgram';
const udp = dgram.createSocket('udp4');
export const send = (message) => udp.send(message, 8125, 'localhost');`,
    output: `import dgram from 'dgram';
${importPerProcess}
const udp = perProcess(() => dgram.createSocket('udp4'), { dispose: (client) => client.close() });
export const send = (message) => udp.get().send(message, 8125, 'localhost');`,
    errors: [{ messageId: 'client', data: { name: 'dgram.createSocket()' }, line: 2, column: 13 }],
  },
  {
    name: 'http2.connect (named import): dispose with close',
    code: `import { connect } from 'node:http2';
const session = connect('https://example.com');
export const get = (path) => session.request({ ':path': path });`,
    output: `import { connect } from 'node:http2';
${importPerProcess}
const session = perProcess(() => connect('https://example.com'), { dispose: (client) => client.close() });
export const get = (path) => session.get().request({ ':path': path });`,
    errors: [{ messageId: 'client', data: { name: 'connect()' }, line: 2, column: 17 }],
  },

  // =====================================================================================
  // HTTP clients
  // =====================================================================================
  {
    name: 'undici Agent and Pool (renamed import): two passes, one import (the fix that ends first goes first)',
    code: `import { Agent, Pool as UndiciPool } from 'undici';
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const pool = new UndiciPool('http://localhost:3000');
export const call = () => pool.request({ path: '/', method: 'GET', dispatcher });`,
    output: [
      `import { Agent, Pool as UndiciPool } from 'undici';
${importPerProcess}
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
const pool = perProcess(() => new UndiciPool('http://localhost:3000'), { dispose: (client) => client.close() });
export const call = () => pool.get().request({ path: '/', method: 'GET', dispatcher });`,
      `import { Agent, Pool as UndiciPool } from 'undici';
${importPerProcess}
const dispatcher = perProcess(() => new Agent({ keepAliveTimeout: 10_000 }), { dispose: (client) => client.close() });
const pool = perProcess(() => new UndiciPool('http://localhost:3000'), { dispose: (client) => client.close() });
export const call = () => pool.get().request({ path: '/', method: 'GET', dispatcher: dispatcher.get() });`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new Agent()' }, line: 2, column: 20 },
      { messageId: 'client', data: { name: 'new UndiciPool()' }, line: 3, column: 14 },
    ],
  },
  {
    name: 'undici Client (namespace import)',
    code: `import * as undici from 'undici';
const client = new undici.Client('http://localhost:3000');
export const health = () => client.request({ path: '/health', method: 'GET' });`,
    output: `import * as undici from 'undici';
${importPerProcess}
const client = perProcess(() => new undici.Client('http://localhost:3000'), { dispose: (client) => client.close() });
export const health = () => client.get().request({ path: '/health', method: 'GET' });`,
    errors: [{ messageId: 'client', data: { name: 'new undici.Client()' }, line: 2, column: 16 }],
  },
  {
    name: 'undici BalancedPool',
    code: `import { BalancedPool } from 'undici';
const upstreams = new BalancedPool(['http://a:3000', 'http://b:3000']);
export const forward = (options) => upstreams.request(options);`,
    output: `import { BalancedPool } from 'undici';
${importPerProcess}
const upstreams = perProcess(() => new BalancedPool(['http://a:3000', 'http://b:3000']), { dispose: (client) => client.close() });
export const forward = (options) => upstreams.get().request(options);`,
    errors: [{ messageId: 'client', data: { name: 'new BalancedPool()' }, line: 2, column: 19 }],
  },
  {
    name: 'undici ProxyAgent',
    code: `import { ProxyAgent, fetch } from 'undici';
const proxy = new ProxyAgent(process.env.HTTPS_PROXY);
export const get = (url) => fetch(url, { dispatcher: proxy });`,
    output: `import { ProxyAgent, fetch } from 'undici';
${importPerProcess}
const proxy = perProcess(() => new ProxyAgent(process.env.HTTPS_PROXY), { dispose: (client) => client.close() });
export const get = (url) => fetch(url, { dispatcher: proxy.get() });`,
    errors: [{ messageId: 'client', data: { name: 'new ProxyAgent()' }, line: 2, column: 15 }],
  },
  {
    name: 'setGlobalDispatcher(new Agent()): its own message, no fix',
    code: `import { setGlobalDispatcher, Agent } from 'undici';
setGlobalDispatcher(new Agent({ keepAliveTimeout: 10 }));`,
    errors: [{ messageId: 'globalDispatcher', data: { name: 'new Agent()' }, line: 2, column: 21, suggestions: [] }],
  },
  {
    name: 'setGlobalDispatcher(new ProxyAgent()) through a namespace, inside a function called at load',
    code: `import * as undici from 'undici';
function configureProxy() {
  undici.setGlobalDispatcher(new undici.ProxyAgent('http://proxy:8080'));
}
configureProxy();`,
    errors: [{ messageId: 'globalDispatcher', data: { name: 'new undici.ProxyAgent()' }, line: 3, column: 30 }],
  },
  {
    name: 'a client row without a close method: no dispose',
    code: `import { RestClient } from 'acme-rest';
const api = new RestClient({ baseURL: 'https://api.example.com' });
export const users = () => api.get('/users');`,
    output: `import { RestClient } from 'acme-rest';
${importPerProcess}
const api = perProcess(() => new RestClient({ baseURL: 'https://api.example.com' }));
export const users = () => api.get().get('/users');`,
    options: [{ additionalClients: [{ package: 'acme-rest', export: 'RestClient', via: 'new' }] }],
    errors: [{ messageId: 'client', data: { name: 'new RestClient()' }, line: 2, column: 13 }],
  },
  {
    name: 'a called client becomes client.get()()',
    code: `import rest from 'acme-rest';
const github = rest.extend({ prefixUrl: 'https://api.github.com' });
export const repo = (name) => github(\`repos/\${name}\`).json();`,
    output: `import rest from 'acme-rest';
${importPerProcess}
const github = perProcess(() => rest.extend({ prefixUrl: 'https://api.github.com' }));
export const repo = (name) => github.get()(\`repos/\${name}\`).json();`,
    options: [{ additionalClients: [{ package: 'acme-rest', export: 'default.extend', via: 'call' }] }],
    errors: [{ messageId: 'client', data: { name: 'rest.extend()' }, line: 2, column: 16 }],
  },
  {
    name: 'a bull queue opens its Redis connection when created (CommonJS, called without new)',
    code: `const Queue = require('bull');
const emails = Queue('emails', process.env.REDIS_URL);
module.exports.send = (message) => emails.add(message);`,
    output: `const Queue = require('bull');
${requirePerProcess}
const emails = perProcess(() => Queue('emails', process.env.REDIS_URL), { dispose: (client) => client.close() });
module.exports.send = (message) => emails.get().add(message);`,
    errors: [{ messageId: 'client', data: { name: 'Queue()' }, line: 2, column: 16 }],
    languageOptions: script,
  },
  {
    name: 'agentkeepalive default and HttpsAgent: two passes',
    code: `import Agent, { HttpsAgent } from 'agentkeepalive';
const keepAlive = new Agent({ maxSockets: 100 });
const secure = new HttpsAgent();
export const agents = () => ({ http: keepAlive, https: secure });`,
    output: [
      `import Agent, { HttpsAgent } from 'agentkeepalive';
${importPerProcess}
const keepAlive = perProcess(() => new Agent({ maxSockets: 100 }), { dispose: (client) => client.destroy() });
const secure = new HttpsAgent();
export const agents = () => ({ http: keepAlive.get(), https: secure });`,
      `import Agent, { HttpsAgent } from 'agentkeepalive';
${importPerProcess}
const keepAlive = perProcess(() => new Agent({ maxSockets: 100 }), { dispose: (client) => client.destroy() });
const secure = perProcess(() => new HttpsAgent(), { dispose: (client) => client.destroy() });
export const agents = () => ({ http: keepAlive.get(), https: secure.get() });`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new Agent()' }, line: 2, column: 19 },
      { messageId: 'client', data: { name: 'new HttpsAgent()' }, line: 3, column: 16 },
    ],
  },

  // =====================================================================================
  // Databases and caches
  // =====================================================================================
  {
    name: 'pg Pool (named import) (folded in from the smoke test)',
    code: `import { Pool } from 'pg';
const pool = new Pool({ max: 5 });
export async function users() { return pool.query('select 1'); }`,
    output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool({ max: 5 }), { dispose: (client) => client.end() });
export async function users() { return pool.get().query('select 1'); }`,
    errors: [{ messageId: 'client', line: 2, column: 14 }],
  },
  {
    name: 'PrismaClient: dispose with $disconnect',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function users() {
  return prisma.user.findMany();
}`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const prisma = perProcess(() => new PrismaClient(), { dispose: (client) => client.$disconnect() });
export async function users() {
  return prisma.get().user.findMany();
}`,
    errors: [{ messageId: 'client', data: { name: 'new PrismaClient()' }, line: 2, column: 16 }],
  },
  {
    name: 'pg default import: pg.Pool and pg.Client, two passes',
    code: `import pg from 'pg';
const pool = new pg.Pool({ max: 5 });
const listener = new pg.Client();
export const query = (sql) => pool.query(sql);
export const listen = () => listener.query('LISTEN jobs');`,
    output: [
      `import pg from 'pg';
${importPerProcess}
const pool = perProcess(() => new pg.Pool({ max: 5 }), { dispose: (client) => client.end() });
const listener = new pg.Client();
export const query = (sql) => pool.get().query(sql);
export const listen = () => listener.query('LISTEN jobs');`,
      `import pg from 'pg';
${importPerProcess}
const pool = perProcess(() => new pg.Pool({ max: 5 }), { dispose: (client) => client.end() });
const listener = perProcess(() => new pg.Client(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);
export const listen = () => listener.get().query('LISTEN jobs');`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new pg.Pool()' }, line: 2, column: 14 },
      { messageId: 'client', data: { name: 'new pg.Client()' }, line: 3, column: 18 },
    ],
  },
  {
    name: 'postgres(url): a tagged-template use becomes sql.get()`...`',
    code: `import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);
export const all = () => sql\`select * from users\`;`,
    output: `import postgres from 'postgres';
${importPerProcess}
const sql = perProcess(() => postgres(process.env.DATABASE_URL), { dispose: (client) => client.end() });
export const all = () => sql.get()\`select * from users\`;`,
    errors: [{ messageId: 'client', data: { name: 'postgres()' }, line: 2, column: 13 }],
  },
  {
    name: 'mysql2 createPool and createConnection (default import), two passes',
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ connectionLimit: 10 });
const connection = mysql.createConnection({ host: 'localhost' });
export const handles = () => [pool, connection];`,
    output: [
      `import mysql from 'mysql2';
${importPerProcess}
const pool = perProcess(() => mysql.createPool({ connectionLimit: 10 }), { dispose: (client) => client.end() });
const connection = mysql.createConnection({ host: 'localhost' });
export const handles = () => [pool.get(), connection];`,
      `import mysql from 'mysql2';
${importPerProcess}
const pool = perProcess(() => mysql.createPool({ connectionLimit: 10 }), { dispose: (client) => client.end() });
const connection = perProcess(() => mysql.createConnection({ host: 'localhost' }), { dispose: (client) => client.end() });
export const handles = () => [pool.get(), connection.get()];`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'mysql.createPool()' }, line: 2, column: 14 },
      { messageId: 'client', data: { name: 'mysql.createConnection()' }, line: 3, column: 20 },
    ],
  },
  {
    name: 'mysql2/promise: createPool fixed; an awaited createConnection is reported without a fix',
    code: `import mysql, { createPool } from 'mysql2/promise';
const pool = createPool({ uri: process.env.DATABASE_URL });
const connection = await mysql.createConnection({ host: 'localhost' });
export const query = (sql) => pool.query(sql);`,
    output: `import mysql, { createPool } from 'mysql2/promise';
${importPerProcess}
const pool = perProcess(() => createPool({ uri: process.env.DATABASE_URL }), { dispose: (client) => client.end() });
const connection = await mysql.createConnection({ host: 'localhost' });
export const query = (sql) => pool.get().query(sql);`,
    errors: [
      { messageId: 'client', data: { name: 'createPool()' }, line: 2, column: 14 },
      { messageId: 'client', data: { name: 'mysql.createConnection()' }, line: 3, column: 26, suggestions: [] },
    ],
  },
  {
    name: 'ioredis default import: dispose with quit',
    code: `import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL);
export const cached = (key) => redis.get(key);`,
    output: `import Redis from 'ioredis';
${importPerProcess}
const redis = perProcess(() => new Redis(process.env.REDIS_URL), { dispose: (client) => client.quit() });
export const cached = (key) => redis.get().get(key);`,
    errors: [{ messageId: 'client', data: { name: 'new Redis()' }, line: 2, column: 15 }],
  },
  {
    name: 'ioredis named Redis, named Cluster and Redis.Cluster: three passes',
    code: `import Redis, { Cluster, Redis as NamedRedis } from 'ioredis';
const cache = new NamedRedis();
const cluster = new Cluster([{ host: 'a', port: 6379 }]);
const other = new Redis.Cluster([]);
export const all = () => [cache, cluster, other];`,
    output: [
      `import Redis, { Cluster, Redis as NamedRedis } from 'ioredis';
${importPerProcess}
const cache = perProcess(() => new NamedRedis(), { dispose: (client) => client.quit() });
const cluster = new Cluster([{ host: 'a', port: 6379 }]);
const other = new Redis.Cluster([]);
export const all = () => [cache.get(), cluster, other];`,
      `import Redis, { Cluster, Redis as NamedRedis } from 'ioredis';
${importPerProcess}
const cache = perProcess(() => new NamedRedis(), { dispose: (client) => client.quit() });
const cluster = perProcess(() => new Cluster([{ host: 'a', port: 6379 }]), { dispose: (client) => client.quit() });
const other = new Redis.Cluster([]);
export const all = () => [cache.get(), cluster.get(), other];`,
      `import Redis, { Cluster, Redis as NamedRedis } from 'ioredis';
${importPerProcess}
const cache = perProcess(() => new NamedRedis(), { dispose: (client) => client.quit() });
const cluster = perProcess(() => new Cluster([{ host: 'a', port: 6379 }]), { dispose: (client) => client.quit() });
const other = perProcess(() => new Redis.Cluster([]), { dispose: (client) => client.quit() });
export const all = () => [cache.get(), cluster.get(), other.get()];`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new NamedRedis()' }, line: 2, column: 15 },
      { messageId: 'client', data: { name: 'new Cluster()' }, line: 3, column: 17 },
      { messageId: 'client', data: { name: 'new Redis.Cluster()' }, line: 4, column: 15 },
    ],
  },
  {
    name: 'redis createClient',
    code: `import { createClient } from 'redis';
const redis = createClient({ url: process.env.REDIS_URL });
export const cached = (key) => redis.get(key);`,
    output: `import { createClient } from 'redis';
${importPerProcess}
const redis = perProcess(() => createClient({ url: process.env.REDIS_URL }), { dispose: (client) => client.quit() });
export const cached = (key) => redis.get().get(key);`,
    errors: [{ messageId: 'client', data: { name: 'createClient()' }, line: 2, column: 15 }],
  },
  {
    name: 'mongodb MongoClient: dispose with close',
    code: `import { MongoClient } from 'mongodb';
const mongo = new MongoClient(process.env.MONGO_URL);
export const users = () => mongo.db('app').collection('users');`,
    output: `import { MongoClient } from 'mongodb';
${importPerProcess}
const mongo = perProcess(() => new MongoClient(process.env.MONGO_URL), { dispose: (client) => client.close() });
export const users = () => mongo.get().db('app').collection('users');`,
    errors: [{ messageId: 'client', data: { name: 'new MongoClient()' }, line: 2, column: 15 }],
  },
  {
    name: 'mongoose.createConnection',
    code: `import mongoose from 'mongoose';
const connection = mongoose.createConnection(process.env.MONGO_URL);
export const User = () => connection.model('User');`,
    output: `import mongoose from 'mongoose';
${importPerProcess}
const connection = perProcess(() => mongoose.createConnection(process.env.MONGO_URL), { dispose: (client) => client.close() });
export const User = () => connection.get().model('User');`,
    errors: [{ messageId: 'client', data: { name: 'mongoose.createConnection()' }, line: 2, column: 20 }],
  },
  {
    name: 'knex (default import, called): dispose with destroy',
    code: `import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export const users = () => db('users').select();`,
    output: `import knex from 'knex';
${importPerProcess}
const db = perProcess(() => knex({ client: 'pg', connection: process.env.DATABASE_URL }), { dispose: (client) => client.destroy() });
export const users = () => db.get()('users').select();`,
    errors: [{ messageId: 'client', data: { name: 'knex()' }, line: 2, column: 12 }],
  },
  {
    name: '@vercel/postgres createPool and createClient',
    code: `import { createPool, createClient } from '@vercel/postgres';
const pool = createPool();
export const single = createClient();
export const query = (sql) => pool.query(sql);`,
    output: `import { createPool, createClient } from '@vercel/postgres';
${importPerProcess}
const pool = perProcess(() => createPool(), { dispose: (client) => client.end() });
export const single = createClient();
export const query = (sql) => pool.get().query(sql);`,
    errors: [
      { messageId: 'client', data: { name: 'createPool()' }, line: 2, column: 14 },
      {
        messageId: 'client',
        data: { name: 'createClient()' },
        line: 3,
        column: 23,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { createPool, createClient } from '@vercel/postgres';
${importProxy}
const pool = createPool();
export const single = perProcessProxy(() => createClient(), { dispose: (client) => client.end() });
export const query = (sql) => pool.query(sql);`,
          },
        ],
      },
    ],
  },
  {
    name: 'drizzle(postgres(url)) inline: only the outer drizzle() is reported, and wrapped whole',
    code: `import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
const db = drizzle(postgres(process.env.DATABASE_URL));
export const users = () => db.select().from(usersTable);`,
    output: `import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
${importPerProcess}
const db = perProcess(() => drizzle(postgres(process.env.DATABASE_URL)), { dispose: (client) => client.$client.end() });
export const users = () => db.get().select().from(usersTable);`,
    errors: [{ messageId: 'client', data: { name: 'drizzle()' }, line: 3, column: 12 }],
  },
  {
    name: 'drizzle({ client: new Pool() }) exported: only drizzle() is reported, with the proxy suggestion',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
export const db = drizzle({ client: new Pool() });`,
    errors: [
      {
        messageId: 'client',
        data: { name: 'drizzle()' },
        line: 3,
        column: 19,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
${importProxy}
export const db = perProcessProxy(() => drizzle({ client: new Pool() }), { dispose: (client) => client.$client.end() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'drizzle over a pool binding: the pool is handed over at load (a suggestion), drizzle is fixed; the next pass fixes the pool',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool();
const db = drizzle(pool);
export const users = () => db.select();`,
    output: [
      `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
${importPerProcess}
const pool = new Pool();
const db = perProcess(() => drizzle(pool), { dispose: (client) => client.$client.end() });
export const users = () => db.get().select();`,
      `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
const db = perProcess(() => drizzle(pool.get()), { dispose: (client) => client.$client.end() });
export const users = () => db.get().select();`,
    ],
    errors: [
      {
        messageId: 'client',
        data: { name: 'new Pool()' },
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: atLoad,
            output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
const db = drizzle(pool.get());
export const users = () => db.select();`,
          },
        ],
      },
      { messageId: 'client', data: { name: 'drizzle()' }, line: 4, column: 12 },
    ],
  },

  // =====================================================================================
  // SDK clients
  // =====================================================================================
  {
    name: "AWS SDK v3: new S3Client({}) from '@aws-sdk/client-s3'; the command is not a client",
    code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const read = (Key) => s3.send(new GetObjectCommand({ Bucket: 'assets', Key }));`,
    output: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
${importPerProcess}
const s3 = perProcess(() => new S3Client({}), { dispose: (client) => client.destroy() });
export const read = (Key) => s3.get().send(new GetObjectCommand({ Bucket: 'assets', Key }));`,
    errors: [{ messageId: 'client', data: { name: 'new S3Client()' }, line: 2, column: 12 }],
  },
  {
    name: 'AWS SDK v3: DynamoDBClient from another client package',
    code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const dynamo = new DynamoDBClient({ region: 'eu-west-1' });
export const send = (command) => dynamo.send(command);`,
    output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
${importPerProcess}
const dynamo = perProcess(() => new DynamoDBClient({ region: 'eu-west-1' }), { dispose: (client) => client.destroy() });
export const send = (command) => dynamo.get().send(command);`,
    errors: [{ messageId: 'client', data: { name: 'new DynamoDBClient()' }, line: 2, column: 16 }],
  },
  {
    name: 'OpenAI: no dispose when none is known',
    code: `import OpenAI from 'openai';
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const chat = (messages) => openai.chat.completions.create({ model: 'gpt-4o', messages });`,
    output: `import OpenAI from 'openai';
${importPerProcess}
const openai = perProcess(() => new OpenAI({ apiKey: process.env.OPENAI_API_KEY }));
export const chat = (messages) => openai.get().chat.completions.create({ model: 'gpt-4o', messages });`,
    errors: [{ messageId: 'client', data: { name: 'new OpenAI()' }, line: 2, column: 16 }],
  },
  {
    name: 'Stripe, constructed and called: two passes',
    code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
const legacy = Stripe(process.env.STRIPE_KEY);
export const charge = (amount) => stripe.paymentIntents.create({ amount, currency: 'eur' });
export const refund = (id) => legacy.refunds.create({ payment_intent: id });`,
    output: [
      `import Stripe from 'stripe';
${importPerProcess}
const stripe = perProcess(() => new Stripe(process.env.STRIPE_KEY));
const legacy = Stripe(process.env.STRIPE_KEY);
export const charge = (amount) => stripe.get().paymentIntents.create({ amount, currency: 'eur' });
export const refund = (id) => legacy.refunds.create({ payment_intent: id });`,
      `import Stripe from 'stripe';
${importPerProcess}
const stripe = perProcess(() => new Stripe(process.env.STRIPE_KEY));
const legacy = perProcess(() => Stripe(process.env.STRIPE_KEY));
export const charge = (amount) => stripe.get().paymentIntents.create({ amount, currency: 'eur' });
export const refund = (id) => legacy.get().refunds.create({ payment_intent: id });`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new Stripe()' }, line: 2, column: 16 },
      { messageId: 'client', data: { name: 'Stripe()' }, line: 3, column: 16 },
    ],
  },
  {
    name: 'Langfuse: dispose with shutdownAsync',
    code: `import { Langfuse } from 'langfuse';
const langfuse = new Langfuse({ publicKey: 'pk', secretKey: 'sk' });
export const trace = (name) => langfuse.trace({ name });`,
    output: `import { Langfuse } from 'langfuse';
${importPerProcess}
const langfuse = perProcess(() => new Langfuse({ publicKey: 'pk', secretKey: 'sk' }), { dispose: (client) => client.shutdownAsync() });
export const trace = (name) => langfuse.get().trace({ name });`,
    errors: [{ messageId: 'client', data: { name: 'new Langfuse()' }, line: 2, column: 18 }],
  },
  {
    name: 'PostHog: dispose with shutdown',
    code: `import { PostHog } from 'posthog-node';
const posthog = new PostHog(process.env.POSTHOG_KEY, { host: 'https://eu.posthog.com' });
export const track = (event) => posthog.capture(event);`,
    output: `import { PostHog } from 'posthog-node';
${importPerProcess}
const posthog = perProcess(() => new PostHog(process.env.POSTHOG_KEY, { host: 'https://eu.posthog.com' }), { dispose: (client) => client.shutdown() });
export const track = (event) => posthog.get().capture(event);`,
    errors: [{ messageId: 'client', data: { name: 'new PostHog()' }, line: 2, column: 17 }],
  },
  {
    name: 'Amplitude createInstance: dispose with flush',
    code: `import { createInstance } from '@amplitude/analytics-node';
const amplitude = createInstance();
export const track = (event) => amplitude.track(event);`,
    output: `import { createInstance } from '@amplitude/analytics-node';
${importPerProcess}
const amplitude = perProcess(() => createInstance(), { dispose: (client) => client.flush() });
export const track = (event) => amplitude.get().track(event);`,
    errors: [{ messageId: 'client', data: { name: 'createInstance()' }, line: 2, column: 19 }],
  },

  // =====================================================================================
  // Forms
  // =====================================================================================
  {
    name: 'export const db = new Pool(): a perProcessProxy suggestion, never a fix',
    code: `import { Pool } from 'pg';
export const db = new Pool({ max: 10 });`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 19,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { Pool } from 'pg';
${importProxy}
export const db = perProcessProxy(() => new Pool({ max: 10 }), { dispose: (client) => client.end() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'a binding exported by name: the proxy suggestion',
    code: `import { MongoClient } from 'mongodb';
const mongo = new MongoClient('mongodb://localhost');
export { mongo as client };`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { MongoClient } from 'mongodb';
${importProxy}
const mongo = perProcessProxy(() => new MongoClient('mongodb://localhost'), { dispose: (client) => client.close() });
export { mongo as client };`,
          },
        ],
      },
    ],
  },
  {
    name: 'export default new PrismaClient()',
    code: `import { PrismaClient } from '@prisma/client';
export default new PrismaClient();`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { PrismaClient } from '@prisma/client';
${importProxy}
export default perProcessProxy(() => new PrismaClient(), { dispose: (client) => client.$disconnect() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'module.exports = new Redis() (CommonJS): the proxy is required',
    code: `const Redis = require('ioredis');
module.exports = new Redis(process.env.REDIS_URL);`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 18,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `const Redis = require('ioredis');
${requireProxy}
module.exports = perProcessProxy(() => new Redis(process.env.REDIS_URL), { dispose: (client) => client.quit() });`,
          },
        ],
      },
    ],
    languageOptions: script,
  },
  {
    name: 'exports.instance = new MongoClient() (CommonJS)',
    code: `const { MongoClient } = require('mongodb');
exports.instance = new MongoClient('mongodb://localhost');`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 20,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `const { MongoClient } = require('mongodb');
${requireProxy}
exports.instance = perProcessProxy(() => new MongoClient('mongodb://localhost'), { dispose: (client) => client.close() });`,
          },
        ],
      },
    ],
    languageOptions: script,
  },
  {
    name: 'module.exports.api = new RestClient() (CommonJS): no dispose',
    code: `const { RestClient } = require('acme-rest');
module.exports.api = new RestClient({ baseURL: 'https://api.example.com' });`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 22,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `const { RestClient } = require('acme-rest');
${requireProxy}
module.exports.api = perProcessProxy(() => new RestClient({ baseURL: 'https://api.example.com' }));`,
          },
        ],
      },
    ],
    options: [{ additionalClients: [{ package: 'acme-rest', export: 'RestClient', via: 'new' }] }],
    languageOptions: script,
  },
  {
    name: 'globalThis.prisma ?? new PrismaClient() without a store: the holder takes the globalThis scope',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = globalThis.prisma ?? new PrismaClient();
export async function users() {
  return prisma.user.findMany();
}`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const prisma = perProcess(() => new PrismaClient(), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });
export async function users() {
  return prisma.get().user.findMany();
}`,
    errors: [{ messageId: 'client', line: 2, column: 37 }],
  },
  {
    name: 'globalThis.prisma ?? new PrismaClient() with the dev-only store: the store goes (folded in from the smoke test)',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = globalThis.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalThis.prisma = prisma;
export const getUser = (id) => prisma.user.find(id);`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const prisma = perProcess(() => new PrismaClient(), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });
export const getUser = (id) => prisma.get().user.find(id);`,
    errors: [{ messageId: 'client', line: 2, column: 37 }],
  },
  {
    name: 'globalThis.prisma || new PrismaClient(opts) with the store in a block',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = globalThis.prisma || new PrismaClient({ log: ['query'] });
if (process.env.NODE_ENV !== 'production') {
  globalThis.prisma = prisma;
}
export function users() {
  return prisma.user.findMany();
}`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const prisma = perProcess(() => new PrismaClient({ log: ['query'] }), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });
export function users() {
  return prisma.get().user.findMany();
}`,
    errors: [{ messageId: 'client', line: 2, column: 37 }],
  },
  {
    name: 'the globalForPrisma alias (globalThis as unknown as {...}), local binding',
    code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
export function users() {
  return prisma.user.findMany();
}`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
const prisma = perProcess(() => new PrismaClient(), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });
export function users() {
  return prisma.get().user.findMany();
}`,
    errors: [{ messageId: 'client', line: 3, column: 42 }],
  },
  {
    name: 'the globalForPrisma alias, exported (the Prisma docs pattern): a proxy suggestion that drops the store too',
    code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;`,
    errors: [
      {
        messageId: 'client',
        line: 3,
        column: 49,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { PrismaClient } from '@prisma/client';
${importProxy}
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
export const prisma = perProcessProxy(() => new PrismaClient(), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'global.pgPool || new Pool() with an unconditional store (CommonJS)',
    code: `const { Pool } = require('pg');
const pool = global.pgPool || new Pool();
global.pgPool = pool;
module.exports.query = (text) => pool.query(text);`,
    output: `const { Pool } = require('pg');
${requirePerProcess}
const pool = perProcess(() => new Pool(), { scope: 'globalThis', key: 'pgPool', dispose: (client) => client.end() });
module.exports.query = (text) => pool.get().query(text);`,
    errors: [{ messageId: 'client', line: 2, column: 31 }],
    languageOptions: script,
  },
  {
    name: 'an aliased module: const http = http_.default || http_',
    code: `import * as http_ from 'node:http';
const http = http_.default || http_;
const agent = new http.Agent({ keepAlive: true });
export const get = (url) => http.get(url, { agent });`,
    output: `import * as http_ from 'node:http';
${importPerProcess}
const http = http_.default || http_;
const agent = perProcess(() => new http.Agent({ keepAlive: true }), { dispose: (client) => client.destroy() });
export const get = (url) => http.get(url, { agent: agent.get() });`,
    errors: [{ messageId: 'client', data: { name: 'new http.Agent()' }, line: 3, column: 15 }],
  },
  {
    name: 'require forms: a module object, a renamed destructuring, an inline require',
    code: `const pg = require('pg');
const { Pool: PgPool } = require('pg');
const pool = new pg.Pool();
const replica = new PgPool();
const cache = require('redis').createClient();
exports.query = () => [pool.query('x'), replica, cache];`,
    output: [
      `const pg = require('pg');
const { Pool: PgPool } = require('pg');
${requirePerProcess}
const pool = perProcess(() => new pg.Pool(), { dispose: (client) => client.end() });
const replica = new PgPool();
const cache = require('redis').createClient();
exports.query = () => [pool.get().query('x'), replica, cache];`,
      `const pg = require('pg');
const { Pool: PgPool } = require('pg');
${requirePerProcess}
const pool = perProcess(() => new pg.Pool(), { dispose: (client) => client.end() });
const replica = perProcess(() => new PgPool(), { dispose: (client) => client.end() });
const cache = require('redis').createClient();
exports.query = () => [pool.get().query('x'), replica.get(), cache];`,
      `const pg = require('pg');
const { Pool: PgPool } = require('pg');
${requirePerProcess}
const pool = perProcess(() => new pg.Pool(), { dispose: (client) => client.end() });
const replica = perProcess(() => new PgPool(), { dispose: (client) => client.end() });
const cache = perProcess(() => require('redis').createClient(), { dispose: (client) => client.quit() });
exports.query = () => [pool.get().query('x'), replica.get(), cache.get()];`,
    ],
    errors: [
      { messageId: 'client', data: { name: 'new pg.Pool()' }, line: 3, column: 14 },
      { messageId: 'client', data: { name: 'new PgPool()' }, line: 4, column: 17 },
      { messageId: 'client', data: { name: "require('redis').createClient()" }, line: 5, column: 15 },
    ],
    languageOptions: script,
  },
  {
    name: 'a client with a chained listener, and one created as a statement: reported without a fix',
    code: `import Redis from 'ioredis';
import { Pool } from 'pg';
const redis = new Redis().on('error', console.error);
new Pool();`,
    errors: [
      { messageId: 'client', line: 3, column: 15, suggestions: [] },
      { messageId: 'client', line: 4, column: 1, suggestions: [] },
    ],
  },
  {
    name: 'a top-level dynamic import of pg',
    code: `const { Pool } = await import('pg');
const pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    output: `${importPerProcess}
const { Pool } = await import('pg');
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 14 }],
  },

  // =====================================================================================
  // What runs at load
  // =====================================================================================
  {
    name: "the user's own close becomes holder.dispose() (closes the current pool, creates none); a close whose value is used keeps .get()",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const query = (sql: string) => pool.query(sql);
export async function shutdown() {
  await pool.end();
}
export function stop() {
  pool.end();
}
export const closing = () => pool.end();`,
    output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql: string) => pool.get().query(sql);
export async function shutdown() {
  await pool.dispose();
}
export function stop() {
  pool.dispose();
}
export const closing = () => pool.get().end();`,
    errors: [{ messageId: 'client', line: 2, column: 14 }],
  },
  {
    name: 'in a top-level IIFE: every use is at load, so only a suggestion',
    code: `import { Pool } from 'pg';
(() => {
  const pool = new Pool();
  pool.on('error', console.error);
})();`,
    errors: [
      {
        messageId: 'client',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: movesSetup,
            output: `import { Pool } from 'pg';
${importPerProcess}
(() => {
  const pool = perProcess(() => {
    const created = new Pool();
    created.on('error', console.error);
    return created;
  }, { dispose: (client) => client.end() });
})();`,
          },
        ],
      },
    ],
  },
  {
    name: 'in an async main() called at load',
    code: `import { MongoClient } from 'mongodb';
async function main() {
  const client = new MongoClient('mongodb://localhost');
  await client.connect();
}
main();`,
    errors: [
      {
        messageId: 'client',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: atLoad,
            output: `import { MongoClient } from 'mongodb';
${importPerProcess}
async function main() {
  const client = perProcess(() => new MongoClient('mongodb://localhost'), { dispose: (client) => client.close() });
  await client.get().connect();
}
main();`,
          },
        ],
      },
    ],
  },
  {
    name: 'returned by a function called at load: reported, without a fix',
    code: `import Redis from 'ioredis';
function connect() {
  return new Redis(process.env.REDIS_URL);
}
export const redis = connect();`,
    errors: [{ messageId: 'client', data: { name: 'new Redis()' }, line: 3, column: 10, suggestions: [] }],
  },
  {
    name: 'in the constructor of a singleton instantiated at load',
    code: `import { Pool } from 'pg';
class Database {
  pool: Pool;
  constructor() {
    this.pool = new Pool({ max: 10 });
  }
}
export const database = new Database();`,
    errors: [
      {
        messageId: 'clientInInstance',
        data: { name: 'new Pool()', by: 'new Database()', line: '8' },
        line: 5,
        column: 17,
        suggestions: [],
      },
    ],
  },
  {
    name: 'an instance field of a class whose static field instantiates it',
    code: `import { Pool } from 'pg';
class Api {
  static instance = new Api();
  pool = new Pool({ max: 10 });
}
export { Api };`,
    errors: [
      {
        messageId: 'clientInInstance',
        data: { name: 'new Pool()', by: 'new Api()', line: '3' },
        line: 4,
        column: 10,
        suggestions: [],
      },
    ],
  },
  {
    name: 'in a top-level if block and in a try block',
    code: `import { createClient } from 'redis';
import { Pool } from 'pg';
if (process.env.REDIS_URL) {
  const redis = createClient({ url: process.env.REDIS_URL });
  redis.connect();
}
try {
  new Pool().connect();
} catch {}`,
    errors: [
      {
        messageId: 'client',
        line: 4,
        column: 17,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: atLoad,
            output: `import { createClient } from 'redis';
import { Pool } from 'pg';
${importPerProcess}
if (process.env.REDIS_URL) {
  const redis = perProcess(() => createClient({ url: process.env.REDIS_URL }), { dispose: (client) => client.quit() });
  redis.get().connect();
}
try {
  new Pool().connect();
} catch {}`,
          },
        ],
      },
      { messageId: 'client', line: 8, column: 3, suggestions: [] },
    ],
  },

  // =====================================================================================
  // Fixes
  // =====================================================================================
  {
    name: 'a type annotation on the binding is removed (TypeScript infers PerProcess<Pool>)',
    code: `import { Pool } from 'pg';
const pool: Pool = new Pool();
export const query = (sql: string) => pool.query(sql);`,
    output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql: string) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 20 }],
  },
  {
    name: 'typeof the client in a type becomes ReturnType<typeof client.get>',
    code: `import { Pool } from 'pg';
const pool = new Pool();
export type Db = typeof pool;
export type Options = typeof pool.options.max;
export const query = (sql: string) => pool.query(sql);`,
    output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export type Db = ReturnType<typeof pool.get>;
export type Options = ReturnType<typeof pool.get>['options']['max'];
export const query = (sql: string) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 14 }],
  },
  {
    name: 'every use is rewritten: member, call argument, shorthand, spread, optional chain',
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function context(req) {
  return { prisma, user: req.user, ...extras(prisma) };
}
export const close = () => prisma?.$disconnect();`,
    output: `import { PrismaClient } from '@prisma/client';
${importPerProcess}
const prisma = perProcess(() => new PrismaClient(), { dispose: (client) => client.$disconnect() });
export function context(req) {
  return { prisma: prisma.get(), user: req.user, ...extras(prisma.get()) };
}
export const close = () => prisma.get()?.$disconnect();`,
    errors: [{ messageId: 'client', line: 2, column: 16 }],
  },
  {
    name: 'a listener attached at load: a suggestion that says the setup moves into the factory',
    code: `import { Pool } from 'pg';
const pool = new Pool();
pool.on('error', (error) => console.error(error));
export const query = (sql) => pool.query(sql);`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: movesSetup,
            output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => {
  const created = new Pool();
  created.on('error', (error) => console.error(error));
  return created;
}, { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
          },
        ],
      },
    ],
  },
  {
    name: 'a use in a function called at load counts as a use at load',
    code: `import Redis from 'ioredis';
const redis = new Redis();
function init() {
  redis.on('error', console.error);
}
init();`,
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: atLoad,
            output: `import Redis from 'ioredis';
${importPerProcess}
const redis = perProcess(() => new Redis(), { dispose: (client) => client.quit() });
function init() {
  redis.get().on('error', console.error);
}
init();`,
          },
        ],
      },
    ],
  },
  {
    name: 'register(new Agent()): escaping, reported without a fix',
    code: `import { Agent } from 'undici';
register(new Agent());`,
    errors: [
      { messageId: 'escaping', data: { name: 'new Agent()', to: 'register()' }, line: 2, column: 10, suggestions: [] },
    ],
  },
  {
    name: "app.decorate('db', { pool: new Pool() }): escaping through an object literal",
    code: `import { Pool } from 'pg';
app.decorate('db', { pool: new Pool() });`,
    errors: [{ messageId: 'escaping', data: { name: 'new Pool()', to: 'app.decorate()' }, line: 2, column: 28 }],
  },
  {
    name: 'a reassigned binding: reported without a fix or suggestion',
    code: `import { Pool } from 'pg';
let pool = new Pool();
export function reconnect() {
  pool = new Pool();
}
export const query = (sql) => pool.query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 12, suggestions: [] }],
  },
  {
    name: 'a let that is never reassigned is fixed like a const',
    code: `import { Pool } from 'pg';
let pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    output: `import { Pool } from 'pg';
${importPerProcess}
let pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 12 }],
  },
  {
    name: 'an existing runtime import is reused',
    code: `import { perProcess } from 'eslint-plugin-fork-safe/runtime';
import { Pool } from 'pg';
const pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    output: `import { perProcess } from 'eslint-plugin-fork-safe/runtime';
import { Pool } from 'pg';
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
  },
  {
    name: 'an existing runtime import under another name is reused',
    code: `import { perProcess as holder } from 'eslint-plugin-fork-safe/runtime';
import OpenAI from 'openai';
const openai = new OpenAI();
export const models = () => openai.models.list();`,
    output: `import { perProcess as holder } from 'eslint-plugin-fork-safe/runtime';
import OpenAI from 'openai';
const openai = holder(() => new OpenAI());
export const models = () => openai.get().models.list();`,
    errors: [{ messageId: 'client', line: 3, column: 16 }],
  },
  {
    name: 'an existing runtime import is extended',
    code: `import { interval } from 'eslint-plugin-fork-safe/runtime';
import { Pool } from 'pg';
const pool = new Pool();
interval(() => pool.query('select 1'), 30_000);`,
    output: `import { interval, perProcess } from 'eslint-plugin-fork-safe/runtime';
import { Pool } from 'pg';
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
interval(() => pool.get().query('select 1'), 30_000);`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
  },
  {
    name: "CommonJS ('use strict'): the runtime is required after the last require",
    code: `'use strict';
const { Pool } = require('pg');
const pool = new Pool();
module.exports = { query: (sql) => pool.query(sql) };`,
    output: `'use strict';
const { Pool } = require('pg');
${requirePerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
module.exports = { query: (sql) => pool.get().query(sql) };`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
    languageOptions: script,
  },
  {
    name: 'CommonJS: an existing runtime require is extended',
    code: `const { interval } = require('eslint-plugin-fork-safe/runtime');
const { Pool } = require('pg');
const pool = new Pool();
exports.query = (sql) => pool.query(sql);`,
    output: `const { interval, perProcess } = require('eslint-plugin-fork-safe/runtime');
const { Pool } = require('pg');
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
exports.query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
    languageOptions: script,
  },
  {
    name: 'a name collision: the file already has a perProcess of its own',
    code: `import { Pool } from 'pg';
import { perProcess } from './my-cache.js';
const pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    output: `import { Pool } from 'pg';
import { perProcess } from './my-cache.js';
import { perProcess as forkSafePerProcess } from 'eslint-plugin-fork-safe/runtime';
const pool = forkSafePerProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
  },
  {
    name: 'a name collision in CommonJS',
    code: `const { Pool } = require('pg');
const perProcess = (fn) => fn;
const pool = new Pool();
exports.query = (sql) => pool.query(sql);`,
    output: `const { Pool } = require('pg');
const { perProcess: forkSafePerProcess } = require('eslint-plugin-fork-safe/runtime');
const perProcess = (fn) => fn;
const pool = forkSafePerProcess(() => new Pool(), { dispose: (client) => client.end() });
exports.query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 3, column: 14 }],
    languageOptions: script,
  },
  {
    name: "fix: 'suggest' offers the fix as a suggestion (without the at-load note)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    options: [{ fix: 'suggest' }],
    errors: [
      {
        messageId: 'client',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: { atLoadNote: '' },
            output: `import { Pool } from 'pg';
${importPerProcess}
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
          },
        ],
      },
    ],
  },
  {
    name: "fix: 'off' only reports",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const replica = new Pool();
export const query = (sql) => pool.query(sql);`,
    options: [{ fix: 'off' }],
    errors: [
      { messageId: 'client', line: 2, column: 14, suggestions: [] },
      { messageId: 'client', line: 3, column: 24, suggestions: [] },
    ],
  },
  {
    name: "settings['fork-safe'].runtimeModule changes the specifier",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const query = (sql) => pool.query(sql);`,
    output: `import { Pool } from 'pg';
import { perProcess } from '@acme/runtime';
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
export const query = (sql) => pool.get().query(sql);`,
    errors: [{ messageId: 'client', line: 2, column: 14 }],
    settings: { 'fork-safe': { runtimeModule: '@acme/runtime' } },
  },
  {
    name: 'additionalClients: a user-named client with a close method, and one without',
    code: `import { QueueClient } from '@acme/queue';
import { connect } from 'nats';
const queue = new QueueClient();
export const nats = connect({ servers: 'nats://localhost' });
export const send = (job) => queue.send(job);`,
    options: [
      {
        additionalClients: [
          { package: '@acme/queue', export: 'QueueClient', via: 'new', close: 'disconnect' },
          { package: 'nats', export: 'connect' },
        ],
      },
    ],
    output: `import { QueueClient } from '@acme/queue';
import { connect } from 'nats';
${importPerProcess}
const queue = perProcess(() => new QueueClient(), { dispose: (client) => client.disconnect() });
export const nats = connect({ servers: 'nats://localhost' });
export const send = (job) => queue.get().send(job);`,
    errors: [
      { messageId: 'client', data: { name: 'new QueueClient()' }, line: 3, column: 15 },
      {
        messageId: 'client',
        data: { name: 'connect()' },
        line: 4,
        column: 21,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { QueueClient } from '@acme/queue';
import { connect } from 'nats';
${importProxy}
const queue = new QueueClient();
export const nats = perProcessProxy(() => connect({ servers: 'nats://localhost' }));
export const send = (job) => queue.send(job);`,
          },
        ],
      },
    ],
  },

  // =====================================================================================
  // lazyInit
  // =====================================================================================
  {
    name: 'lazyInit: client ??= new C() in a getter, into a module variable nothing resets',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  pool ??= new Pool();
  return pool;
}`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new Pool()', slot: 'the module variable pool' },
        line: 4,
        column: 3,
      },
    ],
  },
  {
    name: 'lazyInit: ||= in an arrow getter',
    code: `import Redis from 'ioredis';
let redis;
export const getRedis = () => (redis ||= new Redis());`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new Redis()', slot: 'the module variable redis' },
        line: 3,
        column: 32,
      },
    ],
  },
  {
    name: 'lazyInit: a var in a CommonJS module',
    code: `const { MongoClient } = require('mongodb');
var client;
function getClient() {
  client ??= new MongoClient(process.env.MONGO_URL);
  return client;
}
module.exports = { getClient };`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new MongoClient()', slot: 'the module variable client' },
        line: 4,
        column: 3,
      },
    ],
    languageOptions: script,
  },
  {
    name: 'lazyInit: if (!client) client = new C(), and the early-return form',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  if (!pool) pool = new Pool();
  return pool;
}
let replica: Pool | undefined;
export function getReplica() {
  if (replica) return replica;
  replica = new Pool();
  return replica;
}`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new Pool()', slot: 'the module variable pool' },
        line: 4,
        column: 14,
      },
      {
        messageId: 'lazyInit',
        data: { name: 'new Pool()', slot: 'the module variable replica' },
        line: 10,
        column: 3,
      },
    ],
  },
  {
    name: 'lazyInit: === undefined, == null and typeof tests, in a block',
    code: `import Redis from 'ioredis';
let a: Redis | undefined;
export function getA() {
  if (a === undefined) {
    a = new Redis();
  }
  return a;
}
let b: Redis | null = null;
export const getB = () => {
  if (null == b) b = new Redis();
  return b;
};
let c: Redis | undefined;
export function getC() {
  if (typeof c === 'undefined') c = new Redis();
  return c;
}`,
    options: lazyInit,
    errors: [
      { messageId: 'lazyInit', data: { name: 'new Redis()', slot: 'the module variable a' }, line: 5, column: 5 },
      { messageId: 'lazyInit', data: { name: 'new Redis()', slot: 'the module variable b' }, line: 11, column: 18 },
      { messageId: 'lazyInit', data: { name: 'new Redis()', slot: 'the module variable c' }, line: 16, column: 33 },
    ],
  },
  {
    name: 'lazyInit: client = client ?? new C(), and client ?? (client = new C())',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export function getPool() {
  pool = pool ?? new Pool();
  return pool;
}
let other: Pool | undefined;
export const getOther = () => other ?? (other = new Pool());`,
    options: lazyInit,
    errors: [
      { messageId: 'lazyInit', data: { name: 'new Pool()', slot: 'the module variable pool' }, line: 4, column: 3 },
      {
        messageId: 'lazyInit',
        data: { name: 'new Pool()', slot: 'the module variable other' },
        line: 8,
        column: 41,
      },
    ],
  },
  {
    name: 'lazyInit: a static getInstance() whose class creates a client in a field or its constructor',
    code: `import { Pool } from 'pg';
import Redis from 'ioredis';
export class Db {
  static instance: Db | undefined;
  pool = new Pool();
  static getInstance() {
    if (!Db.instance) Db.instance = new Db();
    return Db.instance;
  }
}
export class Cache {
  static #instance: Cache | undefined;
  redis: Redis;
  constructor() {
    this.redis = new Redis();
  }
  static get() {
    if (this.#instance == null) this.#instance = new Cache();
    return this.#instance;
  }
}`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new Db(), which creates new Pool(),', slot: 'the static field Db.instance' },
        line: 7,
        column: 23,
      },
      {
        messageId: 'lazyInit',
        data: { name: 'new Cache(), which creates new Redis(),', slot: 'the static field Cache.#instance' },
        line: 18,
        column: 33,
      },
    ],
  },
  {
    name: 'lazyInit: a client created lazily in a Proxy trap',
    code: `import Redis from 'ioredis';
let client: Redis | undefined;
export const redis = new Proxy({} as Redis, {
  get(_target, property) {
    if (!client) client = new Redis();
    return Reflect.get(client, property);
  },
});`,
    options: lazyInit,
    errors: [
      {
        messageId: 'lazyInit',
        data: { name: 'new Redis()', slot: 'the module variable client' },
        line: 5,
        column: 18,
      },
    ],
  },
  {
    name: 'lazyInit: a ??= that runs at load is reported once, as a creation at load',
    code: `import { Pool } from 'pg';
let pool;
pool ??= new Pool();`,
    options: lazyInit,
    errors: [{ messageId: 'client', line: 3, column: 10 }],
  },
];

checkCaseTable('no-module-scope-client', valid, invalid, { valid: 30, invalid: 50 });

runRuleTests('no-module-scope-client', rule, { valid, invalid });
