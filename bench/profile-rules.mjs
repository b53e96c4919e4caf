// The CPU profile behind docs/performance.md: lints the installed node_modules and the cached field
// corpus (file-sets.mjs) with `@eslint/js` recommended plus every fork-safe rule of `recommended`, under
// `node --cpu-prof`, then prints where the plugin's time goes (cpu-profile-summary.mjs):
//
//   node --cpu-prof --cpu-prof-dir=/tmp/fork-safe-prof bench/profile-rules.mjs
//   node bench/cpu-profile-summary.mjs /tmp/fork-safe-prof/*.cpuprofile
//
// PROFILE_SAMPLE_EVERY=N lints every Nth file of each set (default 1: all of them). Each file is linted
// under its real path (real-paths.mjs), once, as a CLI run would: the plugin's cross-file following
// reads and parses other files of its package, and those parses are counted (other-file parses).
// PROFILE_LIST_PARSES=1 lists the files parsed; PROFILE_PARSE_CALLERS=1 counts the plugin's call paths
// (its last six functions) that led to each parse. PROFILE_CROSS_FILE=off lints with cross-file
// following turned off (`settings['fork-safe'].crossFile: false`): what the one-file rules cost.
// PROFILE_TOP=N lists, per fork-safe rule, the N files it spent the most time on. Under
// `node --expose-gc`, the heap still in use after a full GC at the end (what the run keeps) is printed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import js from '@eslint/js';
import { corpusFiles, nodeModulesFiles } from './file-sets.mjs';
import { configsPerExtension, countingParser } from './real-paths.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { default: plugin } = await import(pathToFileURL(join(root, 'dist', 'esm', 'src', 'index.js')).href);
const every = Number(process.env.PROFILE_SAMPLE_EVERY ?? 1);
const { files: corpus, missing } = corpusFiles();
// PROFILE_SET=node_modules or PROFILE_SET=corpus: only that set.
const set = process.env.PROFILE_SET;
const files = [...(set === 'corpus' ? [] : nodeModulesFiles()), ...(set === 'node_modules' ? [] : corpus)].filter(
  (_, i) => i % every === 0,
);

const otherFiles = { linting: undefined, parses: 0, files: new Set(), ownParses: 0 };
// One parser object per dialect for the whole run, as a CLI config has.
const parsers = { js: countingParser('.js', otherFiles), ts: countingParser('.ts', otherFiles) };
const oneFile = process.env.PROFILE_CROSS_FILE === 'off' ? [{ settings: { 'fork-safe': { crossFile: false } } }] : [];
const configFor = configsPerExtension(parsers, [js.configs.recommended, plugin.configs.recommended, ...oneFile]);

const linter = new Linter({ configType: 'flat' });
const sums = {};
const top = Number(process.env.PROFILE_TOP ?? 0);
const perFile = {};
let parse = 0;
const started = performance.now();
for (const file of files) {
  otherFiles.linting = file;
  if (process.env.PROFILE_PROGRESS && files.indexOf(file) % 20 === 0)
    console.error(
      `${files.indexOf(file)} ${Math.round(performance.now() - started)} ms heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB parses ${otherFiles.parses} ${file}`,
    );
  try {
    linter.verifyAndFix(readFileSync(file, 'utf8'), configFor(file), {
      filename: file,
      stats: true,
      fix: false,
    });
  } catch {
    continue;
  }
  for (const pass of linter.getTimes().passes) {
    parse += pass.parse?.total ?? 0;
    for (const [id, { total }] of Object.entries(pass.rules ?? {})) {
      sums[id] = (sums[id] ?? 0) + total;
      if (top && id.startsWith('fork-safe/')) (perFile[id] ??= []).push([total, file]);
    }
  }
}
const core = Object.entries(sums)
  .filter(([id]) => !id.startsWith('fork-safe/'))
  .map(([, t]) => t)
  .sort((a, b) => a - b);
const medianCore = core[core.length >> 1] ?? 0;
console.log(
  `${files.length} files (${missing.length ? `corpus packages missing: ${missing.join(', ')}` : 'whole corpus cached'}), ${(performance.now() - started).toFixed(0)} ms; parse ${parse.toFixed(0)} ms; median core rule ${medianCore.toFixed(1)} ms`,
);
console.log(
  `  other-file parses (cross-file following): ${otherFiles.parses} parses of ${otherFiles.files.size} distinct files; the linted file parsed again by the plugin: ${otherFiles.ownParses - files.length} times`,
);
if (otherFiles.stacks)
  for (const [path, n] of [...otherFiles.stacks].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`    ${n} parses from ${path}`);
if (process.env.PROFILE_LIST_PARSES) for (const file of otherFiles.files) console.log(`    parsed: ${file}`);
for (const [id, t] of Object.entries(sums).filter(([id]) => id.startsWith('fork-safe/')))
  console.log(`  ${id}: ${t.toFixed(1)} ms (${(t / medianCore).toFixed(2)}x)`);
for (const [id, times] of Object.entries(perFile)) {
  console.log(`  ${id}, the ${top} files it spent the most on:`);
  for (const [t, file] of times.sort((a, b) => b[0] - a[0]).slice(0, top))
    console.log(`    ${t.toFixed(1)} ms ${file}`);
}
if (globalThis.gc) {
  globalThis.gc();
  // The parsers (module constants) are still alive, so what the plugin keeps per parser is counted.
  console.log(`  heap after a full GC: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
}
