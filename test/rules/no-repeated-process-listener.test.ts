import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-repeated-process-listener.js';
import { checkCaseTable, runRuleTests } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** What a fix adds to a file that neither imports nor requires the runtime yet. */
const importOnExit = "import { onExit } from 'eslint-plugin-fork-safe/runtime';";
const requireOnExit = "const { onExit } = require('eslint-plugin-fork-safe/runtime');";
/** CommonJS: typescript-eslint's RuleTester sets parserOptions.sourceType 'module' unless a case overrides it there. */
const script = { parserOptions: { sourceType: 'script' } } as const;

const valid: Valid[] = [
  // ---- registered once, at load ----
  {
    name: 'top-level registration',
    code: `import { flush } from './queue.js';
process.on('exit', flush);
process.once('SIGTERM', () => process.exit(0));`,
  },
  {
    name: 'top-level loop over shutdown signals',
    code: `for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => shutdown(signal));
}`,
  },
  {
    name: 'top-level forEach over shutdown signals',
    code: `['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((signal) => process.on(signal, stop));`,
  },
  {
    name: 'a function called once at load',
    code: `function installHandlers() {
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
installHandlers();`,
  },
  {
    name: 'an async main() called once at load, with its promise chained',
    code: `async function main() {
  const server = await listen();
  process.on('SIGTERM', () => server.close());
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});`,
  },
  {
    name: 'an IIFE and a top-level .then() callback',
    code: `(() => {
  process.on('SIGINT', stop);
})();
ready.then(() => process.on('SIGTERM', stop));`,
  },
  {
    name: 'the constructor of a same-file singleton',
    code: `class Telemetry {
  constructor() {
    process.on('exit', () => this.flush());
  }
  flush() {}
}
export const telemetry = new Telemetry();`,
  },
  {
    name: 'a static instance singleton',
    code: `export class Registry {
  static instance = new Registry();
  private constructor() {
    process.on('beforeExit', () => this.drain());
  }
  drain() {}
}`,
  },
  {
    name: 'a lazy singleton behind ??=',
    code: `class Client {
  constructor() {
    process.on('SIGTERM', () => this.close());
  }
  close() {}
}
let client: Client | undefined;
export function getClient() {
  return (client ??= new Client());
}`,
  },
  {
    name: 'a static block',
    code: `export class Agent {
  static {
    process.on('exit', () => Agent.flushAll());
  }
  static flushAll() {}
}`,
  },
  // ---- guards ----
  {
    name: 'a module-level registered flag (Scout)',
    code: `import { flush } from './queue.js';
let registered = false;
export function start() {
  if (!registered) {
    registered = true;
    process.on('exit', flush);
  }
}`,
  },
  {
    name: 'a #loaded private field tested first',
    code: `export class Sdk {
  #loaded = false;
  load() {
    if (this.#loaded) return;
    this.#loaded = true;
    process.on('SIGTERM', () => this.shutdown());
  }
  shutdown() {}
}`,
  },
  {
    name: 'the flag is set after the registration',
    code: `export class Sdk {
  hooked = false;
  start() {
    if (this.hooked) {
      return;
    }
    process.on('exit', () => this.flush());
    this.hooked = true;
  }
  flush() {}
}`,
  },
  {
    name: 'a flag that the constructor initialises is not a reset',
    code: `export class Sdk {
  constructor() {
    this.exitHooked = false;
  }
  start() {
    if (this.exitHooked) return;
    this.exitHooked = true;
    process.on('exit', () => this.flush());
  }
}`,
  },
  {
    name: 'the handler itself is the flag',
    code: `export class Sdk {
  start() {
    if (this.onExit) return;
    this.onExit = () => this.flush();
    process.on('exit', this.onExit);
  }
}`,
  },
  {
    name: 'a module-level Set of hooked signals',
    code: `const hooked = new Set<string>();
export function onSignal(signal: NodeJS.Signals, handler: () => void) {
  if (hooked.has(signal)) return;
  hooked.add(signal);
  process.on(signal, handler);
}`,
  },
  {
    name: 'a listenerCount check',
    code: `export function start() {
  if (process.listenerCount('SIGTERM') === 0) {
    process.on('SIGTERM', () => process.exit(0));
  }
}`,
  },
  {
    name: 'a once() wrapper',
    code: `import once from 'lodash/once.js';
const installExitHook = once(() => {
  process.on('exit', flush);
});
export function start() {
  installExitHook();
}`,
  },
  {
    name: 'a named function only handed to a once-wrapper',
    code: `import onetime from 'onetime';
function hookSignals() {
  process.on('SIGINT', stop);
}
export const start = onetime(hookSignals);`,
  },
  {
    name: "the runtime's runOnce()",
    code: `import { runOnce } from 'eslint-plugin-fork-safe/runtime';
export function start() {
  runOnce(() => process.on('SIGTERM', stop), { key: 'sigterm' });
}`,
  },
  {
    name: 'a private method called only from a guarded start()',
    code: `export class Agent {
  #started = false;
  start() {
    if (this.#started) return;
    this.#started = true;
    this.#hookExit();
  }
  #hookExit() {
    process.on('exit', () => this.flush());
  }
  flush() {}
}`,
  },
  // ---- removed where it stops ----
  {
    name: 'stop() removes the same handler',
    code: `export class Telemetry {
  flush = () => {};
  start() {
    process.on('exit', this.flush);
  }
  stop() {
    process.off('exit', this.flush);
  }
}`,
  },
  {
    name: 'removeListener with the same module-level function',
    code: `function onTerm() {
  process.exit(0);
}
export function start() {
  process.on('SIGTERM', onTerm);
}
export function stop() {
  process.removeListener('SIGTERM', onTerm);
}`,
  },
  {
    name: 'removeAllListeners for the event',
    code: `export function start() {
  process.on('SIGHUP', () => reload());
}
export function stop() {
  process.removeAllListeners('SIGHUP');
}`,
  },
  {
    name: 'a running flag reset by stop(), which also removes the listener',
    code: `export class Server {
  running = false;
  start() {
    if (this.running) return;
    this.running = true;
    process.on('SIGTERM', this.stop);
  }
  stop = () => {
    this.running = false;
    process.off('SIGTERM', this.stop);
  };
}`,
  },
  {
    name: 'removing in a loop over the same signals',
    code: `export function start(signals: string[], handler: () => void) {
  for (const signal of signals) process.on(signal, handler);
}
export function stop(signals: string[], handler: () => void) {
  for (const signal of signals) process.off(signal, handler);
}`,
  },
  // ---- not the global process, or not a stacking event ----
  {
    name: "a child process's own exit, and a cluster worker's process",
    code: `import { spawn } from 'node:child_process';
export function run(worker) {
  const child = spawn('node', ['job.js']);
  child.on('exit', (code) => report(code));
  worker.process.on('exit', () => restart(worker));
}`,
  },
  {
    name: 'this.process.on(...) on a wrapped child',
    code: `export class Supervisor {
  start() {
    this.process = spawnChild();
    this.process.on('exit', () => this.restart());
  }
}`,
  },
  {
    name: 'a process parameter and a local process variable',
    code: `import { EventEmitter } from 'node:events';
export function attach(process) {
  process.on('exit', () => {});
}
export function local() {
  const process = new EventEmitter();
  process.on('SIGTERM', () => {});
}`,
  },
  {
    name: 'events that do not stack a shutdown or exit handler',
    code: `export function start() {
  process.on('message', onMessage);
  process.on('warning', onWarning);
  for (const event of ['disconnect', 'multipleResolves']) process.on(event, log);
}`,
  },
  {
    name: 'already on the runtime',
    code: `import { onExit } from 'eslint-plugin-fork-safe/runtime';
function flush() {}
export function start() {
  onExit(flush);
}`,
  },
  {
    name: 'a top-level once-listener whose callback registers the exit hook',
    code: `process.once('SIGTERM', () => {
  process.on('exit', () => console.log('bye'));
  server.close();
});`,
  },
  {
    name: 'CommonJS, at the top level',
    code: `const { flush } = require('./queue');
process.on('exit', flush);
module.exports = { flush };`,
    languageOptions: script,
  },
  {
    name: 'a file that never mentions process listeners',
    code: `export function start(emitter) {
  emitter.on('exit', () => {});
}`,
  },
];

const invalid: Invalid[] = [
  // ---- exit handlers that are the same function every time: fixed onto onExit() ----
  {
    name: 'the telemetry SDK: start() registers a module-level flush',
    code: `import { writeSync } from 'node:fs';
const queue: string[] = [];
function flush() {
  if (queue.length > 0) writeSync(1, queue.join('\\n'));
  queue.length = 0;
}
export class Telemetry {
  start() {
    process.on('exit', flush);
  }
}`,
    output: `import { writeSync } from 'node:fs';
${importOnExit}
const queue: string[] = [];
function flush() {
  if (queue.length > 0) writeSync(1, queue.join('\\n'));
  queue.length = 0;
}
export class Telemetry {
  start() {
    onExit(flush);
  }
}`,
    errors: [{ messageId: 'exitListener', data: { call: "process.on('exit')", where: 'start()' }, line: 9, column: 5 }],
  },
  {
    name: "process.once('exit') is the same as on for exit",
    code: `function flush() {}
export function init() {
  process.once('exit', flush);
}`,
    output: `${importOnExit}
function flush() {}
export function init() {
  onExit(flush);
}`,
    errors: [
      { messageId: 'exitListener', data: { call: "process.once('exit')", where: 'init()' }, line: 3, column: 3 },
    ],
  },
  {
    name: 'addListener, with a module-level const arrow',
    code: `const drain = () => {
  queue.length = 0;
};
export function connect() {
  process.addListener('exit', drain);
}`,
    output: `${importOnExit}
const drain = () => {
  queue.length = 0;
};
export function connect() {
  onExit(drain);
}`,
    errors: [{ messageId: 'exitListener', line: 5, column: 3 }],
  },
  {
    name: "process.once('beforeExit') becomes onExit(..., { event: 'beforeExit' })",
    code: `async function sendPending() {
  await transport.send(queue.splice(0));
}
export class Client {
  connect() {
    process.once('beforeExit', sendPending);
  }
}`,
    output: `${importOnExit}
async function sendPending() {
  await transport.send(queue.splice(0));
}
export class Client {
  connect() {
    onExit(sendPending, { event: 'beforeExit' });
  }
}`,
    errors: [
      {
        messageId: 'exitListener',
        data: { call: "process.once('beforeExit')", where: 'connect()' },
        line: 6,
        column: 5,
      },
    ],
  },
  {
    name: 'an arrow field used from its own instance',
    code: `export class Telemetry {
  flush = () => {
    this.queue.length = 0;
  };
  restart() {
    process.on('exit', this.flush);
  }
}`,
    output: `${importOnExit}
export class Telemetry {
  flush = () => {
    this.queue.length = 0;
  };
  restart() {
    onExit(this.flush);
  }
}`,
    errors: [
      { messageId: 'exitListener', data: { call: "process.on('exit')", where: 'restart()' }, line: 6, column: 5 },
    ],
  },
  {
    name: 'a method bound in the constructor',
    code: `export class Telemetry {
  constructor() {
    this.flush = this.flush.bind(this);
  }
  flush() {
    this.queue.length = 0;
  }
  start() {
    process.on('exit', this.flush);
  }
}`,
    output: `${importOnExit}
export class Telemetry {
  constructor() {
    this.flush = this.flush.bind(this);
  }
  flush() {
    this.queue.length = 0;
  }
  start() {
    onExit(this.flush);
  }
}`,
    errors: [{ messageId: 'exitListener', line: 9, column: 5 }],
  },
  {
    name: 'CommonJS: the require is added',
    code: `'use strict';
function flush() {}
module.exports = function start() {
  process.on('exit', flush);
};`,
    output: `'use strict';
${requireOnExit}
function flush() {}
module.exports = function start() {
  onExit(flush);
};`,
    errors: [
      {
        messageId: 'exitListener',
        data: { call: "process.on('exit')", where: 'an exported function' },
        line: 4,
        column: 3,
      },
    ],
    languageOptions: script,
  },
  {
    name: 'an existing runtime import is reused, and a taken name avoided',
    code: `import { perProcess } from 'eslint-plugin-fork-safe/runtime';
const onExit = 'not the runtime';
function flush() {}
export function start() {
  process.on('exit', flush);
}`,
    output: `import { perProcess, onExit as forkSafeOnExit } from 'eslint-plugin-fork-safe/runtime';
const onExit = 'not the runtime';
function flush() {}
export function start() {
  forkSafeOnExit(flush);
}`,
    errors: [{ messageId: 'exitListener', line: 5, column: 3 }],
  },
  // ---- inline handlers: a new function per call ----
  {
    name: 'an inline arrow that only calls an imported function: onExit() takes that function',
    code: `import { flushSync } from './queue.js';

export class Telemetry {
  start() {
    process.on('exit', () => flushSync());
  }
}`,
    output: `import { flushSync } from './queue.js';
${importOnExit}

export class Telemetry {
  start() {
    onExit(flushSync);
  }
}`,
    errors: [{ messageId: 'exitListener', line: 5, column: 5 }],
  },
  {
    name: 'an inline arrow that only calls a const declared after it is still moved (the const may not exist yet)',
    code: `export function start() {
  process.on('exit', () => mark());
}
const mark = () => console.log('exit');`,
    output: `${importOnExit}

function onProcessExit(): void {
  mark();
}

export function start() {
  onExit(onProcessExit);
}
const mark = () => console.log('exit');`,
    errors: [{ messageId: 'exitListener', line: 2, column: 3 }],
  },
  {
    name: 'an inline function with a block body, its leading comment kept with the class',
    code: `const pending: string[] = [];

// The SDK's public entry point.
export function start() {
  process.on('exit', function () {
    if (pending.length) {
      console.error(\`\${pending.length} events lost\`);
    }
  });
}`,
    output: `${importOnExit}
const pending: string[] = [];

function onProcessExit(): void {
  if (pending.length) {
    console.error(\`\${pending.length} events lost\`);
  }
}

// The SDK's public entry point.
export function start() {
  onExit(onProcessExit);
}`,
    errors: [{ messageId: 'exitListener', line: 5, column: 3 }],
  },
  {
    name: 'a hoisted beforeExit handler keeps its value (the promise onExit awaits for errors) and its return type',
    code: `export class Client {
  open() {
    process.once('beforeExit', async (): Promise<void> => sendPending());
  }
}`,
    output: `${importOnExit}

async function onProcessBeforeExit(): Promise<void> {
  return sendPending();
}

export class Client {
  open() {
    onExit(onProcessBeforeExit, { event: 'beforeExit' });
  }
}`,
    errors: [{ messageId: 'exitListener', line: 3, column: 5 }],
  },
  {
    name: 'the hoisted name avoids names the file uses',
    code: `import { onProcessExit } from './hooks.js';
export function start() {
  process.on('exit', () => report());
}`,
    output: `import { onProcessExit } from './hooks.js';
${importOnExit}
function onProcessExit2(): void {
  report();
}

export function start() {
  onExit(onProcessExit2);
}`,
    errors: [{ messageId: 'exitListener', line: 3, column: 3 }],
  },
  {
    name: 'an inline arrow that reads this: no edit (a guard would tie the handler to the first instance)',
    code: `export class Telemetry {
  start() {
    process.on('exit', () => this.flush());
  }
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'SIGTERM handler that reads this, in a class with stop(): the handler is kept in a field that stop() removes',
    code: `export class Server {
  private closing = false;

  start(): void {
    process.on('SIGTERM', () => {
      void this.stop();
    });
  }

  /** Closes the server. */
  async stop(): Promise<void> {
    this.closing = true;
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'removeInTeardown',
            data: { field: '#onSigterm', teardown: 'stop' },
            output: `export class Server {
  #onSigterm = () => {
    void this.stop();
  };

  private closing = false;

  start(): void {
    process.on('SIGTERM', this.#onSigterm);
  }

  /** Closes the server. */
  async stop(): Promise<void> {
    process.off('SIGTERM', this.#onSigterm);
    this.closing = true;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'an exit handler that reads this, with an empty close() and a taken field name (JavaScript)',
    filename: 'file.js',
    code: `export class Telemetry {
  #onExit = 1;
  start() {
    process.once('exit', () => this.flush());
  }
  flush() {}
  close() {}
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'removeInTeardown',
            data: { field: '#onExit2', teardown: 'close' },
            output: `export class Telemetry {
  #onExit2 = () => this.flush();

  #onExit = 1;
  start() {
    process.once('exit', this.#onExit2);
  }
  flush() {}
  close() {
    process.off('exit', this.#onExit2);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a handler that reads this and a local of start(): no edit (a field could not see the local)',
    code: `export class Server {
  start(grace: number) {
    process.on('SIGTERM', () => this.stop(grace));
  }
  stop(grace = 0) {
    return grace;
  }
}`,
    errors: [{ messageId: 'signalListener', line: 3, column: 5 }],
  },
  {
    name: 'a handler that reads this, in TypeScript with an unannotated parameter: no edit (it would be implicitly any)',
    code: `export class Server {
  start() {
    process.on('SIGTERM', (signal) => this.stop(signal));
  }
  stop(signal?: string) {
    return signal;
  }
}`,
    errors: [{ messageId: 'signalListener', line: 3, column: 5 }],
  },
  {
    name: 'an inline arrow that reads a parameter: only a guard is offered',
    code: `import { writeFileSync } from 'node:fs';
export function startRecorder(path: string) {
  process.on('exit', () => writeFileSync(path, 'done'));
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `import { writeFileSync } from 'node:fs';

let exitListenerAdded = false;
export function startRecorder(path: string) {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.on('exit', () => writeFileSync(path, 'done'));
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a hoisted handler in JavaScript declares no return type; in TypeScript one that returns a value is left to inference',
    filename: 'file.js',
    code: `export function start() {
  process.on('exit', () => {
    console.log('bye');
  });
}`,
    output: `${importOnExit}

function onProcessExit() {
  console.log('bye');
}

export function start() {
  onExit(onProcessExit);
}`,
    errors: [{ messageId: 'exitListener', line: 2, column: 3 }],
  },
  {
    name: 'a hoisted TypeScript handler that returns a value keeps an inferred return type',
    code: `export function start() {
  process.on('exit', () => {
    return console.log('bye');
  });
}`,
    output: `${importOnExit}

function onProcessExit() {
  return console.log('bye');
}

export function start() {
  onExit(onProcessExit);
}`,
    errors: [{ messageId: 'exitListener', line: 2, column: 3 }],
  },
  {
    name: 'a multi-line template literal keeps its lines when the guard indents the registration',
    code: `import { writeFileSync } from 'node:fs';
export function startRecorder(path: string) {
  process.on('exit', () =>
    writeFileSync(path, \`done
  at exit\`),
  );
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `import { writeFileSync } from 'node:fs';

let exitListenerAdded = false;
export function startRecorder(path: string) {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.on('exit', () =>
      writeFileSync(path, \`done
  at exit\`),
    );
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a multi-line template literal keeps its lines when the hoisted handler is dedented',
    code: `export function start() {
  process.on('exit', () => {
    console.log(\`bye
    now\`);
  });
}`,
    output: `${importOnExit}

function onProcessExit(): void {
  console.log(\`bye
    now\`);
}

export function start() {
  onExit(onProcessExit);
}`,
    errors: [{ messageId: 'exitListener', line: 2, column: 3 }],
  },
  // ---- onExit() would call the handler differently: suggestions ----
  {
    name: "process.on('beforeExit'): onExit runs it once per process, not each time the loop empties",
    code: `function drain() {}
export function start() {
  process.on('beforeExit', drain);
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'useOnExit',
            data: { note: '; it then runs once per process, no longer each time the event loop empties' },
            output: `${importOnExit}
function drain() {}
export function start() {
  onExit(drain, { event: 'beforeExit' });
}`,
          },
          {
            messageId: 'addGuard',
            data: { flag: 'beforeExitListenerAdded' },
            output: `let beforeExitListenerAdded = false;

function drain() {}
export function start() {
  if (!beforeExitListenerAdded) {
    beforeExitListenerAdded = true;
    process.on('beforeExit', drain);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a handler that reads the exit code: onExit() would not pass it, so only the guard',
    code: `function logExit(code: number) {
  console.log('exiting with', code);
}
export function start() {
  process.on('exit', logExit);
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let exitListenerAdded = false;

function logExit(code: number) {
  console.log('exiting with', code);
}
export function start() {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.on('exit', logExit);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'an imported handler, whose parameters the file cannot see',
    code: `import { flush } from './queue.js';
export function start() {
  process.on('exit', flush);
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'useOnExit',
            data: { note: '; onExit() calls flush with no arguments' },
            output: `import { flush } from './queue.js';
${importOnExit}
export function start() {
  onExit(flush);
}`,
          },
          {
            messageId: 'addGuard',
            output: `import { flush } from './queue.js';

let exitListenerAdded = false;
export function start() {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.on('exit', flush);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'prependListener: onExit would no longer run it first',
    code: `function flush() {}
export function start() {
  process.prependListener('exit', flush);
}`,
    errors: [
      {
        messageId: 'exitListener',
        data: { call: "process.prependListener('exit')", where: 'start()' },
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'useOnExit',
            output: `${importOnExit}
function flush() {}
export function start() {
  onExit(flush);
}`,
          },
          {
            messageId: 'addGuard',
            output: `let exitListenerAdded = false;

function flush() {}
export function start() {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.prependListener('exit', flush);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a prototype method: the same function for every instance, and unbound',
    code: `export class Telemetry {
  flush() {}
  start() {
    process.on('exit', this.flush);
  }
}`,
    errors: [
      {
        messageId: 'exitListener',
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let exitListenerAdded = false;

export class Telemetry {
  flush() {}
  start() {
    if (!exitListenerAdded) {
      exitListenerAdded = true;
      process.on('exit', this.flush);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  // ---- signals and error handlers: a guard suggestion ----
  {
    name: 'SIGTERM in start()',
    code: `import { createServer } from 'node:http';
export class App {
  start() {
    this.server = createServer(handle).listen(3000);
    process.on('SIGTERM', () => this.server.close());
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGTERM')", where: 'start()' },
        line: 5,
        column: 5,
      },
    ],
  },
  {
    name: 'SIGINT in the constructor of an exported class',
    code: `export class Worker {
  constructor() {
    process.once('SIGINT', () => this.stop());
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.once('SIGINT')", where: 'the constructor of Worker' },
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'the constructor of a same-file class instantiated twice',
    code: `class Pool {
  constructor() {
    process.on('SIGHUP', () => this.reload());
  }
}
export const reads = new Pool();
export const writes = new Pool();`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGHUP')", where: 'the constructor of Pool' },
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'the constructor of a class created in an exported factory',
    code: `class Connection {
  constructor() {
    process.on('SIGQUIT', () => this.dump());
  }
}
export function connect() {
  return new Connection();
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGQUIT')", where: 'the constructor of Connection, called from connect()' },
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'uncaughtException and unhandledRejection in an exported init()',
    code: `export function init(report: (error: unknown) => void) {
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('uncaughtException')", where: 'init()' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            data: { flag: 'uncaughtExceptionListenerAdded' },
            output: `let uncaughtExceptionListenerAdded = false;

export function init(report: (error: unknown) => void) {
  if (!uncaughtExceptionListenerAdded) {
    uncaughtExceptionListenerAdded = true;
    process.on('uncaughtException', report);
  }
  process.on('unhandledRejection', report);
}`,
          },
        ],
      },
      {
        messageId: 'signalListener',
        data: { call: "process.on('unhandledRejection')", where: 'init()' },
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            data: { flag: 'unhandledRejectionListenerAdded' },
            output: `let unhandledRejectionListenerAdded = false;

export function init(report: (error: unknown) => void) {
  process.on('uncaughtException', report);
  if (!unhandledRejectionListenerAdded) {
    unhandledRejectionListenerAdded = true;
    process.on('unhandledRejection', report);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a callback that runs on every event',
    code: `server.on('listening', () => {
  process.on('SIGINT', () => server.close());
});`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGINT')", where: 'a callback passed to server.on()' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigintListenerAdded = false;

server.on('listening', () => {
  if (!sigintListenerAdded) {
    sigintListenerAdded = true;
    process.on('SIGINT', () => server.close());
  }
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'a .then() callback inherits its function: start() runs again',
    code: `export function start() {
  return listen().then((server) => {
    process.on('SIGTERM', () => server.close());
  });
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGTERM')", where: 'start()' },
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigtermListenerAdded = false;

export function start() {
  return listen().then((server) => {
    if (!sigtermListenerAdded) {
      sigtermListenerAdded = true;
      process.on('SIGTERM', () => server.close());
    }
  });
}`,
          },
        ],
      },
    ],
  },
  // ---- event names from a variable, an array, an option ----
  {
    name: 'a loop over an array literal of signals: a Set keyed by the signal',
    code: `export class Server {
  start() {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => this.stop());
    }
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: 'process.on(signal)', where: 'start()' },
        line: 4,
        column: 7,
      },
    ],
  },
  {
    name: 'forEach over a const array, with a concise arrow',
    code: `const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export function install(stop: () => void) {
  SHUTDOWN_SIGNALS.forEach((sig) => process.on(sig, stop));
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: 'process.on(sig)', where: 'install()' },
        line: 3,
        column: 37,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `const sigListenersAdded = new Set();

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export function install(stop: () => void) {
  SHUTDOWN_SIGNALS.forEach((sig) => {
    if (!sigListenersAdded.has(sig)) {
      sigListenersAdded.add(sig);
      process.on(sig, stop);
    }
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a signal from an option',
    code: `export function gracefulShutdown(server, options: { signal: string }) {
  process.on(options.signal, () => server.close());
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: 'process.on(options.signal)', where: 'gracefulShutdown()' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `const signalListenersAdded = new Set();

export function gracefulShutdown(server, options: { signal: string }) {
  if (!signalListenersAdded.has(options.signal)) {
    signalListenersAdded.add(options.signal);
    process.on(options.signal, () => server.close());
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a const signal name and a template literal',
    code: `const SIGNAL = 'SIGTERM';
export function start() {
  process.on(SIGNAL, stop);
  process.on(\`SIGINT\`, stop);
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGTERM')", where: 'start()' },
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigtermListenerAdded = false;

const SIGNAL = 'SIGTERM';
export function start() {
  if (!sigtermListenerAdded) {
    sigtermListenerAdded = true;
    process.on(SIGNAL, stop);
  }
  process.on(\`SIGINT\`, stop);
}`,
          },
        ],
      },
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGINT')", where: 'start()' },
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigintListenerAdded = false;

const SIGNAL = 'SIGTERM';
export function start() {
  process.on(SIGNAL, stop);
  if (!sigintListenerAdded) {
    sigintListenerAdded = true;
    process.on(\`SIGINT\`, stop);
  }
}`,
          },
        ],
      },
    ],
  },
  // ---- guards that do not hold ----
  {
    name: 'a running flag that stop() resets, without removing the listener',
    code: `export class Agent {
  running = false;
  start() {
    if (this.running) return;
    this.running = true;
    process.on('SIGTERM', this.onTerm);
  }
  stop() {
    this.running = false;
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        line: 6,
        column: 5,
      },
    ],
  },
  {
    name: 'a flag declared inside the function is new on every call',
    code: `export function start() {
  let hooked = false;
  if (!hooked) {
    hooked = true;
    process.on('SIGINT', stop);
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigintListenerAdded = false;

export function start() {
  let hooked = false;
  if (!hooked) {
    hooked = true;
    if (!sigintListenerAdded) {
      sigintListenerAdded = true;
      process.on('SIGINT', stop);
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'removing a different handler does not count',
    code: `function flush() {}
function other() {}
export function start() {
  process.on('exit', flush);
}
export function stop() {
  process.off('exit', other);
}`,
    output: `${importOnExit}
function flush() {}
function other() {}
export function start() {
  onExit(flush);
}
export function stop() {
  process.off('exit', other);
}`,
    errors: [{ messageId: 'exitListener', line: 4, column: 3 }],
  },
  // ---- where it can run again ----
  {
    name: 'a private method called from an unguarded start()',
    code: `export class Agent {
  start() {
    this.#hookSignals();
  }
  #hookSignals() {
    process.on('SIGHUP', () => this.reload());
  }
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGHUP')", where: '#hookSignals(), called from start()' },
        line: 6,
        column: 5,
      },
    ],
  },
  {
    name: 'a function called twice at load, and one called at load and exported',
    code: `function hook() {
  process.on('uncaughtException', report);
}
hook();
hook();
export function setup() {
  process.on('unhandledRejection', report);
}
setup();`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('uncaughtException')", where: 'hook()' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let uncaughtExceptionListenerAdded = false;

function hook() {
  if (!uncaughtExceptionListenerAdded) {
    uncaughtExceptionListenerAdded = true;
    process.on('uncaughtException', report);
  }
}
hook();
hook();
export function setup() {
  process.on('unhandledRejection', report);
}
setup();`,
          },
        ],
      },
      {
        messageId: 'signalListener',
        data: { call: "process.on('unhandledRejection')", where: 'setup()' },
        line: 7,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let unhandledRejectionListenerAdded = false;

function hook() {
  process.on('uncaughtException', report);
}
hook();
hook();
export function setup() {
  if (!unhandledRejectionListenerAdded) {
    unhandledRejectionListenerAdded = true;
    process.on('unhandledRejection', report);
  }
}
setup();`,
          },
        ],
      },
    ],
  },
  {
    name: 'a connect function that calls itself again to retry',
    code: `import { connect } from 'node:net';
function connectWithRetry() {
  const socket = connect(6379);
  process.on('SIGTERM', () => socket.end());
  socket.once('error', () => setTimeout(connectWithRetry, 1000));
}
connectWithRetry();`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGTERM')", where: 'connectWithRetry()' },
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `import { connect } from 'node:net';

let sigtermListenerAdded = false;
function connectWithRetry() {
  const socket = connect(6379);
  if (!sigtermListenerAdded) {
    sigtermListenerAdded = true;
    process.on('SIGTERM', () => socket.end());
  }
  socket.once('error', () => setTimeout(connectWithRetry, 1000));
}
connectWithRetry();`,
          },
        ],
      },
    ],
  },
  {
    name: 'a function-valued field',
    code: `export class Bot {
  connect = () => {
    process.on('SIGTERM', () => this.disconnect());
  };
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGTERM')", where: 'connect()' },
        line: 3,
        column: 5,
      },
    ],
  },
  {
    name: 'exports.start in CommonJS',
    code: `exports.start = () => {
  process.on('SIGINT', stop);
};`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.on('SIGINT')", where: 'an exported function' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigintListenerAdded = false;

exports.start = () => {
  if (!sigintListenerAdded) {
    sigintListenerAdded = true;
    process.on('SIGINT', stop);
  }
};`,
          },
        ],
      },
    ],
    languageOptions: script,
  },
  // ---- which process ----
  {
    name: "process imported from 'node:process', and globalThis.process",
    code: `import process from 'node:process';
function flush() {}
export function start() {
  process.on('exit', flush);
  globalThis.process.on('SIGTERM', flush);
}`,
    output: `import process from 'node:process';
${importOnExit}
function flush() {}
export function start() {
  onExit(flush);
  globalThis.process.on('SIGTERM', flush);
}`,
    errors: [
      { messageId: 'exitListener', line: 4, column: 3 },
      {
        messageId: 'signalListener',
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `import process from 'node:process';

let sigtermListenerAdded = false;
function flush() {}
export function start() {
  process.on('exit', flush);
  if (!sigtermListenerAdded) {
    sigtermListenerAdded = true;
    globalThis.process.on('SIGTERM', flush);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'chained registrations: both are reported, the statement is guarded as a whole',
    code: `export function start() {
  process.once('SIGINT', stop).once('SIGTERM', stop);
}`,
    errors: [
      {
        messageId: 'signalListener',
        data: { call: "process.once('SIGTERM')", where: 'start()' },
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'addGuard',
            output: `let sigtermListenerAdded = false;

export function start() {
  if (!sigtermListenerAdded) {
    sigtermListenerAdded = true;
    process.once('SIGINT', stop).once('SIGTERM', stop);
  }
}`,
          },
        ],
      },
      { messageId: 'signalListener', data: { call: "process.once('SIGINT')", where: 'start()' }, line: 2, column: 3 },
    ],
  },
  // ---- the fix option ----
  {
    name: "fix: 'suggest' offers the onExit() rewrite as a suggestion",
    code: `function flush() {}
export function start() {
  process.on('exit', flush);
}`,
    options: [{ fix: 'suggest' }],
    errors: [
      {
        messageId: 'exitListener',
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'useOnExit',
            data: { note: '' },
            output: `${importOnExit}
function flush() {}
export function start() {
  onExit(flush);
}`,
          },
        ],
      },
    ],
  },
  {
    name: "fix: 'off' reports only",
    code: `export function start() {
  process.on('SIGTERM', stop);
  process.on('exit', () => flush());
}`,
    options: [{ fix: 'off' }],
    errors: [
      { messageId: 'signalListener', line: 2, column: 3, suggestions: [] },
      { messageId: 'exitListener', line: 3, column: 3, suggestions: [] },
    ],
  },
  {
    name: 'several fixes in one file converge on one import',
    code: `function flush() {}
function save() {}
export class A {
  start() {
    process.on('exit', flush);
  }
}
export class B {
  start() {
    process.once('exit', save);
  }
}`,
    output: [
      `${importOnExit}
function flush() {}
function save() {}
export class A {
  start() {
    onExit(flush);
  }
}
export class B {
  start() {
    process.once('exit', save);
  }
}`,
      `${importOnExit}
function flush() {}
function save() {}
export class A {
  start() {
    onExit(flush);
  }
}
export class B {
  start() {
    onExit(save);
  }
}`,
    ],
    errors: [
      { messageId: 'exitListener', line: 5, column: 5 },
      { messageId: 'exitListener', line: 10, column: 5 },
    ],
  },
];

checkCaseTable('no-repeated-process-listener', valid, invalid, { valid: 30, invalid: 30 });

runRuleTests('no-repeated-process-listener', rule, { valid, invalid });
