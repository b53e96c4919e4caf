// Benchmark of the runtime's hot paths and of its import cost: `npm run bench`.
//
// A figure, not a test: it prints what it measured, says whether each goal was met, and exits 0 either
// way. Every figure is measured in this one run against a baseline measured in the same run, rounds of
// the two interleaved (alternating which goes first) so that drift and noise hit both alike; the median
// round is reported. Absolute figures depend on the machine, its load and the Node version.
//
// Micro-benchmarks: each loop is its own function with one call site used with one receiver, so every
// call site stays monomorphic. V8 may inline get(): that is the cost users get. Every loop does real
// work on each result (a field read or a method's return value, added into an int32 accumulator) and
// returns the accumulator, which goes into a sink checked and printed at the end, so nothing is dead code.
// The reported ns/op is the whole loop iteration, loop overhead included (conservative for the goals).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runtimeFile = join(here, '..', 'dist', 'runtime.mjs');
const fixtures = join(here, 'fixtures');
if (!existsSync(runtimeFile)) {
  console.error(`bench: ${runtimeFile} is missing; run \`npm run build\` first (\`npm run bench\` does).`);
  process.exit(1);
}
const runtimeUrl = pathToFileURL(runtimeFile).href;

// Settings. A whole run takes about 10-15 s on a 2-core machine.
const ROUNDS = 31; // measured rounds per side
const WARMUP_ROUNDS = 6; // unmeasured rounds per side, after calibration
const ROUND_NS = 30e6; // calibrate each loop to take at least this long per round
const IMPORT_SAMPLES = 31; // in-process imports per side
const SPAWN_SAMPLES = 21; // child processes per side

const now = () => process.hrtime.bigint();
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
};

let sink = 0; // every loop's result goes in here; printed at the end
const resultMismatches = [];

// --- The runtime, imported first so that its first (cold) import can be timed once as context. -------
const firstImportStart = now();
const runtime = await import(runtimeUrl);
const firstImportMs = Number(now() - firstImportStart) / 1e6;
const { perProcess, perProcessProxy, generation } = runtime;

// --- 1. perProcess(factory).get() vs a module-level variable holding the same object -----------------
class Client {
  constructor() {
    this.n = 1;
  }
}
const directClient = new Client();
// Written once more so V8 treats `n` as a mutable field: otherwise it may fold `directClient.n` to the
// constant 1 and the baseline would skip the field read the measured loop has to do.
directClient.n = 3;
const clientHolder = perProcess(() => directClient, { name: 'bench client' });

function loopModuleVariable(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + directClient.n + i) | 0;
  return s;
}
function loopHolderGet(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + clientHolder.get().n + i) | 0;
  return s;
}

// --- 2. perProcessProxy(factory) method call vs a direct method call on the instance -----------------
class Counter {
  #total = 0;
  add(x) {
    this.#total = (this.#total + x) | 0;
    return this.#total;
  }
}
const directCounter = new Counter();
const counterProxy = perProcessProxy(() => directCounter, { name: 'bench counter' });

function loopDirectMethod(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + directCounter.add(i & 7)) | 0;
  return s;
}
function loopProxyMethod(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + counterProxy.add(i & 7)) | 0;
  return s;
}
// Context, not a goal: the floor of any Proxy-based design. A bare Proxy whose get trap does nothing but
// return an already bound method; what the runtime's trap adds (holder.get(), the property read, the
// bound-method cache) is the difference between this and perProcessProxy().
const boundAdd = directCounter.add.bind(directCounter);
const bareProxy = new Proxy({}, { get: () => boundAdd });
function loopBareProxy(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + bareProxy.add(i & 7)) | 0;
  return s;
}

// --- 3. generation() vs reading process.pid and comparing it to a cached number ----------------------
const cachedPid = process.pid;

function loopPidCompare(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + (process.pid === cachedPid ? 0 : 1) + i) | 0;
  return s;
}
function loopGeneration(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + generation() + i) | 0;
  return s;
}

/**
 * Calibrates an iteration count on the measured (slower) loop, warms both loops up, then runs ROUNDS
 * rounds of each, interleaved. With `sameResult`, the two loops must return the same accumulator for the
 * same count (a check that both did the same work); a mismatch is reported, not thrown.
 */
function compare(label, baselineLoop, measuredLoop, { sameResult = false } = {}) {
  let n = 1024;
  for (;;) {
    const start = now();
    sink ^= measuredLoop(n);
    if (Number(now() - start) >= ROUND_NS || n >= 2 ** 30) break;
    n *= 2;
  }
  const run = (loop) => {
    const start = now();
    const result = loop(n);
    const ns = Number(now() - start);
    sink ^= result;
    return { nsPerOp: ns / n, result };
  };
  for (let r = 0; r < WARMUP_ROUNDS; r++) {
    run(baselineLoop);
    run(measuredLoop);
  }
  const base = [];
  const measured = [];
  for (let r = 0; r < ROUNDS; r++) {
    let b;
    let m;
    if (r % 2 === 0) {
      b = run(baselineLoop);
      m = run(measuredLoop);
    } else {
      m = run(measuredLoop);
      b = run(baselineLoop);
    }
    base.push(b.nsPerOp);
    measured.push(m.nsPerOp);
    if (sameResult && b.result !== m.result) resultMismatches.push(`${label}: round ${r}: ${b.result} !== ${m.result}`);
  }
  const result = {
    label,
    n,
    base: median(base),
    measured: median(measured),
    baseIqr: [quantile(base, 0.25), quantile(base, 0.75)],
    measuredIqr: [quantile(measured, 0.25), quantile(measured, 0.75)],
  };
  result.ratio = result.measured / result.base;
  const iqr = ([lo, hi]) => `${lo.toFixed(2)}-${hi.toFixed(2)}`;
  console.log(
    `  ${label}: ${result.measured.toFixed(2)} ns/op (IQR ${iqr(result.measuredIqr)}) vs baseline ` +
      `${result.base.toFixed(2)} ns/op (IQR ${iqr(result.baseIqr)}): ${result.ratio.toFixed(2)}x, ` +
      `+${(result.measured - result.base).toFixed(2)} ns/op; ${n} ops x ${ROUNDS} rounds`,
  );
  return result;
}

// --- 4. Import time ----------------------------------------------------------------------------------
// The goal is compared to the in-process figure: `await import()` of the runtime under a fresh URL (so it
// is loaded, compiled and evaluated anew) minus the same for an empty module, which is what Node's ESM
// loader costs for any module at all. Fresh processes are measured too, as context: their start-up
// varies by several ms from one to the next, more than the difference being measured.
async function timeImport(url) {
  const start = now();
  await import(url);
  return Number(now() - start) / 1e6;
}

/** In-process: the runtime and an empty module, each under fresh URLs (so evaluated anew), interleaved. */
async function inProcessImport() {
  const noopUrl = pathToFileURL(join(fixtures, 'noop.mjs')).href;
  await timeImport(`${noopUrl}?warmup`); // the loader's own first-use cost, for neither side
  const runtimeMs = [];
  const noopMs = [];
  for (let i = 0; i < IMPORT_SAMPLES; i++) {
    if (i % 2 === 0) {
      runtimeMs.push(await timeImport(`${runtimeUrl}?n=${i}`));
      noopMs.push(await timeImport(`${noopUrl}?n=${i}`));
    } else {
      noopMs.push(await timeImport(`${noopUrl}?n=${i}`));
      runtimeMs.push(await timeImport(`${runtimeUrl}?n=${i}`));
    }
  }
  return { runtime: median(runtimeMs), noop: median(noopMs), net: median(runtimeMs) - median(noopMs) };
}

function spawnChild(file) {
  const start = now();
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  const wallMs = Number(now() - start) / 1e6;
  if (child.status !== 0) throw new Error(`bench child ${file} failed (${child.status}): ${child.stderr}`);
  return { wallMs, evaluatedAtMs: Number(child.stdout) };
}

/** Fresh processes: an empty .mjs vs one that imports the runtime, interleaved. */
function subprocessImport() {
  const emptyFile = join(fixtures, 'empty.mjs');
  const importFile = join(fixtures, 'import-runtime.mjs');
  spawnChild(emptyFile); // warm the file cache for both
  spawnChild(importFile);
  const empty = [];
  const imported = [];
  for (let i = 0; i < SPAWN_SAMPLES; i++) {
    if (i % 2 === 0) {
      imported.push(spawnChild(importFile));
      empty.push(spawnChild(emptyFile));
    } else {
      empty.push(spawnChild(emptyFile));
      imported.push(spawnChild(importFile));
    }
  }
  const wallEmpty = median(empty.map((r) => r.wallMs));
  const wallImport = median(imported.map((r) => r.wallMs));
  const evalEmpty = median(empty.map((r) => r.evaluatedAtMs));
  const evalImport = median(imported.map((r) => r.evaluatedAtMs));
  return {
    wallEmpty,
    wallImport,
    wallNet: wallImport - wallEmpty,
    evalEmpty,
    evalImport,
    evalNet: evalImport - evalEmpty,
  };
}

// --- Run ---------------------------------------------------------------------------------------------
const benchStart = now();
console.log(
  `fork-safe runtime benchmark: node ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
);
console.log(`runtime: ${runtimeFile}`);
console.log('Figures vary per machine and with its load; compare ratios within one run, not across machines.\n');

// Sanity: the holder and the proxy must hand out the very object the baselines use.
if (clientHolder.get() !== directClient)
  throw new Error('bench setup: perProcess().get() did not return the factory value');
if (counterProxy.add(0) !== directCounter.add(0)) throw new Error('bench setup: the proxy does not reach the instance');

console.log('Micro-benchmarks (median round; IQR = middle half of the rounds):');
const getResult = compare('perProcess().get()', loopModuleVariable, loopHolderGet, { sameResult: true });
const proxyResult = compare('perProcessProxy() method call', loopDirectMethod, loopProxyMethod);
const bareProxyResult = compare('bare Proxy, trap returns a bound method (context)', loopDirectMethod, loopBareProxy);
const generationResult = compare('generation()', loopPidCompare, loopGeneration, { sameResult: generation() === 0 });

console.log('\nImport time:');
const inProcess = await inProcessImport();
console.log(
  `  in-process, await import(fresh URL), median of ${IMPORT_SAMPLES}: runtime ${inProcess.runtime.toFixed(3)} ms, ` +
    `empty module ${inProcess.noop.toFixed(3)} ms => runtime's own cost ${inProcess.net.toFixed(3)} ms  <- compared to the goal`,
);
console.log(
  `  in-process, first (cold) import of the runtime at bench start, one sample: ${firstImportMs.toFixed(3)} ms (context)`,
);
const sub = subprocessImport();
console.log(
  `  fresh \`node\` processes, median of ${SPAWN_SAMPLES} each (context only: process start noise is several ms):\n` +
    `    wall clock:         empty .mjs ${sub.wallEmpty.toFixed(2)} ms, importing the runtime ${sub.wallImport.toFixed(2)} ms => difference ${sub.wallNet.toFixed(2)} ms\n` +
    `    performance.now() at end of entry evaluation: ${sub.evalEmpty.toFixed(2)} ms vs ${sub.evalImport.toFixed(2)} ms => difference ${sub.evalNet.toFixed(2)} ms`,
);

// --- Summary -----------------------------------------------------------------------------------------
const yesNo = (ok) => (ok ? 'yes' : 'NO');
const rows = [
  {
    name: 'perProcess().get()',
    value: `${getResult.measured.toFixed(2)} ns/op`,
    baseline: `${getResult.base.toFixed(2)} ns/op (module variable)`,
    ratio: `${getResult.ratio.toFixed(2)}x`,
    goal: '<= 2x and <= 5 ns/op',
    met: yesNo(getResult.ratio <= 2 && getResult.measured <= 5),
  },
  {
    name: 'perProcessProxy() method',
    value: `${proxyResult.measured.toFixed(2)} ns/op`,
    baseline: `${proxyResult.base.toFixed(2)} ns/op (direct call)`,
    ratio: `${proxyResult.ratio.toFixed(2)}x`,
    goal: '<= 10x',
    met: yesNo(proxyResult.ratio <= 10),
  },
  {
    name: '  bare Proxy (floor)',
    value: `${bareProxyResult.measured.toFixed(2)} ns/op`,
    baseline: `${bareProxyResult.base.toFixed(2)} ns/op (direct call)`,
    ratio: `${bareProxyResult.ratio.toFixed(2)}x`,
    goal: '(context only)',
    met: '-',
  },
  {
    name: 'generation()',
    value: `${generationResult.measured.toFixed(2)} ns/op`,
    baseline: `${generationResult.base.toFixed(2)} ns/op (pid === cached)`,
    ratio: `${generationResult.ratio.toFixed(2)}x`,
    goal: '(none; reported)',
    met: '-',
  },
  {
    name: 'import, in-process',
    value: `+${inProcess.net.toFixed(3)} ms`,
    baseline: `${inProcess.noop.toFixed(3)} ms (empty module)`,
    ratio: `${(inProcess.runtime / inProcess.noop).toFixed(2)}x`,
    goal: '< 1 ms (net of baseline)',
    met: yesNo(inProcess.net < 1),
  },
  {
    name: 'import, subprocess',
    value: `+${sub.wallNet.toFixed(2)} ms`,
    baseline: `${sub.wallEmpty.toFixed(2)} ms (node empty.mjs)`,
    ratio: `${(sub.wallImport / sub.wallEmpty).toFixed(2)}x`,
    goal: '(context only)',
    met: '-',
  },
];
const columns = [
  ['name', 'benchmark'],
  ['value', 'measured'],
  ['baseline', 'baseline'],
  ['ratio', 'ratio'],
  ['goal', 'goal'],
  ['met', 'met'],
];
const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
console.log('\nSummary');
console.log(line(columns.map(([, title]) => title)));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(columns.map(([key]) => row[key])));
console.log(
  '\nns/op is a whole loop iteration (loop overhead and the field read or call included); ratio = measured / baseline medians.\n' +
    'For the imports, "measured" (+) is importing the runtime minus the baseline; ratio = (importing the runtime) / (baseline).',
);
console.log(
  `Result checks: ${resultMismatches.length === 0 ? 'ok' : `MISMATCH\n  ${resultMismatches.join('\n  ')}`}; sink ${sink}`,
);
console.log(
  `node ${process.version}; total bench time ${(Number(now() - benchStart) / 1e9).toFixed(1)} s. Figures vary per machine.`,
);
