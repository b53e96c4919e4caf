// End to end, on real Node: a suggestion is one click in an editor, so it must behave like the code it
// replaces apart from the lifecycle change. The input and the suggestion the BUILT plugin offers for it
// run in the same small program, which uses the resource before and after the runtime's
// notifyRestored(). In a live process notifyRestored() keeps a running worker (only a real snapshot
// restore starts it again), so this proves the edit keeps behaviour; that the moved setup reaches a
// restarted worker is asserted on the output's text (nothing left at load as worker.current?.on/unref).
// The other cases: a socket's load-time 'error' listener moved into the perProcess factory (the socket
// created after notifyRestored() still has it), a SIGTERM handler removed in stop() (a real signal), an
// overloaded bound method made a getter (TypeScript, transpiled and run), and the interval fix for a
// ref'd timer, an unref'd one and one cleared from its own callback.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { builtPlugin, recommendedESLint, suggestedOutputs } from '../helpers/eslint.js';
import { builtRuntime, jsonLines, makeTempDir, nodeBinary, runNode } from '../helpers/node.js';
import { buildSnapshot, runSnapshot } from '../helpers/snapshot.js';

const temp = makeTempDir('fork-safe-e2e-suggestions-');
afterAll(() => temp.cleanup());
const RUNTIME = 'eslint-plugin-fork-safe/runtime';
const runtimeUrl = pathToFileURL(builtRuntime('esm')).href;

/** Writes `files` into a fresh directory and runs main.mjs; the module under test imports the built runtime. */
async function run(name: string, files: Record<string, string>): Promise<Record<string, unknown>[]> {
  const dir = join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files))
    writeFileSync(join(dir, file), text.replaceAll(RUNTIME, runtimeUrl));
  const result = await runNode([join(dir, 'main.mjs')], { cwd: dir, timeoutMs: 20_000 });
  expect(result.timedOut, result.stderr).toBe(false);
  return jsonLines(result.stdout);
}

describe('a worker set up at load after other code (the enrich shape): startWorker suggestion', () => {
  const worker = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, value }) => parentPort.postMessage({ id, value: value * 2 }));`;
  const input = `import { Worker } from 'node:worker_threads';
const WORKER_CODE = \`${worker}\`;
const pending = new Map();
const worker = new Worker(WORKER_CODE, { eval: true });
worker.unref();
let nextId = 0;
worker.on('message', ({ id, value }) => pending.get(id)?.(value));
export function enrich(value) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, value });
  });
}
`;
  // Each answer within a second, or 'timeout'; a ref'd timer keeps the process up while it waits.
  const main = `import { notifyRestored } from '${RUNTIME}';
import { enrich } from './enrich.mjs';
const within = (promise) => {
  let timer;
  return Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, 1000, 'timeout')))]).finally(() => clearTimeout(timer));
};
console.log(JSON.stringify({ phase: 'load', answer: await within(enrich(1)) }));
notifyRestored();
console.log(JSON.stringify({ phase: 'restored', answer: await within(enrich(2)) }));
process.exit(0);
`;

  it('the suggested output answers before and after a restore, as the input does', async () => {
    const outputs = await suggestedOutputs(temp.dir, join(temp.dir, 'enrich.mjs'), input);
    const output = outputs.get('fork-safe/no-module-scope-worker/useStartWorker');
    expect(output, [...outputs.keys()].join(', ')).toBeDefined();
    // Setup moved with the worker: nothing is left at load as worker.current?.on/unref.
    expect(output).not.toMatch(/current\?\.(on|unref)/);
    const before = await run('worker-input', { 'enrich.mjs': input, 'main.mjs': main });
    const after = await run('worker-output', { 'enrich.mjs': output!, 'main.mjs': main });
    expect(before).toEqual([
      { phase: 'load', answer: 2 },
      { phase: 'restored', answer: 4 },
    ]);
    expect(after).toEqual(before);
  });

  // A real restore starts the worker again: the moved setup must reach that worker. Node 24 (worker
  // threads die after a restore on Node 20 and Node 22 aborts; see no-module-scope-worker.test.ts).
  it('the suggested output answers after a real V8 snapshot restore (Node 24)', async () => {
    const outputs = await suggestedOutputs(temp.dir, join(temp.dir, 'enrich.mjs'), input);
    const dir = join(temp.dir, 'snapshot');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'enrich.mjs'), outputs.get('fork-safe/no-module-scope-worker/useStartWorker')!);
    writeFileSync(
      join(dir, 'snap.mjs'),
      `import { writeSync } from 'node:fs';
import v8 from 'node:v8';
import { enrich } from './enrich.mjs';
v8.startupSnapshot.setDeserializeMainFunction(() => {
  const timer = setTimeout(() => {
    writeSync(1, JSON.stringify({ answer: 'timeout' }) + '\\n');
    process.exit(0);
  }, 3000);
  enrich(21).then((answer) => {
    clearTimeout(timer);
    writeSync(1, JSON.stringify({ answer }) + '\\n');
    process.exit(0);
  });
});
`,
    );
    const entry = await bundleFixture(join(dir, 'snap.mjs'), join(dir, 'snap.cjs'), 'cjs');
    const node = nodeBinary('24');
    const build = await buildSnapshot(entry, join(dir, 'snap.blob'), { node, timeoutMs: 30_000 });
    expect(build.code, build.stderr).toBe(0);
    const restored = await runSnapshot(build.blob, { node, timeoutMs: 20_000 });
    expect(jsonLines(restored.stdout), restored.stderr).toEqual([{ answer: 42 }]);
  });
});

/** Like run(), with the exit code: a crash (an unhandled 'error' event) must show as one. */
async function runWithCode(
  name: string,
  files: Record<string, string>,
): Promise<{ lines: Record<string, unknown>[]; code: number | null; stderr: string }> {
  const dir = join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files))
    writeFileSync(join(dir, file), text.replaceAll(RUNTIME, runtimeUrl));
  const result = await runNode([join(dir, 'main.mjs')], { cwd: dir, timeoutMs: 20_000 });
  expect(result.timedOut, result.stderr).toBe(false);
  return { lines: jsonLines(result.stdout), code: result.code, stderr: result.stderr };
}

describe("a socket whose 'error' listener is attached at load: perProcess suggestion moves it into the factory", () => {
  // A real socket on loopback, connected to a port nothing listens on: each connect fails with
  // ECONNREFUSED, which an 'error' listener must handle or the process dies.
  const input = `import net from 'node:net';
const socket = new net.Socket();
socket.on('error', (error) => console.log(JSON.stringify({ handled: error.code })));
export const ping = (port) =>
  new Promise((resolve) => {
    socket.once('close', resolve);
    socket.connect(port, '127.0.0.1');
  });
`;
  const main = `import net from 'node:net';
import { notifyRestored } from '${RUNTIME}';
import { ping } from './socket.mjs';
const server = net.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
await new Promise((resolve) => server.close(resolve));
await ping(port);
console.log(JSON.stringify({ phase: 'load' }));
notifyRestored();
await ping(port);
console.log(JSON.stringify({ phase: 'restored' }));
`;

  it('the suggested output still handles the error after a restore, on the socket created anew', async () => {
    const outputs = await suggestedOutputs(temp.dir, join(temp.dir, 'socket.mjs'), input);
    const output = outputs.get('fork-safe/no-module-scope-client/usePerProcess');
    expect(output, [...outputs.keys()].join(', ')).toBeDefined();
    expect(output).toMatch(/created\.on\('error'/);
    const before = await runWithCode('socket-input', { 'socket.mjs': input, 'main.mjs': main });
    const after = await runWithCode('socket-output', { 'socket.mjs': output!, 'main.mjs': main });
    const expected = [
      { handled: 'ECONNREFUSED' },
      { phase: 'load' },
      { handled: 'ECONNREFUSED' },
      { phase: 'restored' },
    ];
    expect(before.lines, before.stderr).toEqual(expected);
    expect(before.code).toBe(0);
    expect(after.lines, after.stderr).toEqual(expected);
    expect(after.code).toBe(0);
  });

  it('without the move (the listener attached at load to the first socket only), the restored socket crashes the process', async () => {
    const outputs = await suggestedOutputs(temp.dir, join(temp.dir, 'socket.mjs'), input);
    // The output with its listener put back at load, as a holder's use at load would attach it.
    const unmoved = outputs
      .get('fork-safe/no-module-scope-client/usePerProcess')!
      .replace(/\n {2}created\.on\('error', [^\n]*\);/, '')
      .replace(
        /\nexport const ping/,
        "\nsocket.get().on('error', (error) => console.log(JSON.stringify({ handled: error.code })));\nexport const ping",
      );
    expect(unmoved).not.toMatch(/created\.on/);
    const result = await runWithCode('socket-unmoved', { 'socket.mjs': unmoved, 'main.mjs': main });
    expect(result.lines).toEqual([{ handled: 'ECONNREFUSED' }, { phase: 'load' }]);
    expect(result.code).not.toBe(0);
  });
});

describe('a SIGTERM handler that reads this: the suggestion keeps it in a field that stop() removes', () => {
  const input = `export class Server {
  constructor(name) {
    this.name = name;
    this.stops = 0;
  }
  start() {
    process.on('SIGTERM', () => {
      this.stop();
    });
  }
  stop() {
    this.stops++;
  }
}
`;
  // a starts, stops and starts again (what a restore does); b is a second instance. A real SIGTERM.
  const main = `import { Server } from './server.mjs';
const a = new Server('a');
const b = new Server('b');
a.start();
a.stop();
a.start();
b.start();
const listeners = process.listenerCount('SIGTERM');
process.kill(process.pid, 'SIGTERM');
setTimeout(() => {
  console.log(JSON.stringify({ listeners, a: a.stops, b: b.stops }));
}, 200);
`;

  it('each instance handles the signal once: no handler stacked by the restart, none missing for the second instance', async () => {
    const outputs = await suggestedOutputs(temp.dir, join(temp.dir, 'server.mjs'), input);
    const output = outputs.get('fork-safe/no-repeated-process-listener/removeInTeardown');
    expect(output, [...outputs.keys()].join(', ')).toBeDefined();
    const before = await runWithCode('sigterm-input', { 'server.mjs': input, 'main.mjs': main });
    const after = await runWithCode('sigterm-output', { 'server.mjs': output!, 'main.mjs': main });
    // The input stacks a's handler: one SIGTERM stops a twice (a.stops: 1 by hand + 2).
    expect(before.lines, before.stderr).toEqual([{ listeners: 3, a: 3, b: 1 }]);
    expect(after.lines, after.stderr).toEqual([{ listeners: 2, a: 2, b: 1 }]);
    expect(after.code).toBe(0);
  });
});

describe('an overloaded method bound into a field (TypeScript): the getter suggestion', () => {
  const input = `interface Client {
  publish(topic: string): string;
  publish(topic: string, body: string): string;
}
class Bus implements Client {
  constructor(readonly id: number) {}
  publish(topic: string, body?: string): string {
    return \`\${this.id}:\${topic}:\${body ?? '-'}\`;
  }
}
let made = 0;
function createClient(): Client {
  return new Bus(++made);
}
export class Publisher {
  private client: Client;
  private readonly publish: Client['publish'];
  constructor() {
    this.client = createClient();
    this.publish = this.client.publish.bind(this.client);
  }
  send(topic: string, body?: string): string {
    return body === undefined ? this.publish(topic) : this.publish(topic, body);
  }
  reconnect(): void {
    this.client = createClient();
  }
}
`;
  const main = `import { Publisher } from './publisher.mjs';
const publisher = new Publisher();
const sent = [publisher.send('a'), publisher.send('a', 'b')];
publisher.reconnect();
sent.push(publisher.send('c'), publisher.send('c', 'd'));
console.log(JSON.stringify({ sent }));
`;

  it('calls both overloads as before, and reaches the client reconnect() made (the input keeps the first)', async () => {
    const ts = (await import('typescript')).default;
    // The recommended config with typescript-eslint's parser for .ts files, as a TypeScript project sets it up.
    const plugin = await builtPlugin();
    const eslint = new ESLint({
      cwd: temp.dir,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended,
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      ],
    });
    const [result] = await eslint.lintText(input, { filePath: join(temp.dir, 'publisher.ts') });
    const suggestion = result?.messages
      .flatMap((message) => message.suggestions ?? [])
      .find((candidate) => candidate.messageId === 'useGetter');
    expect(suggestion, JSON.stringify(result?.messages)).toBeDefined();
    const [start, end] = suggestion!.fix.range;
    const output = input.slice(0, start) + suggestion!.fix.text + input.slice(end);
    expect(output).toContain("private get publish(): Client['publish']");
    const js = (code: string) =>
      ts.transpileModule(code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
    const before = await runWithCode('overload-input', { 'publisher.mjs': js(input), 'main.mjs': main });
    const after = await runWithCode('overload-output', { 'publisher.mjs': js(output), 'main.mjs': main });
    expect(before.lines, before.stderr).toEqual([{ sent: ['1:a:-', '1:a:b', '1:c:-', '1:c:d'] }]);
    expect(after.lines, after.stderr).toEqual([{ sent: ['1:a:-', '1:a:b', '2:c:-', '2:c:d'] }]);
  });
});

describe('interval kinds: the fixed timer runs, keeps the process alive and stops as the setInterval did', () => {
  const kinds = {
    // ref'd, as a statement: it alone keeps the process alive until it exits it.
    "a ref'd statement": `let ticks = 0;
setInterval(() => {
  ticks++;
  if (ticks === 5) {
    console.log(JSON.stringify({ ticks }));
    process.exit(0);
  }
}, 10);
`,
    // stored and cleared from its own callback: clearInterval(timer) becomes timer.stop(), then the process exits.
    'a stored id cleared with clearInterval': `let ticks = 0;
const timer = setInterval(() => {
  ticks++;
  if (ticks === 3) {
    clearInterval(timer);
    console.log(JSON.stringify({ ticks }));
  }
}, 10);
`,
    // unref'd: it runs while something else keeps the process up, and never holds it open.
    "an unref'd chain": `let ticks = 0;
setInterval(() => ticks++, 10).unref();
setTimeout(() => console.log(JSON.stringify({ ticked: ticks > 0 })), 150);
`,
  };

  it.each(Object.entries(kinds))('%s', async (kind, input) => {
    const eslint = await recommendedESLint(temp.dir, true);
    const [result] = await eslint.lintText(input, { filePath: join(temp.dir, 'timer.mjs') });
    const output = result?.output;
    expect(output, JSON.stringify(result?.messages)).toMatch(/\binterval\(/);
    const name = kind.replace(/\W+/g, '-');
    const before = await runWithCode(`interval-${name}-input`, {
      'timer.mjs': input,
      'main.mjs': "import './timer.mjs';",
    });
    const after = await runWithCode(`interval-${name}-output`, {
      'timer.mjs': output!,
      'main.mjs': "import './timer.mjs';",
    });
    expect(before.lines.length, before.stderr).toBe(1);
    expect(after.lines, after.stderr).toEqual(before.lines);
    expect(after.code).toBe(before.code);
  });
});
