import { fileURLToPath } from 'node:url';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-client.js';
import { createRuleTester } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * What the field corpus asked of the client rule: a package's own code reaching the package through a
 * relative import (resolved on disk through test/fixtures/self-import's package.json files), rows for
 * brokers and metrics clients that open a socket when created, and a client that the flow which opened
 * it also closes (a send-and-exit script) holding nothing.
 */
const ruleTester = createRuleTester();
const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/self-import/${path}`, import.meta.url));
const script = { parserOptions: { sourceType: 'script' } } as const;
/** The fixture package's own connect(), as a user would add it. */
const ownRows: Options = [
  {
    fix: 'off',
    additionalClients: [
      { package: 'my-broker', export: 'connect', via: 'call', close: 'close' },
      { package: 'my-broker/callback_api', export: 'connect', via: 'call', close: 'close' },
      { package: 'my-broker', export: 'createConsumer', via: 'call', close: 'close' },
    ],
  },
];

const valid: Valid[] = [
  {
    name: 'superagent.agent() is a cookie jar over the global agent: not a client that holds sockets',
    code: `import superagent from 'superagent';
const session = superagent.agent();
export const login = (body) => session.post('/login').send(body);`,
  },
  {
    name: 'the Anthropic SDK client is config-only: it sends through the global fetch and owns no agent',
    code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export const ask = (content) => anthropic.messages.create({ max_tokens: 1024, messages: [{ role: 'user', content }] });`,
  },
  {
    name: 'a send-and-exit script: the connection is closed in the finally of the flow that opened it',
    languageOptions: script,
    code: `const amqp = require('amqplib');
(async () => {
  let connection;
  try {
    connection = await amqp.connect('amqp://localhost');
    const channel = await connection.createChannel();
    channel.sendToQueue('q', Buffer.from('x'));
  } finally {
    if (connection) await connection.close();
  }
})();`,
  },
  {
    name: 'callback style: closed in the completion callbacks of its own connect',
    languageOptions: script,
    code: `const amqp = require('amqplib/callback_api');
amqp.connect((err, connection) => {
  if (err) throw err;
  connection.createChannel((err, channel) => {
    channel.sendToQueue('q', Buffer.from('x'));
    channel.close(() => connection.close());
  });
});`,
  },
  {
    name: 'co(function* () { ... }) that closes its connection in finally: a send-and-exit script',
    languageOptions: script,
    code: `const co = require('co');
const amqp = require('amqplib');
co(function* () {
  const connection = yield amqp.connect('amqp://localhost');
  try {
    const channel = yield connection.createChannel();
    channel.sendToQueue('q', Buffer.from('x'));
  } finally {
    connection.close();
  }
});`,
  },
  {
    name: 'a generator that nothing steps at load, and one handed to co() inside a function nobody calls',
    languageOptions: script,
    code: `const co = require('co');
const amqp = require('amqplib');
function* consume() {
  const connection = yield amqp.connect('amqp://localhost');
}
const iterator = consume();
module.exports.start = () => co(function* () {
  const connection = yield amqp.connect('amqp://localhost');
});`,
  },
  {
    name: 'a relative import of a file that is not the package entry stays a relative import',
    filename: fixture('examples/consumer.js'),
    options: ownRows,
    languageOptions: script,
    code: `const broker = require('../lib/internal');
const connection = broker.connect();`,
  },
  {
    name: 'a relative path that leaves the package is not the package',
    filename: fixture('examples/consumer.js'),
    options: ownRows,
    languageOptions: script,
    code: `const other = require('../../no-such-package');
const connection = other.connect();`,
  },
  {
    name: 'the self-import resolved, but connect() runs only when called',
    filename: fixture('examples/consumer.js'),
    options: ownRows,
    languageOptions: script,
    code: `const broker = require('..');
module.exports = () => broker.connect();`,
  },
  {
    name: 'a close kept for later does not stop the report of a close that IS in the flow',
    languageOptions: script,
    code: `const pg = require('pg');
const releasers = [];
(async () => {
  const pool = new pg.Pool();
  releasers.push(() => pool.end());
  try {
    await pool.query('select 1');
  } finally {
    await pool.end();
  }
})();`,
  },
  {
    name: "a close in the completion callback of a client's own set(key, value, callback) runs in the flow",
    languageOptions: script,
    code: `const Redis = require('ioredis');
(async () => {
  const redis = new Redis();
  redis.set('key', 'value', () => redis.quit());
})();`,
  },
  {
    name: 'a close in a promise continuation of the opening flow runs in that flow',
    languageOptions: script,
    code: `const pg = require('pg');
(async () => {
  const client = new pg.Client();
  await client.connect();
  client.query('select 1').then(() => client.end());
})();`,
  },
];

const invalid: Invalid[] = [
  {
    name: "a close pushed onto a list of releasers runs at shutdown, not in the flow (graphile-worker's makeNewPool)",
    options: [{ fix: 'off' }],
    languageOptions: script,
    code: `const pg = require('pg');
const releasers = [];
function makeNewPool(options) {
  const pgPool = new pg.Pool(options);
  releasers.push(() => {
    pgPool.end();
  });
  return pgPool;
}
const pool = makeNewPool({ max: 10 });`,
    errors: [{ messageId: 'client', line: 4, column: 18 }],
  },
  {
    name: 'a close in a function kept in a map or returned is not a close in the flow',
    options: [{ fix: 'off' }],
    languageOptions: script,
    code: `const pg = require('pg');
const hooks = new Map();
(async () => {
  const pool = new pg.Pool();
  hooks.set('stop', () => pool.end());
})();
(async () => {
  const client = new pg.Client();
  const stop = () => client.end();
  return stop;
})();`,
    errors: [
      { messageId: 'client', line: 4, column: 16 },
      { messageId: 'client', line: 8, column: 18 },
    ],
  },
  {
    name: "amqplib's connect() in a top-level async IIFE: a consumer that keeps its socket until SIGINT",
    languageOptions: script,
    code: `const amqp = require('amqplib');
(async () => {
  const connection = await amqp.connect('amqp://localhost');
  process.once('SIGINT', async () => { await connection.close(); });
})();`,
    errors: [{ messageId: 'client', data: { name: 'amqp.connect()' }, line: 3, column: 28 }],
  },
  {
    name: 'co(function* () { ... }) at load: co steps the generator at once, so its connect() runs at load',
    languageOptions: script,
    code: `const co = require('co');
const amqp = require('amqplib');
co(function* () {
  const connection = yield amqp.connect('amqp://localhost');
  process.once('SIGINT', () => connection.close());
});`,
    errors: [{ messageId: 'client', data: { name: 'amqp.connect()' }, line: 4, column: 28 }],
  },
  {
    name: 'callback style: closed only from a SIGINT listener, so held until then',
    languageOptions: script,
    code: `const amqp = require('amqplib/callback_api');
amqp.connect((err, connection) => {
  process.once('SIGINT', () => connection.close());
});`,
    errors: [{ messageId: 'client', data: { name: 'amqp.connect()' }, line: 2, column: 1 }],
  },
  {
    name: "a module the entry re-exports whole (__exportStar) stands for the entry: mqtt's bins import '../mqtt'",
    filename: fixture('examples/consumer.js'),
    options: ownRows,
    languageOptions: script,
    code: `const broker = require('../lib/star');
const consumer = broker.createConsumer();`,
    errors: [{ messageId: 'client', data: { name: 'broker.createConsumer()' }, line: 2, column: 18 }],
  },
  {
    name: "a package's example reaches its own entry through require('..'): the package's rows apply",
    filename: fixture('examples/consumer.js'),
    options: ownRows,
    languageOptions: script,
    code: `const broker = require('..');
const connection = broker.connect();`,
    errors: [{ messageId: 'client', data: { name: 'broker.connect()' }, line: 2, column: 20 }],
  },
  {
    name: "'../..' from a nested example with a package.json of its own, and './index'-style paths",
    filename: fixture('examples/tutorials/worker.js'),
    options: ownRows,
    languageOptions: script,
    code: `const broker = require('../..');
const entry = require('../../lib/index.js');
const a = broker.connect();
const b = entry.connect();`,
    errors: [
      { messageId: 'client', data: { name: 'broker.connect()' }, line: 3, column: 11 },
      { messageId: 'client', data: { name: 'entry.connect()' }, line: 4, column: 11 },
    ],
  },
  {
    name: 'a subpath export reached by its relative path, and an ES import of the entry',
    filename: fixture('lib/helper.js'),
    options: ownRows,
    code: `import { connect } from './index.js';
import callbacks from './callback.js';
export const a = connect();
callbacks.connect((err, c) => {});`,
    errors: [
      { messageId: 'client', data: { name: 'connect()' }, line: 3, column: 18 },
      { messageId: 'client', data: { name: 'callbacks.connect()' }, line: 4, column: 1 },
    ],
  },
  {
    name: 'mqtt.connect(), a ws client, a hot-shots StatsD (UDP socket), an Elasticsearch client',
    code: `import mqtt from 'mqtt';
import WebSocket from 'ws';
import StatsD from 'hot-shots';
import { Client } from '@elastic/elasticsearch';
mqtt.connect('mqtt://localhost');
new WebSocket('ws://localhost:8080');
new StatsD();
new Client({ node: 'http://localhost:9200' });`,
    errors: [
      { messageId: 'client', data: { name: 'mqtt.connect()' }, line: 5, column: 1 },
      { messageId: 'client', data: { name: 'new WebSocket()' }, line: 6, column: 1 },
      { messageId: 'client', data: { name: 'new StatsD()' }, line: 7, column: 1 },
      { messageId: 'client', data: { name: 'new Client()' }, line: 8, column: 1 },
    ],
  },
];

ruleTester.run('no-module-scope-client (field corpus ownership)', rule, { valid, invalid });
