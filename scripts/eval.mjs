#!/usr/bin/env node
// `npm run eval`: the plugin measured on the field corpus (docs/evaluation.md). Builds first (npm
// script), fetches the pinned packages (scripts/corpus-fetch.mjs), lints every source file of every
// package with the built plugin under `recommended`, `strict` and `recommended-type-checked`, and
// scores the reports against every label file in corpus/labels/. Not part of `npm test`: it needs the
// registry the first time.
//
//   node scripts/eval.mjs [--json] [--config NAME]... [--package NAME]... [--all-reports]
//     --json          print the whole result as JSON instead of tables
//     --config NAME   only this config (repeatable)
//     --package NAME  only this package (repeatable)
//     --from FILE     print the tables of a result saved with --json, without linting again
//     --jobs N        lint N packages at a time (default 1; each typed package can take gigabytes)
//     --all-reports   list unlabelled reports in packages that have no label file too (by default
//                     they are counted only, so a labeller is not shown the rules' output on a package
//                     someone is still labelling)
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { ensurePackage, readPins } from './corpus-fetch.mjs';
import { checkAgainstSource, readLabelFiles } from './eval/labels.mjs';
import { printReport } from './eval/report.mjs';
import { score } from './eval/score.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}
const CONFIGS = ['recommended', 'strict', 'recommended-type-checked'];

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    config: { type: 'string', multiple: true },
    package: { type: 'string', multiple: true },
    'all-reports': { type: 'boolean', default: false },
    from: { type: 'string' },
    jobs: { type: 'string', default: '1' },
  },
});
if (args.from) {
  printReport(JSON.parse(readFileSync(args.from, 'utf8')), (line) => process.stdout.write(`${line}\n`));
  process.exit(0);
}
const configs = args.config ?? CONFIGS;
const jobs = Math.max(1, Number.parseInt(args.jobs, 10) || 1);
for (const name of configs) if (!CONFIGS.includes(name)) throw new Error(`unknown config ${name}`);
const log = (line) => process.stderr.write(`${line}\n`);

const worker = join(repoRoot, 'scripts/eval/lint-worker.mjs');
const run = promisify(execFile);

/** Lints one package under one config in a process of its own (see lint-worker.mjs). */
async function lintInWorker(input) {
  try {
    const { stdout } = await run(process.execPath, ['--max-old-space-size=6144', worker, JSON.stringify(input)], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return JSON.parse(stdout);
  } catch (error) {
    // The process died (out of memory, a crash outside any rule): the whole package counts as crashed.
    const detail = String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    const crash = {
      file: '(the whole package)',
      rule: null,
      message: `the lint process failed: ${detail}`,
      stack: String(error.stderr ?? error.stack),
    };
    return { files: 0, reports: [], crashes: [crash], unparsable: [], reparsedAsModule: [], fixes: [] };
  }
}

const built = join(repoRoot, 'dist/esm/src/index.js');
if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first (`npm run eval` does)');
const { default: plugin } = await import(new URL(`file://${built}`).href);

// What to evaluate: every pinned package at its pin, and every labelled package at the labels' version
// (a label file for a package or version that is not pinned is fetched without an integrity check).
const pins = readPins();
const { sets, problems } = readLabelFiles(join(repoRoot, 'corpus', 'labels'));
const targets = new Map();
for (const [name, pin] of Object.entries(pins))
  targets.set(name, { name, version: pin.version, integrity: pin.integrity });
for (const set of sets) {
  const pin = pins[set.package];
  if (pin?.version === set.version) continue;
  problems.push(
    pin
      ? `${set.file}: labels ${set.package}@${set.version} but corpus/packages.json pins ${pin.version}; using the labels' version`
      : `${set.file}: ${set.package} is not in corpus/packages.json`,
  );
  targets.set(set.package, { name: set.package, version: set.version, integrity: undefined });
}
const wanted = [...targets.values()].filter((target) => !args.package || args.package.includes(target.name));
if (args.package) for (const name of args.package) if (!targets.has(name)) throw new Error(`unknown package ${name}`);

for (const target of wanted) target.dir = await ensurePackage(target.name, target.version, target.integrity, log);
for (const set of sets) {
  const target = targets.get(set.package);
  if (target?.dir) problems.push(...checkAgainstSource(set, target.dir));
}
const labelled = new Set(sets.map((set) => set.package));
const labels = sets.filter((set) => wanted.some((target) => target.name === set.package)).flatMap((set) => set.labels);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  eslint: ESLint.version,
  typescriptEslint: JSON.parse(readFileSync(join(repoRoot, 'node_modules/typescript-eslint/package.json'), 'utf8'))
    .version,
  plugin: plugin.meta.version,
  commit: gitCommit(),
  packages: wanted.map(({ name, version }) => ({ name, version, labelled: labelled.has(name), files: 0 })),
  labelProblems: problems,
  configs: {},
};

for (const configName of configs) {
  const reports = [];
  const crashes = [];
  const unparsable = [];
  const fixes = [];
  const reparsedAsModule = [];
  let fileCount = 0;
  const started = performance.now();
  // Packages are linted --jobs at a time; their results are put together in the order of `wanted`.
  const linted = new Array(wanted.length);
  let next = 0;
  const lintNext = async () => {
    while (next < wanted.length) {
      const index = next++;
      const target = wanted[index];
      const labelledFiles = [
        ...new Set(labels.filter((label) => label.package === target.name).map((label) => label.file)),
      ];
      log(`${configName}: ${target.name}@${target.version}`);
      linted[index] = await lintInWorker({ packageDir: target.dir, configName, labelledFiles });
    }
  };
  await Promise.all(Array.from({ length: jobs }, lintNext));
  wanted.forEach((target, index) => {
    const one = linted[index];
    fileCount += one.files;
    result.packages.find((entry) => entry.name === target.name).files = one.files;
    const tag = (entry) => ({ package: target.name, ...entry });
    reports.push(...one.reports.map(tag));
    crashes.push(...one.crashes.map(tag));
    unparsable.push(...one.unparsable.map(tag));
    fixes.push(...one.fixes.map(tag));
    reparsedAsModule.push(...(one.reparsedAsModule ?? []).map((file) => tag({ file })));
  });
  const scored = score(labels, reports);
  result.configs[configName] = {
    seconds: Math.round((performance.now() - started) / 100) / 10,
    files: fileCount,
    reports: reports.length,
    ...scored,
    unlabelledHidden: args['all-reports']
      ? 0
      : scored.unlabelled.filter((report) => !labelled.has(report.package)).length,
    unlabelled: args['all-reports']
      ? scored.unlabelled
      : scored.unlabelled.filter((report) => labelled.has(report.package)),
    crashes,
    unparsable,
    reparsedAsModule,
    fixes,
  };
}

if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else printReport(result, (line) => process.stdout.write(`${line}\n`));
const crashed = Object.values(result.configs).some((config) => config.crashes.length > 0);
const badFix = Object.values(result.configs).some((config) => config.fixes.some((fix) => !fix.ok));
process.exitCode = crashed || badFix ? 1 : 0;
