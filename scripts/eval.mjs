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
//     --all-reports   list unlabelled reports in packages that have no label file too (by default
//                     they are counted only, so a labeller is not shown the rules' output on a package
//                     someone is still labelling)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { ensurePackage, readPins } from './corpus-fetch.mjs';
import { checkAgainstSource, readLabelFiles } from './eval/labels.mjs';
import { checkFixes, lintPackage } from './eval/lint.mjs';
import { sourceFiles } from './eval/files.mjs';
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
  },
});
if (args.from) {
  printReport(JSON.parse(readFileSync(args.from, 'utf8')), (line) => process.stdout.write(`${line}\n`));
  process.exit(0);
}
const configs = args.config ?? CONFIGS;
for (const name of configs) if (!CONFIGS.includes(name)) throw new Error(`unknown config ${name}`);
const log = (line) => process.stderr.write(`${line}\n`);

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
  let fileCount = 0;
  const started = performance.now();
  for (const target of wanted) {
    const files = sourceFiles(target.dir);
    fileCount += files.length;
    result.packages.find((entry) => entry.name === target.name).files = files.length;
    log(`${configName}: ${target.name}@${target.version} (${files.length} files)`);
    const options = { packageDir: target.dir, files, configName, plugin, tseslint };
    const linted = await lintPackage(options);
    const tag = (entry) => ({ package: target.name, ...entry });
    reports.push(...linted.reports.map(tag));
    crashes.push(...linted.crashes.map(tag));
    unparsable.push(...linted.unparsable.map(tag));
    const labelledFiles = [
      ...new Set(labels.filter((label) => label.package === target.name).map((label) => label.file)),
    ];
    if (labelledFiles.length) fixes.push(...(await checkFixes(options, labelledFiles)).map(tag));
  }
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
    fixes,
  };
}

if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else printReport(result, (line) => process.stdout.write(`${line}\n`));
const crashed = Object.values(result.configs).some((config) => config.crashes.length > 0);
const badFix = Object.values(result.configs).some((config) => config.fixes.some((fix) => !fix.ok));
process.exitCode = crashed || badFix ? 1 : 0;
