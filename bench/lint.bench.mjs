// Benchmark of what the plugin adds to a lint run: `npm run bench:lint` (spec: "Lint speed benchmark").
//
// A figure, not a test: it prints what it measured, says whether each goal was met, and exits 0 either
// way. Every figure is a ratio against a baseline measured in this same run; rounds of the two
// configurations are interleaved (alternating which goes first) after a warm-up, and the median round is
// reported. Absolute figures depend on the machine, its load and the Node version.
//
// 1. Untyped, on each file set of file-sets.mjs: the installed node_modules (check-real-code's set) and,
//    when its cache is present, the field corpus (the 27 pinned packages of corpus/packages.json); every
//    Nth file of each sorted set to keep the run short. Linted with `@eslint/js` recommended alone versus
//    the same plus `fork-safe/recommended` (the BUILT plugin). We use the `Linter` class with each file's
//    real path (real-paths.mjs), not the `ESLint` class, which ignores node_modules by default: on its
//    real path the plugin's cross-file following reads and parses other files of the file's package, as
//    in a CLI run. Each round gets new parser objects, so the plugin's parses of other files (kept per
//    parser) start empty in every round, as in a new CLI run. What is left out is the same for both configurations
//    (file discovery, reading, config lookup: config arrays are built and normalized once, as the ESLint
//    class does, not on every call), so the ratio only gets stricter: the work our rules add is compared
//    with parse + core rules, not with a whole CLI run. JavaScript files are parsed with ESLint's default
//    parser (espree), TypeScript files with typescript-eslint's parser, as a user's config would.
//    Wall time and CPU time (process.cpuUsage: not inflated by other processes holding the cores) are
//    measured with stats off (stats wrap every listener in a timer); the per-rule times come from
//    separate rounds with `stats: true` (`linter.getTimes().passes[0].rules`): each rule's time is divided
//    by the median core rule's of the same round, and the median of those ratios is reported.
// 2. Typed: the `ESLint` class on this repository's own `src/` and `rules/` (projectService, this
//    tsconfig), typescript-eslint's `recommended-type-checked` alone versus the same plus
//    `fork-safe/recommended-type-checked`. Each round is a fresh ESLint instance with the parser's caches
//    cleared, so each round builds the TypeScript program as a CLI run does.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { ESLint, Linter } from 'eslint';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { corpusFiles, nodeModulesFiles } from './file-sets.mjs';
import { configArrayFor, freshParser, languageBlock } from './real-paths.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pluginFile = join(root, 'dist', 'esm', 'src', 'index.js');
if (!existsSync(pluginFile)) {
  console.error(`bench:lint: ${pluginFile} is missing; run \`npm run build\` first (\`npm run bench:lint\` does).`);
  process.exit(1);
}
const { default: plugin } = await import(pathToFileURL(pluginFile).href);
const require = createRequire(join(root, 'package.json'));
let clearCaches = () => {};
try {
  ({ clearCaches } = require('@typescript-eslint/typescript-estree'));
} catch {
  // Without it the typed rounds after the first reuse the program; said in the output.
}

// Settings. A whole run takes about 4 minutes on an idle 2-core machine; the samples are every Nth file of
// each sorted set, which spreads them over all packages (BENCH_LINT_SAMPLE_EVERY and
// BENCH_LINT_CORPUS_SAMPLE_EVERY change N, BENCH_LINT_ROUNDS the rounds).
const SAMPLE_EVERY = Number(process.env.BENCH_LINT_SAMPLE_EVERY ?? 8); // node_modules: lint every Nth file
const CORPUS_SAMPLE_EVERY = Number(process.env.BENCH_LINT_CORPUS_SAMPLE_EVERY ?? 8); // field corpus: every Nth file
const ROUNDS = Number(process.env.BENCH_LINT_ROUNDS ?? 5); // measured wall/CPU rounds per configuration (untyped)
const STATS_ROUNDS = 3; // rounds with stats: true (the per-rule times)
const TYPED_ROUNDS = Number(process.env.BENCH_LINT_TYPED_ROUNDS ?? 3); // measured rounds per configuration (typed)
const GOAL_RATIO = 1.03;
const GOAL_TYPED_RATIO = 1.1;

const now = () => process.hrtime.bigint();
const ms = (start) => Number(now() - start) / 1e6;
// CPU time of this process (user + system, all threads), in ms: linting is single-threaded, so this is
// the work itself, and unlike wall time it does not grow while other processes hold the cores.
const cpuNow = () => process.cpuUsage();
const cpuMs = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const out = (line = '') => process.stdout.write(`${line}\n`);

// --- The file sets: the installed node_modules and, when cached, the field corpus (file-sets.mjs) --------
const allFiles = nodeModulesFiles();
const corpus = corpusFiles();
const fileSets = [
  { name: 'node_modules', all: allFiles, every: SAMPLE_EVERY },
  ...(corpus.files.length > 0 ? [{ name: 'field corpus', all: corpus.files, every: CORPUS_SAMPLE_EVERY }] : []),
].map((set) => ({ ...set, sampled: set.all.filter((_, i) => i % set.every === 0) }));

// --- Configurations ------------------------------------------------------------------------------------
const ext = (file) => file.slice(file.lastIndexOf('.'));
const dialectOf = (file) => `${ext(file)}`;
// The parser objects of the current round (one per dialect, as a CLI config has): new ones each round.
let parsers;
const baseConfig = (file) => [languageBlock(file, parsers), js.configs.recommended];
const pluginConfig = (file) => [...baseConfig(file), plugin.configs.recommended];
const built = new Map();
/**
 * A new round: new parser objects and config arrays (the plugin's parses of other files start empty),
 * built here, before the round's clock starts, for every dialect of `texts`.
 */
function newRound(texts) {
  parsers = { js: freshParser('.js'), ts: freshParser('.ts') };
  built.clear();
  for (const { file } of texts)
    for (const side of ['base', 'plugin']) {
      const key = `${side}${dialectOf(file)}`;
      if (!built.has(key)) built.set(key, configArrayFor(side === 'base' ? baseConfig(file) : pluginConfig(file)));
    }
}
const configFor = (side, file) => built.get(`${side}${dialectOf(file)}`);
const ourRuleIds = Object.keys(plugin.configs.recommended.rules);
const coreRuleIds = Object.entries(js.configs.recommended.rules)
  .filter(
    ([, level]) => level !== 'off' && level !== 0 && !(Array.isArray(level) && (level[0] === 'off' || level[0] === 0)),
  )
  .map(([id]) => id);

function lintAll(texts, side, linter) {
  let problems = 0;
  for (const { file, text, name } of texts) problems += linter.verify(text, configFor(side, file), name).length;
  return problems;
}
// With stats, as the ESLint class does: verifyAndFix (here with fix: false, so one pass), which resets
// the linter's times per file; getTimes() is read after each file and summed. (verify() with stats: true
// on its own does not initialize the pass counter in ESLint 10 and throws.)
function lintAllWithStats(texts, side, linter, sums) {
  for (const { file, text, name } of texts) {
    linter.verifyAndFix(text, configFor(side, file), { filename: name, stats: true, fix: false });
    for (const pass of linter.getTimes().passes) {
      sums.parse += pass.parse?.total ?? 0;
      for (const [ruleId, { total }] of Object.entries(pass.rules ?? {}))
        sums.rules[ruleId] = (sums.rules[ruleId] ?? 0) + total;
    }
  }
}

/** 1. One untyped file set: warm-up, interleaved wall/CPU rounds, then the per-rule stats rounds. */
function measureSet({ name, all, every, sampled }) {
  // Warm-up pass: read the files, drop the ones the parser cannot read, warm up both sides.
  const texts = [];
  let unparsable = 0;
  let threw = 0;
  const warmLinter = new Linter({ configType: 'flat' });
  newRound(sampled.map((file) => ({ file })));
  for (const file of sampled) {
    const text = readFileSync(file, 'utf8');
    try {
      const messages = warmLinter.verify(text, configFor('plugin', file), file);
      if (messages.some((message) => message.fatal)) {
        unparsable++;
        continue;
      }
      warmLinter.verify(text, configFor('base', file), file);
    } catch {
      threw++;
      continue;
    }
    texts.push({ file, text, name: file });
  }
  const bytes = texts.reduce((sum, { text }) => sum + text.length, 0);

  const linter = new Linter({ configType: 'flat' });
  newRound(texts);
  lintAll(texts, 'base', linter); // one more warm-up round each, with the measuring linter
  newRound(texts);
  lintAll(texts, 'plugin', linter);
  const baseMs = [];
  const pluginMs = [];
  const baseCpuMs = [];
  const pluginCpuMs = [];
  const pairRatios = [];
  const cpuPairRatios = [];
  let problemsBase = 0;
  let problemsPlugin = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? ['plugin', 'base'] : ['base', 'plugin'];
    const round = {};
    for (const side of order) {
      newRound(texts);
      const start = now();
      const cpuStart = cpuNow();
      const problems = lintAll(texts, side, linter);
      round[side] = ms(start);
      round[`${side}Cpu`] = cpuMs(cpuStart);
      if (side === 'base') problemsBase = problems;
      else problemsPlugin = problems;
    }
    baseMs.push(round.base);
    pluginMs.push(round.plugin);
    baseCpuMs.push(round.baseCpu);
    pluginCpuMs.push(round.pluginCpu);
    pairRatios.push(round.plugin / round.base);
    cpuPairRatios.push(round.pluginCpu / round.baseCpu);
  }

  // Per-rule times: rounds with stats: true on the plugin side.
  const ruleRounds = {}; // ruleId -> ms per round
  const parseRounds = [];
  for (let r = 0; r < STATS_ROUNDS; r++) {
    const sums = { parse: 0, rules: {} };
    newRound(texts);
    lintAllWithStats(texts, 'plugin', linter, sums);
    parseRounds.push(sums.parse);
    for (const [ruleId, total] of Object.entries(sums.rules)) (ruleRounds[ruleId] ??= []).push(total);
  }
  // Each rule against the median core rule of the same round, then the median over rounds.
  const ruleRatios = {};
  const medianCoreRounds = [];
  for (let r = 0; r < STATS_ROUNDS; r++) {
    const medianCore = median(coreRuleIds.map((id) => ruleRounds[id]?.[r] ?? 0));
    medianCoreRounds.push(medianCore);
    for (const id of ourRuleIds) (ruleRatios[id] ??= []).push((ruleRounds[id]?.[r] ?? 0) / medianCore);
  }
  const ruleMs = Object.fromEntries(Object.entries(ruleRounds).map(([id, xs]) => [id, median(xs)]));
  return {
    name,
    every,
    all: all.length,
    texts: texts.length,
    unparsable,
    threw,
    bytes,
    baseMs,
    pluginMs,
    baseCpuMs,
    pluginCpuMs,
    pairRatios,
    cpuPairRatios,
    problemsBase,
    problemsPlugin,
    ratio: median(pluginMs) / median(baseMs),
    cpuRatio: median(pluginCpuMs) / median(baseCpuMs),
    ruleMs,
    ruleRatio: Object.fromEntries(ourRuleIds.map((id) => [id, median(ruleRatios[id])])),
    medianCore: median(medianCoreRounds),
    parseMs: median(parseRounds),
    allRulesMs: Object.values(ruleMs).reduce((a, b) => a + b, 0),
    sortedCore: coreRuleIds.map((id) => [id, ruleMs[id] ?? 0]).sort((a, b) => b[1] - a[1]),
  };
}
const started = now();
const measured = fileSets.map(measureSet);

// --- 2. Typed: the ESLint class on this repository's src/ and rules/ ----------------------------------
const typedParserOptions = { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } };
const typedBase = [...tseslint.configs.recommendedTypeChecked, typedParserOptions];
const typedPlugin = [...typedBase, plugin.configs['recommended-type-checked']];
const typedPatterns = ['src/**/*.ts', 'rules/**/*.ts'];
async function lintTyped(overrideConfig, stats = false) {
  clearCaches();
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    // A new parser object each round: the plugin's parses of other files start empty, as in a new CLI run.
    overrideConfig: [...overrideConfig, { languageOptions: { parser: freshParser('.ts') } }],
    cache: false,
    ignore: false,
    stats,
  });
  const start = now();
  const cpuStart = cpuNow();
  const results = await eslint.lintFiles(typedPatterns);
  return { ms: ms(start), cpu: cpuMs(cpuStart), results };
}
let typed = null;
try {
  const warmBase = await lintTyped(typedBase);
  await lintTyped(typedPlugin);
  const fatal = warmBase.results.filter((result) => result.messages.some((message) => message.fatal)).length;
  const tBase = [];
  const tPlugin = [];
  const cBase = [];
  const cPlugin = [];
  for (let r = 0; r < TYPED_ROUNDS; r++) {
    const order = r % 2 ? [typedPlugin, typedBase] : [typedBase, typedPlugin];
    for (const config of order) {
      const { ms: t, cpu } = await lintTyped(config);
      (config === typedBase ? tBase : tPlugin).push(t);
      (config === typedBase ? cBase : cPlugin).push(cpu);
    }
  }
  // One stats run for our rules' times in the typed config.
  const { results } = await lintTyped(typedPlugin, true);
  const typedRules = {};
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      for (const [ruleId, { total }] of Object.entries(pass.rules ?? {}))
        typedRules[ruleId] = (typedRules[ruleId] ?? 0) + total;
    }
  }
  const tsRuleIds = Object.keys(typedRules).filter((id) => id.startsWith('@typescript-eslint/'));
  typed = {
    files: warmBase.results.length,
    fatal,
    base: median(tBase),
    plugin: median(tPlugin),
    ratio: median(tPlugin) / median(tBase),
    cpuRatio: median(cPlugin) / median(cBase),
    cBase,
    cPlugin,
    tBase,
    tPlugin,
    ours: Object.keys(plugin.configs['recommended-type-checked'].rules).map((id) => [id, typedRules[id] ?? 0]),
    medianTs: median(tsRuleIds.map((id) => typedRules[id])),
  };
} catch (error) {
  typed = { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
}

// --- Report --------------------------------------------------------------------------------------------
const f1 = (x) => x.toFixed(1);
const f3 = (x) => x.toFixed(3);
out(
  `bench:lint — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), eslint ${ESLint.version}, ${new Date().toISOString()}`,
);
out('');
for (const set of measured) {
  out(
    `Untyped, ${set.name}: ${set.texts} files linted (every ${set.every}th of ${set.all}; ` +
      `${set.unparsable} the parser cannot read and ${set.threw} that threw were skipped), ${(set.bytes / 1e6).toFixed(1)} MB.`,
  );
  out(
    `  Linter.verify with the real path (cross-file following on), new parser objects and config arrays each round; ${ROUNDS} interleaved rounds per side after warm-up; median round.`,
  );
  out(
    `  @eslint/js recommended:              ${f1(median(set.baseMs))} ms  (rounds: ${set.baseMs.map(f1).join(', ')})`,
  );
  out(
    `  + fork-safe/recommended:             ${f1(median(set.pluginMs))} ms  (rounds: ${set.pluginMs.map(f1).join(', ')})`,
  );
  out(`  wall ratio of medians: ${f3(set.ratio)}  (per interleaved pair: ${set.pairRatios.map(f3).join(', ')})`);
  out(
    `  CPU time (user + system): ${f1(median(set.baseCpuMs))} ms vs ${f1(median(set.pluginCpuMs))} ms, ratio of medians ${f3(set.cpuRatio)}  (per pair: ${set.cpuPairRatios.map(f3).join(', ')})`,
  );
  out(`  problems reported: ${set.problemsBase} vs ${set.problemsPlugin}`);
  out(
    `  Per-rule times (stats: true, median of ${STATS_ROUNDS} rounds, ms; ratio to the median core rule of the same round):`,
  );
  out(
    `    parsing: ${f1(set.parseMs)} ms; all ${Object.keys(set.ruleMs).length} rules together: ${f1(set.allRulesMs)} ms`,
  );
  for (const id of ourRuleIds) out(`    ${id}: ${f1(set.ruleMs[id] ?? 0)} ms, ${f3(set.ruleRatio[id])}x`);
  // The plugin's share of what the stats time: steadier than the wall and CPU ratios on a shared machine.
  const oursMs = ourRuleIds.reduce((sum, id) => sum + (set.ruleMs[id] ?? 0), 0);
  out(
    `    fork-safe's ${ourRuleIds.length} rules together: ${f1(oursMs)} ms, ${f1((100 * oursMs) / (set.parseMs + set.allRulesMs))}% of parsing plus all rules`,
  );
  out(`    median of the ${coreRuleIds.length} core rules of @eslint/js recommended: ${f1(set.medianCore)} ms`);
  out(
    `    most expensive core rules: ${set.sortedCore
      .slice(0, 3)
      .map(([id, t]) => `${id} ${f1(t)}`)
      .join(', ')}`,
  );
  out('');
}
if (corpus.missing.length > 0)
  out(
    `Field corpus: ${corpus.missing.length} of ${corpus.packages} packages not in the cache (npm run corpus:fetch): ${corpus.missing.join(', ')}`,
  );
if (typed.error) out(`Typed: not measured (${typed.error})`);
else {
  out(
    `Typed: ESLint class on src/ + rules/ (${typed.files} files, ${typed.fatal} with a fatal error), projectService, fresh instance and cleared parser caches per round;`,
  );
  out(`  ${TYPED_ROUNDS} interleaved rounds per side after warm-up; median round.`);
  out(
    `  typescript-eslint recommended-type-checked:          ${f1(typed.base)} ms  (rounds: ${typed.tBase.map(f1).join(', ')})`,
  );
  out(
    `  + fork-safe/recommended-type-checked:               ${f1(typed.plugin)} ms  (rounds: ${typed.tPlugin.map(f1).join(', ')})`,
  );
  out(
    `  wall ratio: ${f3(typed.ratio)}; CPU: ${f1(median(typed.cBase))} ms vs ${f1(median(typed.cPlugin))} ms, ratio ${f3(typed.cpuRatio)}`,
  );
  for (const [id, t] of typed.ours)
    out(`  ${id}: ${f1(t)} ms (median @typescript-eslint rule: ${f1(typed.medianTs)} ms)`);
}
out('');
const rows = [
  ...measured.flatMap((set) => [
    [
      `${set.name}: wall time, @eslint/js recommended + fork-safe/recommended`,
      `${f1(median(set.baseMs))} ms`,
      f3(set.ratio),
      `<= ${GOAL_RATIO}`,
      set.ratio <= GOAL_RATIO,
    ],
    [
      `${set.name}: CPU time (user + system), the same`,
      `${f1(median(set.baseCpuMs))} ms`,
      f3(set.cpuRatio),
      `<= ${GOAL_RATIO}`,
      set.cpuRatio <= GOAL_RATIO,
    ],
    ...ourRuleIds.map((id) => [
      `${set.name}: rule time, ${id}`,
      `${f1(set.medianCore)} ms (median core rule)`,
      f3(set.ruleRatio[id]),
      '<= 1',
      set.ruleRatio[id] <= 1,
    ]),
  ]),
  ...(typed.error
    ? [['typed: wall time (recommended-type-checked)', 'not measured', '-', `<= ${GOAL_TYPED_RATIO}`, null]]
    : [
        [
          'typed: wall time, recommended-type-checked + fork-safe',
          `${f1(typed.base)} ms`,
          f3(typed.ratio),
          `<= ${GOAL_TYPED_RATIO}`,
          typed.ratio <= GOAL_TYPED_RATIO,
        ],
        [
          'typed: CPU time, the same',
          `${f1(median(typed.cBase))} ms`,
          f3(typed.cpuRatio),
          `<= ${GOAL_TYPED_RATIO}`,
          typed.cpuRatio <= GOAL_TYPED_RATIO,
        ],
      ]),
];
const header = ['measure', 'baseline', 'ratio', 'goal', 'met'];
const cells = [header, ...rows.map(([m, b, r, g, met]) => [m, b, r, g, met === null ? '-' : met ? 'yes' : 'no'])];
const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
out('Summary');
for (const [i, row] of cells.entries()) {
  out(`| ${row.map((cell, j) => cell.padEnd(widths[j])).join(' | ')} |`);
  if (i === 0) out(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}
out(
  `node ${process.version}; ${(ms(started) / 1000).toFixed(0)} s; sink: ${measured.reduce((sum, set) => sum + set.problemsBase + set.problemsPlugin, 0)}`,
);
process.exitCode = 0;
