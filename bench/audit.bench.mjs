// What fork-safe-audit adds to loading the entry it audits: `npm run bench:audit`.
//
// A figure, not a test: it prints what it measured, says whether the goal (at most 2x) was met, and
// exits 0 either way. The same entry is run as `node main.mjs` (the baseline) and as
// `node --import eslint-plugin-fork-safe/audit main.mjs`, rounds of the two interleaved (alternating
// which goes first) so that drift and noise hit both alike; medians are reported. The entry loads
// ESLint's API (a few hundred modules) and opens a server, an interval and a worker thread, then
// closes them, so each process exits by itself: the wall-clock time of a process is its load time plus
// Node's start-up and exit, which both sides pay alike.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const preload = join(here, '..', 'dist', 'audit.mjs');
const entry = join(here, 'fixtures', 'audit-app', 'main.mjs');
if (!existsSync(preload)) {
  console.error(`bench: ${preload} is missing; run \`npm run build\` first (\`npm run bench:audit\` does).`);
  process.exit(1);
}

const ROUNDS = 15;
const WARMUP_ROUNDS = 2;
const GOAL = 2;

function timeRun(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...args, entry], {
    cwd: join(here, '..'),
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const loadedAt = Number(/loaded at ([\d.]+)/.exec(result.stdout)?.[1]);
  return { ms, loadedAt, stderr: result.stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const plain = [];
const audited = [];
const plainLoad = [];
const auditedLoad = [];
let lastReport = '';
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  const sides = [
    () => timeRun([]),
    () => {
      const run = timeRun(['--import', preload]);
      lastReport = run.stderr;
      return run;
    },
  ];
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  const runs = [];
  for (const side of order) runs[side] = sides[side]();
  if (round < WARMUP_ROUNDS) continue;
  plain.push(runs[0].ms);
  audited.push(runs[1].ms);
  plainLoad.push(runs[0].loadedAt);
  auditedLoad.push(runs[1].loadedAt);
}

const rows = [
  ['entry loaded (ms since the process started)', median(auditedLoad), median(plainLoad)],
  ['whole process (start-up, load, exit)', median(audited), median(plain)],
];
const found = /(\d+) resources? still open/.exec(lastReport)?.[1] ?? '?';
const row = (cells) => cells.map((cell, i) => String(cell).padEnd([44, 10, 10, 6, 6, 3][i])).join(' | ');
console.log(row(['benchmark (audited vs plain, same entry)', 'audited', 'plain', 'ratio', 'goal', 'met']));
console.log(row(['-'.repeat(44), '-'.repeat(10), '-'.repeat(10), '-'.repeat(6), '-'.repeat(6), '---']));
for (const [name, measured, base] of rows) {
  const ratio = measured / base;
  console.log(
    row([
      name,
      `${measured.toFixed(1)} ms`,
      `${base.toFixed(1)} ms`,
      `${ratio.toFixed(2)}x`,
      `<= ${GOAL}x`,
      ratio <= GOAL ? 'yes' : 'NO',
    ]),
  );
}
console.log(
  `\nMedians of ${ROUNDS} interleaved rounds. In the last audited run the audit reported ${found} resources open` +
    ' after loading (the entry closes its server, interval and worker on its first timer tick).',
);
console.log(`node ${process.version}. Figures vary per machine.`);
