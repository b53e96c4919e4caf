import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-client.js';
import { checkCaseTable, createRuleTester } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * What a class owns and what a function returns (detect/owned-resources.ts): a load-time `new C()` of a
 * same-file class that keeps a client it opens later (a session pool), or a `f()` that returns one, is
 * reported at that line; a client created by code that itself runs at load stays reported where it is
 * created, once.
 */
const ruleTester = createRuleTester();
const script = { parserOptions: { sourceType: 'script' } } as const;

/** A session pool: opens an HTTP/2 session per origin on demand, keeps it in a Map on the instance. */
const sessionPool = `import http2 from 'node:http2';
class SessionPool {
  sessions = new Map();
  getSession(origin) {
    let session = this.sessions.get(origin);
    if (!session) {
      session = http2.connect(origin);
      this.sessions.set(origin, session);
    }
    return session;
  }
}
`;

const valid: Valid[] = [
  {
    name: 'config-only wrapper: keeps options and sends through the global fetch',
    code: `class Api {
  constructor(options) { this.baseUrl = options.baseUrl; this.headers = { accept: 'application/json' }; }
  get(path) { return fetch(this.baseUrl + path, { headers: this.headers }); }
}
export const api = new Api({ baseUrl: 'https://example.test' });`,
  },
  {
    name: 'config-only wrapper over the global agent: http.get per request, no agent of its own',
    code: `import http from 'node:http';
class Pinger {
  constructor(url) { this.url = url; }
  ping() { return new Promise((resolve) => http.get(this.url, resolve)); }
}
export const pinger = new Pinger('http://127.0.0.1:8080');`,
  },
  {
    name: 'a method that opens a connection and closes it again in the same flow keeps nothing',
    code: `import net from 'node:net';
class HealthCheck {
  constructor(port) { this.port = port; }
  async check() {
    const socket = net.connect(this.port, '127.0.0.1');
    try {
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      return true;
    } finally {
      socket.destroy();
    }
  }
}
export const health = new HealthCheck(6379);`,
  },
  {
    name: 'a client handed in is owned by whoever created it, not by the class that stores it',
    code: `class Repository {
  constructor(pool) { this.pool = pool; }
  find(id) { return this.pool.query('select * from t where id = $1', [id]); }
}
export const repository = new Repository(globalThis.pool);`,
  },
  {
    name: 'a method that returns a new client without keeping it: the caller owns what it gets',
    code: `import net from 'node:net';
class Dialer {
  constructor(port) { this.port = port; }
  dial() { return net.connect(this.port, '127.0.0.1'); }
}
export const dialer = new Dialer(6379);`,
  },
  {
    name: 'a lazy getter defined at load: nothing calls it while the module loads',
    code: `import pg from 'pg';
function lazy(create) {
  let value;
  return () => (value ??= create());
}
export const getPool = lazy(() => new pg.Pool());
let client;
export function getClient() { return (client ??= new pg.Client()); }`,
  },
  {
    name: 'an instance nobody keeps: nothing can call the method that would open its session',
    code: `${sessionPool}new SessionPool();`,
  },
  {
    name: 'created per request, not at load',
    code: `${sessionPool}export function handler(origin) { return new SessionPool().getSession(origin); }`,
  },
  {
    name: 'a static factory method is the class’s own, not what its instances keep',
    code: `import net from 'node:net';
class Endpoint {
  static open(port) { return net.connect(port, '127.0.0.1'); }
  constructor(port) { this.port = port; }
}
export const endpoint = new Endpoint(6379);`,
  },
  {
    name: 'a socket stored on another object than the instance',
    code: `import net from 'node:net';
const registry = new Map();
class Tracker {
  track(port) { registry.set(port, net.connect(port, '127.0.0.1')); }
}
export const tracker = new Tracker();`,
  },
];

const invalid: Invalid[] = [
  {
    name: 'a session pool created at load (got’s Http2Agent shape): reported at the new, naming the session it opens',
    code: `${sessionPool}export const globalAgent = new SessionPool();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new SessionPool()', verb: 'keeps', owned: 'line 7: `http2.connect()`' },
        line: 13,
        column: 28,
        // Its construction only sets fields, so holding it is the same edit as for a listed client.
        suggestions: [
          {
            messageId: 'useProxy',
            output: `${sessionPool.replace(
              "import http2 from 'node:http2';\n",
              "import http2 from 'node:http2';\nimport { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';\n",
            )}export const globalAgent = perProcessProxy(() => new SessionPool());`,
          },
        ],
      },
    ],
  },
  {
    name: 'axios’s Http2Sessions shape: the session goes into an array entry pushed onto a list read from this',
    languageOptions: script,
    code: `const http2 = require('http2');
class Http2Sessions {
  constructor() { this.sessions = Object.create(null); }
  getSession(authority, options) {
    let authoritySessions = this.sessions[authority];
    const session = http2.connect(authority, options);
    session.once('close', () => session.close());
    const entry = [session, options];
    authoritySessions ? authoritySessions.push(entry) : (authoritySessions = this.sessions[authority] = [entry]);
    return session;
  }
}
const http2Sessions = new Http2Sessions();
module.exports = (url) => http2Sessions.getSession(url);`,
    output: `const http2 = require('http2');
const { perProcess } = require('eslint-plugin-fork-safe/runtime');
class Http2Sessions {
  constructor() { this.sessions = Object.create(null); }
  getSession(authority, options) {
    let authoritySessions = this.sessions[authority];
    const session = http2.connect(authority, options);
    session.once('close', () => session.close());
    const entry = [session, options];
    authoritySessions ? authoritySessions.push(entry) : (authoritySessions = this.sessions[authority] = [entry]);
    return session;
  }
}
const http2Sessions = perProcess(() => new Http2Sessions());
module.exports = (url) => http2Sessions.get().getSession(url);`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Http2Sessions()', verb: 'keeps', owned: 'line 6: `http2.connect()`' },
        line: 13,
        column: 23,
      },
    ],
  },
  {
    name: 'a lazy getter that keeps its pool on the instance owns it: the instance made at load keeps the pool it opened',
    code: `import pg from 'pg';
class Database {
  get pool() { return (this._pool ??= new pg.Pool()); }
  query(text) { return this.pool.query(text); }
}
export default new Database();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Database()', verb: 'keeps', owned: 'line 3: `new pg.Pool()`' },
        line: 6,
        column: 16,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import pg from 'pg';
import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
class Database {
  get pool() { return (this._pool ??= new pg.Pool()); }
  query(text) { return this.pool.query(text); }
}
export default perProcessProxy(() => new Database());`,
          },
        ],
      },
    ],
  },
  {
    name: 'a factory called at load: its own new of the owning class is the load-time line, reported there once',
    code: `import net from 'node:net';
class Connection {
  connect() { this.socket = net.connect(6379, '127.0.0.1'); }
}
function createConnection() {
  return new Connection();
}
const connection = createConnection();
export const send = (line) => connection.socket.write(line);`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Connection()', verb: 'keeps', owned: 'line 3: `net.connect()`' },
        line: 6,
        column: 10,
      },
    ],
  },
  {
    name: 'a class whose method keeps an owning instance: reported at the outer new, through the inner class',
    code: `import dgram from 'node:dgram';
class Transport {
  send(message) {
    this.socket ??= dgram.createSocket('udp4');
    this.socket.send(message, 8125, '127.0.0.1');
  }
}
class Metrics {
  constructor() { this.transports = []; }
  start() { this.transports.push(new Transport()); }
}
export const metrics = new Metrics();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: {
          name: 'new Metrics()',
          verb: 'keeps',
          owned: 'line 4: `dgram.createSocket()`, through `new Transport()` at line 10',
        },
        line: 12,
        column: 24,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import dgram from 'node:dgram';
import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
class Transport {
  send(message) {
    this.socket ??= dgram.createSocket('udp4');
    this.socket.send(message, 8125, '127.0.0.1');
  }
}
class Metrics {
  constructor() { this.transports = []; }
  start() { this.transports.push(new Transport()); }
}
export const metrics = perProcessProxy(() => new Metrics());`,
          },
        ],
      },
    ],
  },
  {
    name: 'an owning instance created in a constructor that runs at load is reported there, once',
    code: `import net from 'node:net';
class Link {
  open() { this.socket = net.connect(6379, '127.0.0.1'); }
}
class Service {
  constructor() { this.link = new Link(); }
}
export const service = new Service();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Link()', verb: 'keeps', owned: 'line 3: `net.connect()`' },
        line: 6,
        column: 31,
      },
    ],
  },
  {
    name: 'a client created in the constructor of a class made at load stays reported where it is created, once',
    code: `import http from 'node:http';
class Client {
  constructor() { this.agent = new http.Agent({ keepAlive: true }); }
}
export const client = new Client();`,
    errors: [
      {
        messageId: 'clientInInstance',
        data: { name: 'new http.Agent()', by: 'new Client()', line: '5' },
        line: 3,
        column: 32,
      },
    ],
  },
  {
    name: 'a factory that creates the client when called at load stays reported at the creation, once',
    code: `import pg from 'pg';
function createPool(options) {
  const pool = new pg.Pool(options);
  pool.on('error', () => {});
  return pool;
}
export const pool = createPool({ max: 5 });`,
    options: [{ fix: 'off' }],
    errors: [{ messageId: 'client', data: { name: 'new pg.Pool()' }, line: 3, column: 16 }],
  },
  {
    name: 'a class expression held in a const, its client kept in a method',
    languageOptions: script,
    code: `const tls = require('tls');
const Secure = class {
  connect() { this.socket = tls.connect(443, 'example.test'); }
};
module.exports = new Secure();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Secure()', verb: 'keeps', owned: 'line 3: `tls.connect()`' },
        line: 5,
        column: 18,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `const tls = require('tls');
const { perProcessProxy } = require('eslint-plugin-fork-safe/runtime');
const Secure = class {
  connect() { this.socket = tls.connect(443, 'example.test'); }
};
module.exports = perProcessProxy(() => new Secure());`,
          },
        ],
      },
    ],
  },
  {
    name: 'role-guarded, reported like a listed client: the guard picks the process that opens it, not the time',
    code: `import cluster from 'node:cluster';
${sessionPool}let pool;
if (cluster.isPrimary) pool = new SessionPool();
export const session = (origin) => pool.getSession(origin);`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new SessionPool()', verb: 'keeps', owned: 'line 8: `http2.connect()`' },
        line: 15,
        column: 31,
      },
    ],
  },
  {
    name: 'a constructor that does more than set fields keeps its place: reported without an edit',
    code: `import net from 'node:net';
class Link {
  constructor(port) {
    this.port = port;
    process.on('exit', () => this.socket?.destroy());
  }
  open() { this.socket = net.connect(this.port, '127.0.0.1'); }
}
const link = new Link(6379);
export const send = (line) => link.socket.write(line);`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Link()', verb: 'keeps', owned: 'line 7: `net.connect()`' },
        line: 9,
        column: 14,
      },
    ],
  },
  {
    name: 'an inert EventEmitter subclass used only later: fixed like a listed client',
    code: `import { EventEmitter } from 'node:events';
import net from 'node:net';
class Link extends EventEmitter {
  sockets = new Set();
  constructor({ port = 6379 } = {}) {
    super();
    this.port = port;
  }
  open() { this.sockets.add(net.connect(this.port, '127.0.0.1')); }
}
const link = new Link();
export const open = () => link.open();`,
    output: `import { EventEmitter } from 'node:events';
import net from 'node:net';
import { perProcess } from 'eslint-plugin-fork-safe/runtime';
class Link extends EventEmitter {
  sockets = new Set();
  constructor({ port = 6379 } = {}) {
    super();
    this.port = port;
  }
  open() { this.sockets.add(net.connect(this.port, '127.0.0.1')); }
}
const link = perProcess(() => new Link());
export const open = () => link.get().open();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Link()', verb: 'keeps', owned: 'line 9: `net.connect()`' },
        line: 11,
        column: 14,
      },
    ],
  },
  {
    name: 'a base class whose constructor is not known keeps its place: reported without an edit',
    code: `import { Base } from './base.js';
import net from 'node:net';
class Link extends Base {
  open() { this.socket = net.connect(6379, '127.0.0.1'); }
}
const link = new Link();
export const open = () => link.open();`,
    errors: [
      {
        messageId: 'ownsClient',
        data: { name: 'new Link()', verb: 'keeps', owned: 'line 4: `net.connect()`' },
        line: 6,
        column: 14,
      },
    ],
  },
];

checkCaseTable('no-module-scope-client (owned resources)', valid, invalid, { valid: 8, invalid: 8 });
ruleTester.run('no-module-scope-client (owned resources)', rule, { valid, invalid });
