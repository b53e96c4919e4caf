// End to end, on real Node: a suggestion is one click in an editor, so it must behave like the code it
// replaces apart from the lifecycle change. The input and the suggestion the BUILT plugin offers for it
// run in the same small program, which uses the resource before and after the runtime's
// notifyRestored(). In a live process notifyRestored() keeps a running worker (only a real snapshot
// restore starts it again), so this proves the edit keeps behaviour; that the moved setup reaches a
// restarted worker is asserted on the output's text (nothing left at load as worker.current?.on/unref).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { suggestedOutputs } from '../helpers/eslint.js';
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
