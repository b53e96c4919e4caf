import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-worker.js';
import { checkCaseTable, runRuleTests } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** What a fix adds to a file that neither imports nor requires the runtime yet. */
const importInterval = "import { interval } from 'eslint-plugin-fork-safe/runtime';";
const importStartWorker = "import { startWorker } from 'eslint-plugin-fork-safe/runtime';";
const importProxy = "import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';";
const importPerProcess = "import { perProcess } from 'eslint-plugin-fork-safe/runtime';";
const requireInterval = "const { interval } = require('eslint-plugin-fork-safe/runtime');";
const requireStartWorker = "const { startWorker } = require('eslint-plugin-fork-safe/runtime');";
/** CommonJS: typescript-eslint's RuleTester sets parserOptions.sourceType 'module' unless a case overrides it there. */
const script = { parserOptions: { sourceType: 'script' } } as const;

const valid: Valid[] = [
  {
    name: 'node-cron: createTask() starts nothing until .start(); schedule() in a function, and in the primary only',
    code: `import cron from 'node-cron';
import cluster from 'node:cluster';
export const task = cron.createTask('0 * * * *', () => report());
export function startJobs() {
  return cron.schedule('*/5 * * * *', () => rotate());
}
if (cluster.isPrimary) cron.schedule('0 3 * * *', () => vacuum());`,
  },
  // ---- role guards, branch form ----
  {
    name: 'isMainThread guard (then branch)',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
if (isMainThread) {
  new Worker('./worker.js');
}`,
  },
  {
    name: 'isMainThread guard (else branch of the negation)',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
if (!isMainThread) {
  runJob();
} else {
  new Worker('./worker.js');
}`,
  },
  {
    name: 'isMainThread guard as && and as a conditional',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
isMainThread && new Worker('./a.js');
export const b = isMainThread ? new Worker('./b.js') : undefined;`,
  },
  {
    name: 'isMainThread read through a namespace import',
    code: `import * as wt from 'node:worker_threads';
if (wt.isMainThread) setInterval(flush, 1000);`,
  },
  {
    name: 'cluster.isPrimary guard',
    code: `import cluster from 'node:cluster';
if (cluster.isPrimary) {
  for (let i = 0; i < 4; i++) cluster.fork();
}`,
  },
  {
    name: 'cluster.isMaster guard, both branches',
    code: `const cluster = require('cluster');
if (cluster.isMaster) {
  cluster.fork();
} else {
  setInterval(heartbeat, 1000);
}`,
    languageOptions: script,
  },
  {
    name: 'require.main === module (CLI entry check)',
    code: `const { fork } = require('child_process');
if (require.main === module) {
  fork('./server.js');
}`,
    languageOptions: script,
  },
  {
    name: 'import.meta.main',
    code: `import { Worker } from 'node:worker_threads';
if (import.meta.main) new Worker('./worker.js');`,
  },
  {
    name: "PM2 instance check: process.env.NODE_APP_INSTANCE === '0'",
    code: `if (process.env.NODE_APP_INSTANCE === '0') {
  setInterval(cleanup, 60_000);
}`,
  },
  {
    name: 'PM2 instance check: process.env.pm_id',
    code: `if (process.env['pm_id'] === '0') setInterval(cleanup, 60_000);`,
  },
  // ---- role guards, early-exit form ----
  {
    name: 'if (!isMainThread) return; inside a function called at load',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
function start() {
  if (!isMainThread) return;
  new Worker('./worker.js');
}
start();`,
  },
  {
    name: 'if (!isMainThread) return; at the top level of a CommonJS file (globalReturn)',
    code: `const { isMainThread, Worker } = require('worker_threads');
if (!isMainThread) return;
const worker = new Worker(__filename);`,
    languageOptions: { parserOptions: { sourceType: 'script', ecmaFeatures: { globalReturn: true } } },
  },
  {
    name: "early exit in a CommonJS file (sourceType 'commonjs')",
    code: `const wt = require('node:worker_threads');
if (!wt.isMainThread) return;
new wt.Worker(__filename);`,
    languageOptions: { parserOptions: { sourceType: 'commonjs' } },
  },
  {
    name: 'early exit with throw',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
if (!isMainThread) {
  throw new Error('main thread only');
}
new Worker('./worker.js');`,
  },
  {
    name: 'early exit with process.exit() on cluster.isWorker',
    code: `import cluster from 'node:cluster';
if (cluster.isWorker) process.exit(0);
cluster.fork();`,
  },
  // ---- code that does not run at load ----
  {
    name: 'a function that is never called',
    code: `import { Worker } from 'node:worker_threads';
export function startWorkers() {
  new Worker('./worker.js');
  setInterval(flush, 1000);
}`,
  },
  {
    name: 'a function only called from an event handler',
    code: `import { spawn } from 'node:child_process';
function startChild() {
  spawn('redis-server');
}
process.on('SIGUSR2', () => startChild());
server.on('listening', startChild);`,
  },
  {
    name: 'a method, and the constructor of a class that is never instantiated at load',
    code: `import { Worker } from 'node:worker_threads';
export class Pool {
  constructor() {
    this.worker = new Worker('./worker.js');
  }
  start() {
    setInterval(() => this.tick(), 1000);
  }
}
export function makePool() {
  return new Pool();
}`,
  },
  {
    name: 'a static method that is never called at load, and an instance field',
    code: `class Telemetry {
  timer = setInterval(() => this.flush(), 1000);
  static start() {
    setInterval(() => {}, 1000);
  }
  flush() {}
}
export { Telemetry };`,
  },
  {
    name: 'functions calling each other that nothing calls at load (cycle)',
    code: `function ping() { pong(); setInterval(ping, 1000); }
function pong() { ping(); }
export { ping };`,
  },
  {
    name: 'a generator: its body runs on next(), not when it is called',
    code: `function* ticks() {
  setInterval(() => {}, 1000);
}
const iterator = ticks();`,
  },
  {
    name: 'an instance accessor of a class that is never instantiated',
    code: `export class Poller {
  accessor timer = setInterval(() => this.poll(), 1000);
  poll() {}
}`,
  },
  // ---- not background work ----
  {
    name: 'the *Sync forms of child_process',
    code: `import { execSync, execFileSync, spawnSync } from 'node:child_process';
execSync('git rev-parse HEAD');
execFileSync('node', ['--version']);
spawnSync('ls');`,
  },
  {
    name: 'promise-callback poll loops that do not start at load, or do not loop',
    code: `function notCalled() {
  refresh().finally(() => setTimeout(notCalled, 30_000));
}
function onEvent() {
  emitter.on('change', () => setTimeout(onEvent, 1000));
}
onEvent();
function warmOnce() {
  refresh().then(() => setTimeout(warmUp, 1000));
}
warmOnce();
function later() {
  refresh().finally(() => setTimeout(() => later(), 1000));
}
export { notCalled };`,
  },
  {
    name: 'a one-shot setTimeout whose wrapper forwards to a function that does not reschedule',
    code: `function flush() {
  send(buffer);
}
setTimeout(() => flush(), 1000);
function later() {
  setTimeout(() => flush(), 1000);
}
later();`,
  },
  {
    name: 'a chain from the callback that does not come back to the function that arms the timeout: a one-shot',
    code: `let timer;
function scheduleFlush() {
  timer = setTimeout(() => flush(), 1000);
}
function flush() {
  send();
}
function send() {
  log();
}
scheduleFlush();`,
  },
  {
    name: 'a cycle that comes back only through a listener or a function nobody calls does not re-arm',
    code: `let timer;
function loop() {
  emitter.on('tick', () => scheduleNext());
  const later = () => scheduleNext();
}
function scheduleNext() {
  timer = setTimeout(loop, 1000);
}
scheduleNext();`,
  },
  {
    name: 'a class a thunk may or may not hand over, and a wrapper whose getter does not return what the thunk returns',
    code: `class Agent {
  constructor() {
    this.timer = setInterval(() => {}, 1000);
  }
}
class Noop {}
const pick = () => {
  if (process.env.AGENT) return Agent;
  return Noop;
};
const a = new (pick())();
function warn(fn) {
  return () => {
    fn();
    return Noop;
  };
}
const getAgent = warn(() => Agent);
const b = new (getAgent())();`,
  },
  {
    name: 'a parameter defaulting to setInterval: overridden by a non-timer, an unknown argument, not called at load',
    code: `function poll(fn, schedule = setInterval) {
  return schedule(fn, 1000);
}
poll(work, (fn) => fn());
poll(work, options.scheduler);
poll(...args);
function later(fn, every = setInterval) {
  every(fn, 10);
}
export { later };
function once(fn, schedule = setTimeout) {
  schedule(fn, 10);
}
once(work);
function nested(fn, schedule = setInterval) {
  return () => schedule(fn, 10);
}
nested(work);`,
  },
  {
    name: 'a one-shot setTimeout, and one with a named callback that does not reschedule',
    code: `setTimeout(() => console.log('ready'), 100);
setTimeout(function warmUp() { cache.fill(); }, 0);
setImmediate(() => {});`,
  },
  {
    name: 'pino without a transport option',
    code: `import pino from 'pino';
export const logger = pino({ level: 'info' });`,
  },
  {
    name: "threads.js's Worker is not a creator on its own (only spawn and Pool are)",
    code: `import { Worker } from 'threads';
export const worker = new Worker('./worker');`,
  },
  // ---- names that only look like creators ----
  {
    name: "the user's own Worker class",
    code: `class Worker {
  constructor(readonly name: string) {}
}
new Worker('payroll');`,
  },
  {
    name: 'a local Worker shadowing an import',
    code: `import { Worker as NodeWorker } from 'node:worker_threads';
function run(Worker: typeof NodeWorker) {
  return Worker;
}
{
  const Worker = class {};
  new Worker();
}`,
  },
  {
    name: 'setInterval shadowed by a parameter',
    code: `function schedule(setInterval: (fn: () => void, ms: number) => void) {
  setInterval(() => {}, 1000);
}
schedule(fakeTimer);`,
  },
  {
    name: 'setInterval shadowed by a local function and a block-scoped const',
    code: `function setInterval(fn: () => void, ms: number) {
  return { fn, ms };
}
setInterval(() => {}, 1);
{
  const setTimeout = (fn: () => void) => fn();
  setTimeout(function again() { setTimeout(again); });
}`,
  },
  {
    name: "an object's own spawn method",
    code: `const cp = { spawn(command: string) { return command; } };
cp.spawn('ls');`,
  },
  {
    name: 'type-only imports',
    code: `import type { Worker } from 'node:worker_threads';
import { type ChildProcess } from 'node:child_process';
import type Piscina from 'piscina';
let worker: Worker | undefined;
let child: ChildProcess | undefined;
export type Pool = Piscina;`,
  },
  {
    name: 'a type-only import used as a value resolves to nothing',
    code: `import { type Worker } from 'node:worker_threads';
new Worker('./worker.js');`,
  },
  // ---- already on the runtime ----
  {
    name: "the runtime's own calls",
    code: `import { interval, perProcess, runOnce, startWorker } from 'eslint-plugin-fork-safe/runtime';
import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import Piscina from 'piscina';
interval(() => flush(), 1000);
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });
startWorker(() => {
  const child = spawn('redis-server');
  child.on('exit', onExit);
  return child;
});
export const pool = perProcess(() => new Piscina({ filename: './task.js' }));
runOnce(() => cluster.fork());`,
  },
  {
    name: "the runtime's own calls through require",
    code: `const { interval } = require('eslint-plugin-fork-safe/runtime');
interval(() => {}, 1000, { unref: false });`,
    languageOptions: script,
  },
  // ---- files the options exempt ----
  {
    name: 'a hashbang file (a CLI entry) is ignored by default',
    code: `#!/usr/bin/env node
import { spawn } from 'node:child_process';
spawn('make', ['watch']);
setInterval(report, 1000);`,
  },
  {
    name: 'a worker entry file (reads parentPort) is ignored by default',
    code: `import { parentPort } from 'node:worker_threads';
setInterval(() => parentPort?.postMessage('tick'), 1000);`,
  },
  {
    name: 'a worker entry file (reads workerData through a namespace) is ignored by default',
    code: `const wt = require('worker_threads');
const { file } = wt.workerData;
setInterval(() => {}, 1000);`,
    languageOptions: script,
  },
  {
    name: 'a file that mentions no timer and no tracked module (fast path)',
    code: `export const answer = 42;
function start() { return answer; }
start();`,
  },
  {
    name: 'an additional creator that is called, where the option says it is constructed',
    code: `import { Queue } from 'my-queue';
export const queue = Queue();`,
    options: [{ additionalCreators: [{ package: 'my-queue', export: 'Queue', via: 'new' }] }],
  },
];

const invalid: Invalid[] = [
  // =====================================================================================
  // Every creator of the table
  // =====================================================================================
  {
    name: 'worker_threads Worker (named import, node: prefix) as a statement',
    code: `import { Worker } from 'node:worker_threads';
new Worker('./worker.js');`,
    output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'child_process fork (named import)',
    code: `import { fork } from 'child_process';
fork('./child.js', ['--serve']);`,
    output: `import { fork } from 'child_process';
${importStartWorker}
startWorker(() => fork('./child.js', ['--serve']), { mainThreadOnly: true });`,
    errors: [{ messageId: 'process', line: 2, column: 1 }],
  },
  {
    name: 'child_process spawn with a listener chain: the whole chain moves into the factory',
    code: `import * as cp from 'node:child_process';
cp.spawn('redis-server').on('exit', (code) => console.log(code)).on('error', console.error);`,
    output: `import * as cp from 'node:child_process';
${importStartWorker}
startWorker(() => cp.spawn('redis-server').on('exit', (code) => console.log(code)).on('error', console.error), { mainThreadOnly: true });`,
    errors: [{ messageId: 'process', line: 2, column: 1 }],
  },
  {
    name: "child_process exec through require (sourceType 'script'): the runtime is required",
    code: `const childProcess = require('child_process');
childProcess.exec('make watch', (error) => {
  if (error) console.error(error);
});`,
    output: `const childProcess = require('child_process');
${requireStartWorker}
startWorker(() => childProcess.exec('make watch', (error) => {
  if (error) console.error(error);
}), { mainThreadOnly: true });`,
    errors: [{ messageId: 'process', line: 2, column: 1 }],
    languageOptions: script,
  },
  {
    name: 'child_process execFile and spawn through a destructuring require with renames (two passes)',
    code: `const { execFile: run, spawn: start } = require('node:child_process');
run('git', ['fetch']);
start('ls');`,
    output: [
      `const { execFile: run, spawn: start } = require('node:child_process');
${requireStartWorker}
startWorker(() => run('git', ['fetch']), { mainThreadOnly: true });
start('ls');`,
      `const { execFile: run, spawn: start } = require('node:child_process');
${requireStartWorker}
startWorker(() => run('git', ['fetch']), { mainThreadOnly: true });
startWorker(() => start('ls'), { mainThreadOnly: true });`,
    ],
    errors: [
      { messageId: 'process', line: 2, column: 1 },
      { messageId: 'process', line: 3, column: 1 },
    ],
  },
  {
    name: 'cluster.fork() (default import): only a suggestion that adds a primary guard',
    code: `import cluster from 'node:cluster';
cluster.fork();`,
    errors: [
      {
        messageId: 'cluster',
        line: 2,
        column: 1,
        suggestions: [
          {
            messageId: 'guardPrimary',
            output: `import cluster from 'node:cluster';
if (cluster.isPrimary) cluster.fork();`,
          },
        ],
      },
    ],
  },
  {
    name: 'cluster.fork() in a loop, through require',
    code: `const cluster = require('cluster');
for (let i = 0; i < 4; i++) cluster.fork({ WORKER_INDEX: String(i) });`,
    errors: [
      {
        messageId: 'cluster',
        line: 2,
        column: 29,
        suggestions: [
          {
            messageId: 'guardPrimary',
            output: `const cluster = require('cluster');
for (let i = 0; i < 4; i++) if (cluster.isPrimary) cluster.fork({ WORKER_INDEX: String(i) });`,
          },
        ],
      },
    ],
    languageOptions: script,
  },
  {
    name: 'cluster.fork() whose result is kept: reported without a suggestion',
    code: `import cluster from 'node:cluster';
export const worker = cluster.fork();`,
    errors: [{ messageId: 'cluster', line: 2, column: 23, suggestions: [] }],
  },
  {
    name: 'piscina (default import and the named Piscina export)',
    code: `import Piscina from 'piscina';
import { Piscina as NamedPiscina } from 'piscina';
export const pool = new Piscina({ filename: './task.js' });
export const other = new NamedPiscina({ filename: './task.js' });`,
    errors: [
      {
        messageId: 'pool',
        data: { name: 'new Piscina()' },
        line: 3,
        column: 21,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import Piscina from 'piscina';
import { Piscina as NamedPiscina } from 'piscina';
${importProxy}
export const pool = perProcessProxy(() => new Piscina({ filename: './task.js' }), { dispose: (client) => client.destroy() });
export const other = new NamedPiscina({ filename: './task.js' });`,
          },
        ],
      },
      {
        messageId: 'pool',
        data: { name: 'new NamedPiscina()' },
        line: 4,
        column: 22,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import Piscina from 'piscina';
import { Piscina as NamedPiscina } from 'piscina';
${importProxy}
export const pool = new Piscina({ filename: './task.js' });
export const other = perProcessProxy(() => new NamedPiscina({ filename: './task.js' }), { dispose: (client) => client.destroy() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'a Piscina pool used through an exported function: held with perProcess, as the client rule does (a fix)',
    code: `import Piscina from 'piscina';
const pool = new Piscina({ filename: './task.js' });
export const run = (job: unknown) => pool.run(job);`,
    output: `import Piscina from 'piscina';
${importPerProcess}
const pool = perProcess(() => new Piscina({ filename: './task.js' }), { dispose: (client) => client.destroy() });
export const run = (job: unknown) => pool.get().run(job);`,
    errors: [{ messageId: 'pool', data: { name: 'new Piscina()' }, line: 2, column: 14 }],
  },
  {
    name: "a Piscina pool with its 'error' listener at load: the listener moves into the factory (a suggestion)",
    code: `import Piscina from 'piscina';
const pool = new Piscina({ filename: './task.js' });
pool.on('error', (error) => console.error(error));
export const run = (job: unknown) => pool.run(job);`,
    errors: [
      {
        messageId: 'pool',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'usePerProcess',
            data: { note: '; its setup at load moves into the factory, so every pool gets it' },
            output: `import Piscina from 'piscina';
${importPerProcess}
const pool = perProcess(() => {
  const created = new Piscina({ filename: './task.js' });
  created.on('error', (error) => console.error(error));
  return created;
}, { dispose: (client) => client.destroy() });
export const run = (job: unknown) => pool.get().run(job);`,
          },
        ],
      },
    ],
  },
  {
    name: 'a pool whose setup at load uses a binding declared after it: no edit (the factory runs first)',
    code: `import Piscina from 'piscina';
const pool = new Piscina({ filename: './task.js' });
const log = (error: unknown) => console.error(error);
pool.on('error', log);
export const run = (job: unknown) => pool.run(job);`,
    errors: [{ messageId: 'pool', line: 2, column: 14 }],
  },
  {
    name: 'tinypool (default and named)',
    code: `import Tinypool, { Tinypool as Named } from 'tinypool';
export const pool = new Tinypool({ filename: './task.js' });
export const named = new Named();`,
    errors: [
      {
        messageId: 'pool',
        data: { name: 'new Tinypool()' },
        line: 2,
        column: 21,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import Tinypool, { Tinypool as Named } from 'tinypool';
${importProxy}
export const pool = perProcessProxy(() => new Tinypool({ filename: './task.js' }), { dispose: (client) => client.destroy() });
export const named = new Named();`,
          },
        ],
      },
      {
        messageId: 'pool',
        data: { name: 'new Named()' },
        line: 3,
        column: 22,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import Tinypool, { Tinypool as Named } from 'tinypool';
${importProxy}
export const pool = new Tinypool({ filename: './task.js' });
export const named = perProcessProxy(() => new Named(), { dispose: (client) => client.destroy() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'workerpool.pool()',
    code: `import workerpool from 'workerpool';
export const pool = workerpool.pool('./worker.js', { maxWorkers: 4 });`,
    errors: [
      {
        messageId: 'pool',
        data: { name: 'workerpool.pool()' },
        line: 2,
        column: 21,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import workerpool from 'workerpool';
${importProxy}
export const pool = perProcessProxy(() => workerpool.pool('./worker.js', { maxWorkers: 4 }), { dispose: (client) => client.terminate() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'threads spawn() and Pool(), called and constructed',
    code: `import { spawn, Pool, Worker } from 'threads';
export const hasher = await spawn(new Worker('./hash'));
export const pool = Pool(() => spawn(new Worker('./hash')), 4);
export const pool2 = new Pool(() => spawn(new Worker('./hash')));`,
    errors: [
      { messageId: 'pool', data: { name: 'spawn()' }, line: 2, column: 29 },
      {
        messageId: 'pool',
        data: { name: 'Pool()' },
        line: 3,
        column: 21,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { spawn, Pool, Worker } from 'threads';
${importProxy}
export const hasher = await spawn(new Worker('./hash'));
export const pool = perProcessProxy(() => Pool(() => spawn(new Worker('./hash')), 4), { dispose: (client) => client.terminate() });
export const pool2 = new Pool(() => spawn(new Worker('./hash')));`,
          },
        ],
      },
      {
        messageId: 'pool',
        data: { name: 'new Pool()' },
        line: 4,
        column: 22,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import { spawn, Pool, Worker } from 'threads';
${importProxy}
export const hasher = await spawn(new Worker('./hash'));
export const pool = Pool(() => spawn(new Worker('./hash')), 4);
export const pool2 = perProcessProxy(() => new Pool(() => spawn(new Worker('./hash'))), { dispose: (client) => client.terminate() });`,
          },
        ],
      },
    ],
  },
  {
    name: 'pino.transport()',
    code: `import pino from 'pino';
const transport = pino.transport({ target: 'pino-pretty' });
export const logger = pino(transport);`,
    errors: [{ messageId: 'logger', data: { name: 'pino.transport()' }, line: 2, column: 19 }],
  },
  {
    name: 'pino with a transport option (default export, named export, shorthand, require)',
    code: `import pino, { pino as namedPino } from 'pino';
const transport = { target: 'pino/file' };
export const a = pino({ level: 'info', transport: { target: 'pino-pretty' } });
export const b = namedPino({ transport });
export const c = require('pino')({ 'transport': transport });`,
    errors: [
      { messageId: 'logger', data: { name: 'pino()' }, line: 3, column: 18 },
      { messageId: 'logger', data: { name: 'namedPino()' }, line: 4, column: 18 },
      { messageId: 'logger', data: { name: "require('pino')()" }, line: 5, column: 18 },
    ],
  },
  {
    name: 'new ThreadStream()',
    code: `import ThreadStream from 'thread-stream';
export const stream = new ThreadStream({ filename: './transport.js', workerData: {} });`,
    errors: [{ messageId: 'logger', data: { name: 'new ThreadStream()' }, line: 2, column: 23 }],
  },
  {
    name: 'cron.schedule() at load: default import, named import and CommonJS (node-cron)',
    code: `import cron, { schedule } from 'node-cron';
cron.schedule('*/5 * * * *', () => rotate());
export const nightly = schedule('0 3 * * *', './jobs/nightly.js');`,
    errors: [
      { messageId: 'scheduler', data: { name: 'cron.schedule()' }, line: 2, column: 1 },
      { messageId: 'scheduler', data: { name: 'schedule()' }, line: 3, column: 24 },
    ],
  },
  {
    name: 'cron.schedule() at load in CommonJS',
    code: `const cron = require('node-cron');
cron.schedule('* * * * *', () => poll());`,
    languageOptions: { parserOptions: { sourceType: 'script' } },
    errors: [{ messageId: 'scheduler', data: { name: 'cron.schedule()' }, line: 2, column: 1 }],
  },
  {
    name: 'setInterval as a statement: fix keeps the process alive, the unref form is a suggestion',
    code: `setInterval(() => flush(), 1000);`,
    output: `${importInterval}
interval(() => flush(), 1000, { unref: false });`,
    errors: [
      {
        messageId: 'interval',
        line: 1,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
interval(() => flush(), 1000);`,
          },
        ],
      },
    ],
  },
  {
    name: 'timers.setInterval (default import of node:timers)',
    code: `import timers from 'node:timers';
timers.setInterval(flush, 1000);`,
    output: `import timers from 'node:timers';
${importInterval}
interval(flush, 1000, { unref: false });`,
    errors: [
      {
        messageId: 'interval',
        line: 2,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `import timers from 'node:timers';
${importInterval}
interval(flush, 1000);`,
          },
        ],
      },
    ],
  },
  {
    name: 'setInterval imported from timers under another name, with a one-argument call',
    code: `import { setInterval as every } from 'timers';
every(flush).unref();`,
    output: `import { setInterval as every } from 'timers';
${importInterval}
interval(flush, 1);`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
  },
  {
    name: 'recurring setTimeout: a named callback that schedules itself again',
    code: `setTimeout(function tick() {
  flush();
  setTimeout(tick, 1000);
}, 1000);`,
    errors: [{ messageId: 'recurringTimeout', line: 1, column: 1 }],
  },
  {
    name: 'recurring setTimeout: a function that reschedules itself and is called at load',
    code: `function poll() {
  check();
  setTimeout(poll, 500);
}
poll();`,
    errors: [{ messageId: 'recurringTimeout', line: 3, column: 3 }],
  },
  {
    name: 'recurring setTimeout: an arrow function, and timers.setTimeout',
    code: `import { setTimeout as later } from 'node:timers';
const loop = () => {
  later(loop, 10);
};
loop();`,
    errors: [{ messageId: 'recurringTimeout', line: 3, column: 3 }],
  },
  {
    name: 'recurring setTimeout: a wrapper arrow that forwards to the loop (() => doNext()), in an async loop called at load',
    code: `let timer;
const doNext = async () => {
  const found = await fetchJob();
  if (!found) {
    timer = setTimeout(() => doNext(), 2000);
  }
};
doNext();`,
    errors: [{ messageId: 'recurringTimeout', data: { trigger: '' }, line: 5, column: 13 }],
  },
  {
    name: "recurring setTimeout: two functions that schedule each other (graphile-worker's cron loop and scheduleNextLoop)",
    code: `let timeout = null;
async function cronMain() {
  await backfill();
  const scheduleNextLoop = () => {
    timeout = setTimeout(() => {
      timeout = null;
      loop();
    }, 60_000);
  };
  async function loop() {
    try {
      if (early()) {
        scheduleNextLoop();
        return;
      }
      await runJobs();
      scheduleNextLoop();
    } catch (e) {
      restart(e);
    }
  }
  scheduleNextLoop();
}
cronMain();`,
    errors: [{ messageId: 'recurringTimeout', data: { trigger: '' }, line: 5, column: 15 }],
  },
  {
    name: 'recurring setTimeout: a cycle of three functions, one re-arming from a promise callback',
    code: `let timer;
function tick() {
  refresh().then(() => process());
}
function process() {
  arm();
}
function arm() {
  timer = setTimeout(tick, 1000);
}
arm();`,
    errors: [{ messageId: 'recurringTimeout', data: { trigger: '' }, line: 9, column: 11 }],
  },
  {
    name: 'a class handed over by a thunk and constructed at load: `new (load())()`, and a memoiser over a thunk',
    options: [{ fix: 'off' }],
    code: `class Agent {
  constructor() {
    this.timer = setInterval(() => this.flush(), 1000);
  }
}
class Reporter {
  static start() {
    setInterval(() => {}, 5000);
  }
}
function lazy(fn) {
  let value;
  return function get() {
    if (value === undefined) value = fn();
    return value;
  };
}
const load = () => Agent;
const agent = new (load())();
const getReporter = lazy(() => Reporter);
getReporter().start();`,
    errors: [
      { messageId: 'interval', data: { trigger: ' by new (load())() on line 19' }, line: 3, column: 18 },
      { messageId: 'interval', data: { trigger: '' }, line: 8, column: 5 },
    ],
  },
  {
    name: 'a parameter whose default is setInterval, called at load without it, with undefined, and with setInterval passed',
    options: [{ fix: 'off' }],
    code: `function poll(fn, schedule = setInterval) {
  return schedule(fn, 1000);
}
poll(work);
function every(ms, fn, start = setInterval) {
  start(fn, ms);
}
every(500, work, undefined);
const watch = function (fn, schedule = setInterval) {
  schedule(fn, 10);
};
watch(work, setInterval);`,
    errors: [
      {
        messageId: 'intervalByParameter',
        data: { trigger: '', parameter: 'schedule', timer: 'setInterval', how: 'through its default' },
        line: 2,
        column: 10,
      },
      {
        messageId: 'intervalByParameter',
        data: { trigger: '', parameter: 'start', timer: 'setInterval', how: 'through its default' },
        line: 6,
        column: 3,
      },
      {
        messageId: 'intervalByParameter',
        data: {
          trigger: '',
          parameter: 'schedule',
          timer: 'setInterval',
          how: 'as passed by \`watch()\` at line 12',
        },
        line: 10,
        column: 3,
      },
    ],
  },
  {
    name: 'recurring setTimeout: a block wrapper that resets state, then calls the loop',
    code: `let timeout = null;
function loop() {
  tick();
  timeout = setTimeout(() => {
    timeout = null;
    loop();
  }, 60_000);
}
loop();`,
    errors: [{ messageId: 'recurringTimeout', data: { trigger: '' }, line: 4, column: 13 }],
  },
  {
    name: 'recurring setTimeout: a poll loop that reschedules from .finally(), called at load',
    code: `function poll() {
  refresh().finally(() => setTimeout(poll, 30_000));
}
poll();`,
    errors: [{ messageId: 'recurringTimeout', line: 2, column: 27 }],
  },
  {
    name: 'recurring setTimeout: .then() with a block body and its rejection handler, an arrow loop',
    code: `const poll = () => {
  refresh().then(
    () => {
      setTimeout(poll, 1000);
    },
    () => setTimeout(poll, 5000),
  );
};
poll();`,
    errors: [
      { messageId: 'recurringTimeout', line: 4, column: 7 },
      { messageId: 'recurringTimeout', line: 6, column: 11 },
    ],
  },
  {
    name: 'recurring setTimeout: an inline callback that reschedules from .catch().finally()',
    code: `setTimeout(function tick() {
  refresh()
    .catch(report)
    .finally(() => setTimeout(tick, 1000));
}, 1000);`,
    errors: [{ messageId: 'recurringTimeout', line: 1, column: 1 }],
  },

  // =====================================================================================
  // Every import form
  // =====================================================================================
  {
    name: 'import * as (node: prefix)',
    code: `import * as wt from 'node:worker_threads';
new wt.Worker('./worker.js');`,
    output: `import * as wt from 'node:worker_threads';
${importStartWorker}
startWorker(() => new wt.Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'default import, double quotes kept for the added import',
    code: `import wt from "worker_threads";
new wt.Worker("./worker.js");`,
    output: `import wt from "worker_threads";
import { startWorker } from "eslint-plugin-fork-safe/runtime";
startWorker(() => new wt.Worker("./worker.js"), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'named import under another name',
    code: `import { Worker as ThreadWorker } from 'worker_threads';
new ThreadWorker('./worker.js');`,
    output: `import { Worker as ThreadWorker } from 'worker_threads';
${importStartWorker}
startWorker(() => new ThreadWorker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'require of the module object, in a file with require and no import: the runtime is required',
    code: `const wt = require('worker_threads');
new wt.Worker(__filename);
module.exports = {};`,
    output: `const wt = require('worker_threads');
${requireStartWorker}
startWorker(() => new wt.Worker(__filename), { mainThreadOnly: true });
module.exports = {};`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'const wt = mod.default || mod after a dynamic import',
    code: `const mod = await import('node:worker_threads');
const wt = mod.default || mod;
new wt.Worker('./worker.js');`,
    output: `${importStartWorker}
const mod = await import('node:worker_threads');
const wt = mod.default || mod;
startWorker(() => new wt.Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 3, column: 1 }],
  },
  {
    name: 'destructured dynamic import',
    code: `const { Worker } = await import('worker_threads');
new Worker('./worker.js');`,
    output: `${importStartWorker}
const { Worker } = await import('worker_threads');
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'a member of the worker written by destructuring (JavaScript): the suggestion writes through .current, never an optional chain (not a valid target)',
    filename: 'file.js',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./w.js');
({ a: worker.label } = options);
[worker.tag] = tags;`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const worker = startWorker(() => {
  const created = new Worker('./w.js');
  return created;
}, { mainThreadOnly: true });
({ a: worker.current.label } = options);
[worker.current.tag] = tags;`,
          },
        ],
      },
    ],
  },
  {
    name: 'a member of the worker written in TypeScript: .current! (the handle may hold no worker), which type-checks',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./w.js');
export function label(name: string, options: { a: number }) {
  (worker as Worker & { label?: string }).label = name;
  worker.setMaxListeners(options.a);
  ({ a: worker.stdout.readableHighWaterMark } = options);
}`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const worker = startWorker(() => {
  const created = new Worker('./w.js');
  return created;
}, { mainThreadOnly: true });
export function label(name: string, options: { a: number }) {
  (worker.current! as Worker & { label?: string }).label = name;
  worker.current?.setMaxListeners(options.a);
  ({ a: worker.current!.stdout.readableHighWaterMark } = options);
}`,
          },
        ],
      },
    ],
  },
  {
    name: "the moved setup names the worker in a closure and a shorthand property: the factory's own name, the key kept",
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./w.js');
worker.on('exit', (code) => report({ worker, code }));
export const send = (value: unknown) => worker.postMessage(value);
function report(event: { worker: Worker; code: number }) {
  console.log(event.worker.threadId, event.code);
}`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const worker = startWorker(() => {
  const created = new Worker('./w.js');
  created.on('exit', (code) => report({ worker: created, code }));
  return created;
}, { mainThreadOnly: true });
export const send = (value: unknown) => worker.current?.postMessage(value);
function report(event: { worker: Worker; code: number }) {
  console.log(event.worker.threadId, event.code);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'the worker handed to a function in TypeScript: .current!, which type-checks where a Worker is expected',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./w.js');
function track(w: Worker) {
  return w.threadId;
}
export const id = () => track(worker);`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const worker = startWorker(() => {
  const created = new Worker('./w.js');
  return created;
}, { mainThreadOnly: true });
function track(w: Worker) {
  return w.threadId;
}
export const id = () => track(worker.current!);`,
          },
        ],
      },
    ],
  },
  {
    name: 'a worker in a let, and one nested in a call: the message says why no edit is offered',
    code: `import { Worker } from 'node:worker_threads';
let worker = new Worker('./w.js');
register(new Worker('./other.js'));
export const restart = () => (worker = new Worker('./w.js'));`,
    errors: [
      {
        messageId: 'thread',
        data: {
          withheld: ' No edit: worker is not a const that nothing reassigns, so it could not hold the managed handle.',
          trigger: '',
        },
        line: 2,
        column: 14,
      },
      {
        messageId: 'thread',
        data: {
          withheld: ' No edit: it is created inside another expression; give it a const of its own.',
          trigger: '',
        },
        line: 3,
        column: 10,
      },
    ],
  },
  {
    name: 're-assignment to a local alias (let, then assigned; and a const alias)',
    code: `import * as wt from 'node:worker_threads';
import { spawn } from 'node:child_process';
let WorkerClass;
WorkerClass = wt.Worker;
const launch = spawn;
export const worker = new WorkerClass('./worker.js');
export const child = launch('ls');`,
    errors: [
      {
        messageId: 'thread',
        line: 6,
        column: 23,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import * as wt from 'node:worker_threads';
import { spawn } from 'node:child_process';
${importStartWorker}
let WorkerClass;
WorkerClass = wt.Worker;
const launch = spawn;
export const worker = startWorker(() => {
  const created = new WorkerClass('./worker.js');
  return created;
}, { mainThreadOnly: true });
export const child = launch('ls');`,
          },
        ],
      },
      {
        messageId: 'process',
        line: 7,
        column: 22,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import * as wt from 'node:worker_threads';
import { spawn } from 'node:child_process';
${importStartWorker}
let WorkerClass;
WorkerClass = wt.Worker;
const launch = spawn;
export const worker = new WorkerClass('./worker.js');
export const child = startWorker(() => {
  const created = launch('ls');
  return created;
}, { mainThreadOnly: true });`,
          },
        ],
      },
    ],
  },
  {
    name: "TypeScript import x = require('...')",
    code: `import wt = require('node:worker_threads');
new wt.Worker('./worker.js');`,
    output: `${importStartWorker}
import wt = require('node:worker_threads');
startWorker(() => new wt.Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: "process.getBuiltinModule('node:worker_threads')",
    code: `const { Worker } = process.getBuiltinModule('node:worker_threads');
new Worker('./worker.js');`,
    output: `${importStartWorker}
const { Worker } = process.getBuiltinModule('node:worker_threads');
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
  },
  {
    name: 'globalThis.setInterval',
    code: `globalThis.setInterval(flush, 1000);`,
    output: `${importInterval}
interval(flush, 1000, { unref: false });`,
    errors: [
      {
        messageId: 'interval',
        line: 1,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
interval(flush, 1000);`,
          },
        ],
      },
    ],
  },

  // =====================================================================================
  // Every load-time scope
  // =====================================================================================
  {
    name: 'a block, if, try and for at the top level (fixes converge in two passes)',
    code: `import { Worker } from 'node:worker_threads';
{
  new Worker('./a.js');
}
if (process.env.WORKERS) {
  new Worker('./b.js');
}
try {
  new Worker('./c.js');
} catch {}
for (const file of files) new Worker(file);`,
    output: [
      `import { Worker } from 'node:worker_threads';
${importStartWorker}
{
  startWorker(() => new Worker('./a.js'), { mainThreadOnly: true });
}
if (process.env.WORKERS) {
  new Worker('./b.js');
}
try {
  new Worker('./c.js');
} catch {}
for (const file of files) new Worker(file);`,
      `import { Worker } from 'node:worker_threads';
${importStartWorker}
{
  startWorker(() => new Worker('./a.js'), { mainThreadOnly: true });
}
if (process.env.WORKERS) {
  startWorker(() => new Worker('./b.js'), { mainThreadOnly: true });
}
try {
  startWorker(() => new Worker('./c.js'), { mainThreadOnly: true });
} catch {}
for (const file of files) startWorker(() => new Worker(file), { mainThreadOnly: true });`,
    ],
    errors: [
      { messageId: 'thread', line: 3, column: 3 },
      { messageId: 'thread', line: 6, column: 3 },
      { messageId: 'thread', line: 9, column: 3 },
      { messageId: 'thread', line: 11, column: 27 },
    ],
  },
  {
    name: 'top-level IIFEs: arrow, function, and .call(this)',
    code: `import { fork } from 'node:child_process';
(() => {
  fork('./a.js');
})();
(function () {
  fork('./b.js');
})();
(function () {
  fork('./c.js');
}).call(this);`,
    output: [
      `import { fork } from 'node:child_process';
${importStartWorker}
(() => {
  startWorker(() => fork('./a.js'), { mainThreadOnly: true });
})();
(function () {
  fork('./b.js');
})();
(function () {
  fork('./c.js');
}).call(this);`,
      `import { fork } from 'node:child_process';
${importStartWorker}
(() => {
  startWorker(() => fork('./a.js'), { mainThreadOnly: true });
})();
(function () {
  startWorker(() => fork('./b.js'), { mainThreadOnly: true });
})();
(function () {
  startWorker(() => fork('./c.js'), { mainThreadOnly: true });
}).call(this);`,
    ],
    errors: [
      { messageId: 'process', line: 3, column: 3 },
      { messageId: 'process', line: 6, column: 3 },
      { messageId: 'process', line: 9, column: 3 },
    ],
  },
  {
    name: 'top-level await and for await',
    code: `import { Worker } from 'node:worker_threads';
await loadConfig();
for await (const file of workerFiles()) {
  new Worker(file);
}`,
    output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
await loadConfig();
for await (const file of workerFiles()) {
  startWorker(() => new Worker(file), { mainThreadOnly: true });
}`,
    errors: [{ messageId: 'thread', line: 4, column: 3 }],
  },
  {
    name: 'a static block',
    code: `class Metrics {
  static {
    setInterval(() => Metrics.flush(), 1000);
  }
  static flush() {}
}`,
    output: `${importInterval}
class Metrics {
  static {
    interval(() => Metrics.flush(), 1000, { unref: false });
  }
  static flush() {}
}`,
    errors: [
      {
        messageId: 'interval',
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
class Metrics {
  static {
    interval(() => Metrics.flush(), 1000);
  }
  static flush() {}
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a static field initialiser: reported, not rewritten',
    code: `import { Worker } from 'node:worker_threads';
export class Metrics {
  static timer = setInterval(() => Metrics.flush(), 1000);
  static worker = new Worker('./metrics.js');
  static flush() {}
}`,
    errors: [
      { messageId: 'interval', line: 3, column: 18, suggestions: [] },
      { messageId: 'thread', line: 4, column: 19, suggestions: [] },
    ],
  },
  {
    name: 'the constructor of a same-file class instantiated at load',
    code: `import { Worker } from 'node:worker_threads';
class Client {
  worker: Worker;
  constructor() {
    this.worker = new Worker('./client.js');
  }
}
export const client = new Client();`,
    errors: [{ messageId: 'thread', line: 5, column: 19 }],
  },
  {
    name: 'the constructor of a class expression instantiated at load, with its instance fields',
    code: `const Poller = class {
  timer = setInterval(() => this.poll(), 1000);
  constructor() {
    setInterval(() => this.flush(), 5000);
  }
  poll() {}
  flush() {}
};
new Poller();`,
    output: `${importInterval}
const Poller = class {
  timer = setInterval(() => this.poll(), 1000);
  constructor() {
    interval(() => this.flush(), 5000, { unref: false });
  }
  poll() {}
  flush() {}
};
new Poller();`,
    errors: [
      { messageId: 'interval', line: 2, column: 11 },
      {
        messageId: 'interval',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
const Poller = class {
  timer = setInterval(() => this.poll(), 1000);
  constructor() {
    interval(() => this.flush(), 5000);
  }
  poll() {}
  flush() {}
};
new Poller();`,
          },
        ],
      },
    ],
  },
  {
    name: 'a singleton: static instance = new C()',
    code: `import { spawn } from 'node:child_process';
export class Redis {
  static instance = new Redis();
  constructor() {
    spawn('redis-server');
  }
}`,
    output: `import { spawn } from 'node:child_process';
${importStartWorker}
export class Redis {
  static instance = new Redis();
  constructor() {
    startWorker(() => spawn('redis-server'), { mainThreadOnly: true });
  }
}`,
    errors: [{ messageId: 'process', line: 5, column: 5 }],
  },
  {
    name: 'a same-file function called at load, followed three levels',
    code: `import { fork } from 'node:child_process';
function startChild() {
  fork('./child.js');
}
function startServices() {
  startChild();
}
const main = () => {
  startServices();
};
main();`,
    output: `import { fork } from 'node:child_process';
${importStartWorker}
function startChild() {
  startWorker(() => fork('./child.js'), { mainThreadOnly: true });
}
function startServices() {
  startChild();
}
const main = () => {
  startServices();
};
main();`,
    errors: [{ messageId: 'process', line: 3, column: 3 }],
  },
  {
    name: 'a static method called at load',
    code: `import { Worker } from 'node:worker_threads';
class Telemetry {
  static start() {
    new Worker('./telemetry.js');
  }
}
Telemetry.start();`,
    output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
class Telemetry {
  static start() {
    startWorker(() => new Worker('./telemetry.js'), { mainThreadOnly: true });
  }
}
Telemetry.start();`,
    errors: [{ messageId: 'thread', line: 4, column: 5 }],
  },
  {
    name: 'a Promise executor',
    code: `import { spawn } from 'node:child_process';
export const ready = new Promise((resolve) => {
  spawn('redis-server').once('spawn', resolve);
});`,
    output: `import { spawn } from 'node:child_process';
${importStartWorker}
export const ready = new Promise((resolve) => {
  startWorker(() => spawn('redis-server').once('spawn', resolve), { mainThreadOnly: true });
});`,
    errors: [{ messageId: 'process', line: 3, column: 3 }],
  },
  {
    name: 'a [..].forEach callback',
    code: `import { fork } from 'node:child_process';
['a.js', 'b.js'].forEach((script) => {
  fork(script);
});`,
    output: `import { fork } from 'node:child_process';
${importStartWorker}
['a.js', 'b.js'].forEach((script) => {
  startWorker(() => fork(script), { mainThreadOnly: true });
});`,
    errors: [{ messageId: 'process', line: 3, column: 3 }],
  },

  // =====================================================================================
  // Every fix and suggestion
  // =====================================================================================
  {
    name: 'setInterval(...).unref() is absorbed: the runtime unrefs by default',
    code: `setInterval(flush, 1000).unref();`,
    output: `${importInterval}
interval(flush, 1000);`,
    errors: [{ messageId: 'unrefInterval', line: 1, column: 1 }],
  },
  {
    name: 'a stored id: clearInterval(id) becomes id.stop()',
    code: `const timer = setInterval(flush, 1000);
process.on('SIGTERM', () => clearInterval(timer));`,
    output: `${importInterval}
const timer = interval(flush, 1000, { unref: false });
process.on('SIGTERM', () => timer.stop());`,
    errors: [
      {
        messageId: 'interval',
        line: 1,
        column: 15,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
const timer = interval(flush, 1000);
process.on('SIGTERM', () => timer.stop());`,
          },
        ],
      },
    ],
  },
  {
    name: 'a stored id: an id.unref() statement is absorbed, timers.clearInterval rewritten',
    code: `import { clearInterval as clear } from 'node:timers';
const timer = setInterval(flush, 1000);
timer.unref();
export function stop() {
  clear(timer);
}`,
    output: `import { clearInterval as clear } from 'node:timers';
${importInterval}
const timer = interval(flush, 1000);
export function stop() {
  timer.stop();
}`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 15 }],
  },
  {
    name: 'an exported timer: no edit (a consumer would get a ManagedTask where it expects a Timeout)',
    code: `export const timer = setInterval(flush, 1000);`,
    errors: [{ messageId: 'interval', line: 1, column: 22 }],
  },
  {
    name: 'a timer used otherwise (and exported by name): no edit (timer.refresh() does not exist on the task)',
    code: `const timer = setInterval(flush, 1000);
timer.refresh();
export { timer };`,
    errors: [{ messageId: 'interval', line: 1, column: 15 }],
  },
  {
    name: 'a timer stored in a let that is reassigned: suggestions only',
    // JavaScript: in TypeScript the inferred type would change from Timeout to ManagedTask.
    filename: 'file.js',
    code: `let timer = setInterval(flush, 1000).unref();
timer = undefined;`,
    errors: [
      {
        messageId: 'unrefInterval',
        line: 1,
        column: 13,
        suggestions: [
          {
            messageId: 'useInterval',
            data: { unrefNote: '' },
            output: `${importInterval}
let timer = interval(flush, 1000);
timer = undefined;`,
          },
        ],
      },
    ],
  },
  {
    name: 'a timer with extra arguments or none: reported without a fix',
    code: `setInterval(log, 1000, 'tick');
setInterval();
setInterval(...args);`,
    errors: [
      { messageId: 'interval', line: 1, column: 1 },
      { messageId: 'interval', line: 2, column: 1 },
      { messageId: 'interval', line: 3, column: 1 },
    ],
  },
  {
    name: 'later setup at load (unref, a listener after other code) moves into the factory, in order',
    code: `import { Worker } from 'node:worker_threads';
const pending = new Map<number, (value: unknown) => void>();
const worker = new Worker('./enrich.js');
worker.unref();
let nextId = 0;
worker.on('message', ({ id, value }) => pending.get(id)?.(value));
export function enrich(value: unknown) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, value });
  });
}`,
    errors: [
      {
        messageId: 'thread',
        line: 3,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            data: { handleNote: '; the variable then holds the managed handle and its other uses go through .current' },
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const pending = new Map<number, (value: unknown) => void>();
const worker = startWorker(() => {
  const created = new Worker('./enrich.js');
  created.unref();
  created.on('message', ({ id, value }) => pending.get(id)?.(value));
  return created;
}, { mainThreadOnly: true });
let nextId = 0;
export function enrich(value: unknown) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.current?.postMessage({ id, value });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'later setup that uses a binding declared after the worker: no edit (the factory runs first)',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./enrich.js');
const pending = new Map<number, (value: unknown) => void>();
worker.on('message', ({ id, value }) => pending.get(id)?.(value));
export const send = (value: unknown) => worker.postMessage(value);`,
    errors: [
      {
        messageId: 'thread',
        data: {
          withheld:
            ' No edit: a later statement at load that sets worker up uses a name declared after it, and the factory runs where the creation stands.',
          trigger: '',
        },
        line: 2,
        column: 16,
      },
    ],
  },
  {
    name: 'a worker and the listener statements after it move into the factory',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./worker.js');
worker.on('message', (message) => console.log(message));
worker.once('error', (error) => console.error(error)).on('exit', () => worker.unref());
setupMore();`,
    output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
startWorker(() => {
  const worker = new Worker('./worker.js');
  worker.on('message', (message) => console.log(message));
  worker.once('error', (error) => console.error(error)).on('exit', () => worker.unref());
  return worker;
}, { mainThreadOnly: true });
setupMore();`,
    errors: [{ messageId: 'thread', line: 2, column: 16 }],
  },
  {
    name: 'a worker used elsewhere: a suggestion that rewrites its other uses to .current',
    code: `import { Worker } from 'node:worker_threads';
const worker = new Worker('./worker.js');
worker.on('error', console.error);
export function send(job: unknown) {
  worker.postMessage(job);
  worker['ref']();
  return { worker, threadId: worker.threadId };
}
export { worker };`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'useStartWorker',
            data: { handleNote: '; the variable then holds the managed handle and its other uses go through .current' },
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
const worker = startWorker(() => {
  const created = new Worker('./worker.js');
  created.on('error', console.error);
  return created;
}, { mainThreadOnly: true });
export function send(job: unknown) {
  worker.current?.postMessage(job);
  worker.current?.['ref']();
  return { worker: worker.current!, threadId: worker.current?.threadId };
}
export { worker };`,
          },
        ],
      },
    ],
  },
  {
    name: 'an exported worker: a suggestion that keeps the export',
    code: `import { Worker } from 'node:worker_threads';
export const worker = new Worker('./worker.js');
worker.on('error', console.error);`,
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 23,
        suggestions: [
          {
            messageId: 'useStartWorker',
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
export const worker = startWorker(() => {
  const created = new Worker('./worker.js');
  created.on('error', console.error);
  return created;
}, { mainThreadOnly: true });`,
          },
        ],
      },
    ],
  },
  {
    name: 'a worker in a let, or in a const with a chained listener: reported without a fix',
    code: `import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';
let worker = new Worker('./worker.js');
const child = spawn('ls').on('exit', onExit);`,
    errors: [
      { messageId: 'thread', line: 3, column: 14, suggestions: [] },
      { messageId: 'process', line: 4, column: 15, suggestions: [] },
    ],
  },
  {
    name: "CommonJS ('use strict', sourceType script): the require goes after the directive",
    code: `'use strict';
setInterval(flush, 1000);`,
    output: `'use strict';
${requireInterval}
interval(flush, 1000, { unref: false });`,
    errors: [
      {
        messageId: 'interval',
        line: 2,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `'use strict';
${requireInterval}
interval(flush, 1000);`,
          },
        ],
      },
    ],
    languageOptions: script,
  },
  {
    name: "CommonJS (sourceType 'commonjs'), a file with no require yet",
    code: `globalThis.setInterval(flush, 1000).unref();`,
    output: `${requireInterval}
interval(flush, 1000);`,
    errors: [{ messageId: 'unrefInterval', line: 1, column: 1 }],
    languageOptions: { parserOptions: { sourceType: 'commonjs' } },
  },
  {
    name: 'CommonJS: a worker with listeners, in a file with require and no import',
    code: `const { Worker } = require('node:worker_threads');
const worker = new Worker(__filename);
worker.on('message', (message) => console.log(message));
module.exports = { ping: () => 1 };`,
    output: `const { Worker } = require('node:worker_threads');
${requireStartWorker}
startWorker(() => {
  const worker = new Worker(__filename);
  worker.on('message', (message) => console.log(message));
  return worker;
}, { mainThreadOnly: true });
module.exports = { ping: () => 1 };`,
    errors: [{ messageId: 'thread', line: 2, column: 16 }],
  },
  {
    name: 'an existing runtime import is reused',
    code: `import { interval } from 'eslint-plugin-fork-safe/runtime';
interval(report, 5000);
setInterval(flush, 1000);`,
    output: `import { interval } from 'eslint-plugin-fork-safe/runtime';
interval(report, 5000);
interval(flush, 1000, { unref: false });`,
    errors: [
      {
        messageId: 'interval',
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `import { interval } from 'eslint-plugin-fork-safe/runtime';
interval(report, 5000);
interval(flush, 1000);`,
          },
        ],
      },
    ],
  },
  {
    name: 'an existing runtime import under another name is reused',
    code: `import { startWorker as managed } from 'eslint-plugin-fork-safe/runtime';
import { Worker } from 'node:worker_threads';
new Worker('./worker.js');`,
    output: `import { startWorker as managed } from 'eslint-plugin-fork-safe/runtime';
import { Worker } from 'node:worker_threads';
managed(() => new Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 3, column: 1 }],
  },
  {
    name: 'an existing runtime require under another name is reused',
    code: `const { interval: every } = require('eslint-plugin-fork-safe/runtime');
setInterval(flush, 1000).unref();`,
    output: `const { interval: every } = require('eslint-plugin-fork-safe/runtime');
every(flush, 1000);`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
    languageOptions: script,
  },
  {
    name: 'an existing runtime import is extended with the new specifier',
    code: `import { startWorker } from 'eslint-plugin-fork-safe/runtime';
setInterval(flush, 1000).unref();`,
    output: `import { startWorker, interval } from 'eslint-plugin-fork-safe/runtime';
interval(flush, 1000);`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
  },
  {
    name: 'an existing runtime require is extended with the new property',
    code: `const { interval } = require('eslint-plugin-fork-safe/runtime');
const { fork } = require('child_process');
fork('./child.js');`,
    output: `const { interval, startWorker } = require('eslint-plugin-fork-safe/runtime');
const { fork } = require('child_process');
startWorker(() => fork('./child.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'process', line: 3, column: 1 }],
    languageOptions: script,
  },
  {
    name: 'a name collision: the user already has a local interval',
    code: `import { interval } from './schedule.js';
setInterval(() => interval('daily'), 60_000).unref();`,
    output: `import { interval } from './schedule.js';
import { interval as forkSafeInterval } from 'eslint-plugin-fork-safe/runtime';
forkSafeInterval(() => interval('daily'), 60_000);`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
  },
  {
    name: 'a name collision in CommonJS: startWorker is taken',
    code: `const { fork } = require('child_process');
const startWorker = () => {};
fork('./child.js');`,
    output: `const { fork } = require('child_process');
const { startWorker: forkSafeStartWorker } = require('eslint-plugin-fork-safe/runtime');
const startWorker = () => {};
forkSafeStartWorker(() => fork('./child.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'process', line: 3, column: 1 }],
    languageOptions: script,
  },
  {
    name: "settings['fork-safe'].runtimeModule changes the specifier",
    code: `import { Worker } from 'node:worker_threads';
new Worker('./worker.js');`,
    output: `import { Worker } from 'node:worker_threads';
import { startWorker } from '#runtime';
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });`,
    errors: [{ messageId: 'thread', line: 2, column: 1 }],
    settings: { 'fork-safe': { runtimeModule: '#runtime' } },
  },
  {
    name: 'settings: an existing import of the configured runtime module is extended',
    code: `import { startWorker } from '#runtime';
setInterval(flush, 1000).unref();`,
    output: `import { startWorker, interval } from '#runtime';
interval(flush, 1000);`,
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
    settings: { 'fork-safe': { runtimeModule: '#runtime' } },
  },
  {
    name: "fix: 'suggest' offers the fixes as suggestions",
    code: `import { Worker } from 'node:worker_threads';
new Worker('./worker.js');
setInterval(flush, 1000);`,
    options: [{ fix: 'suggest' }],
    errors: [
      {
        messageId: 'thread',
        line: 2,
        column: 1,
        suggestions: [
          {
            messageId: 'useStartWorker',
            data: { handleNote: '' },
            output: `import { Worker } from 'node:worker_threads';
${importStartWorker}
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });
setInterval(flush, 1000);`,
          },
        ],
      },
      {
        messageId: 'interval',
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'useInterval',
            output: `import { Worker } from 'node:worker_threads';
${importInterval}
new Worker('./worker.js');
interval(flush, 1000, { unref: false });`,
          },
          {
            messageId: 'useUnrefInterval',
            output: `import { Worker } from 'node:worker_threads';
${importInterval}
new Worker('./worker.js');
interval(flush, 1000);`,
          },
        ],
      },
    ],
  },
  {
    name: "fix: 'off' only reports",
    code: `import { Worker } from 'node:worker_threads';
import cluster from 'node:cluster';
new Worker('./worker.js');
setInterval(flush, 1000);
cluster.fork();`,
    options: [{ fix: 'off' }],
    errors: [
      { messageId: 'thread', line: 3, column: 1, suggestions: [] },
      { messageId: 'interval', line: 4, column: 1, suggestions: [] },
      { messageId: 'cluster', line: 5, column: 1, suggestions: [] },
    ],
  },
  {
    name: 'several fixes in one file converge: one import, extended on the next pass',
    code: `import { Worker } from 'node:worker_threads';
setInterval(flush, 1000);
new Worker('./worker.js');
setInterval(poll, 5000).unref();`,
    output: [
      `import { Worker } from 'node:worker_threads';
${importInterval}
interval(flush, 1000, { unref: false });
new Worker('./worker.js');
setInterval(poll, 5000).unref();`,
      `import { Worker } from 'node:worker_threads';
import { interval, startWorker } from 'eslint-plugin-fork-safe/runtime';
interval(flush, 1000, { unref: false });
startWorker(() => new Worker('./worker.js'), { mainThreadOnly: true });
interval(poll, 5000);`,
    ],
    errors: [
      {
        messageId: 'interval',
        line: 2,
        column: 1,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `import { Worker } from 'node:worker_threads';
${importInterval}
interval(flush, 1000);
new Worker('./worker.js');
setInterval(poll, 5000).unref();`,
          },
        ],
      },
      { messageId: 'thread', line: 3, column: 1 },
      { messageId: 'unrefInterval', line: 4, column: 1 },
    ],
  },

  // =====================================================================================
  // Options
  // =====================================================================================
  {
    name: 'additionalCreators: a user-named package export, constructed and called',
    code: `import { Consumer } from 'my-queue';
import kafka from 'kafka-lite';
export const consumer = new Consumer({ topic: 'jobs' });
kafka.startPolling();`,
    options: [
      {
        additionalCreators: [
          { package: 'my-queue', export: 'Consumer', via: 'new' },
          { package: 'kafka-lite', export: 'startPolling' },
        ],
      },
    ],
    errors: [
      { messageId: 'pool', data: { name: 'new Consumer()' }, line: 3, column: 25 },
      { messageId: 'pool', data: { name: 'kafka.startPolling()' }, line: 4, column: 1 },
    ],
  },
  {
    name: "clearInterval(timer) inside the timer's own callback: rewritten within the callback (no overlapping edits)",
    code: `let ticks = 0;
const timer = setInterval(() => {
  ticks++;
  if (ticks === 3) clearInterval(timer);
}, 10);
export const stop = () => clearInterval(timer);`,
    output: `${importInterval}
let ticks = 0;
const timer = interval(() => {
  ticks++;
  if (ticks === 3) timer.stop();
}, 10, { unref: false });
export const stop = () => timer.stop();`,
    errors: [
      {
        messageId: 'interval',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'useUnrefInterval',
            output: `${importInterval}
let ticks = 0;
const timer = interval(() => {
  ticks++;
  if (ticks === 3) timer.stop();
}, 10);
export const stop = () => timer.stop();`,
          },
        ],
      },
    ],
  },
  {
    name: 'allowInHashbangFiles: false reports in a CLI entry; the import goes below the hashbang',
    code: `#!/usr/bin/env node
setInterval(report, 1000).unref();`,
    output: `#!/usr/bin/env node
${importInterval}
interval(report, 1000);`,
    options: [{ allowInHashbangFiles: false }],
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
  },
  {
    name: 'allowInWorkerEntries: false reports in a worker entry file',
    code: `import { parentPort } from 'node:worker_threads';
setInterval(() => parentPort?.postMessage('tick'), 1000).unref();`,
    output: `import { parentPort } from 'node:worker_threads';
${importInterval}
interval(() => parentPort?.postMessage('tick'), 1000);`,
    options: [{ allowInWorkerEntries: false }],
    errors: [{ messageId: 'unrefInterval', line: 2, column: 1 }],
  },
];

checkCaseTable('no-module-scope-worker', valid, invalid, { valid: 30, invalid: 40 });

runRuleTests('no-module-scope-worker', rule, { valid, invalid });
