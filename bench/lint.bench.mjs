// Benchmark of what the plugin adds to a lint run: `npm run bench:lint` (spec: "Lint speed benchmark").
//
// A figure, not a test: it prints what it measured, says whether each goal was met, and exits 0 either
// way. Every figure is a ratio against a baseline measured in this same run; rounds of the two
// configurations are interleaved (alternating which goes first) after a warm-up, and the median round is
// reported. Absolute figures depend on the machine, its load and the Node version.
//
// 1. Untyped: the file set of `npm run check:real-code` (the installed node_modules' .js/.mjs/.cjs/.jsx/
//    .ts/.mts/.cts/.tsx files, no .d.ts, none over 2 MB; every SAMPLE_EVERY-th file to keep the run short),
//    linted with `@eslint/js` recommended alone versus the same plus `fork-safe/recommended` (the BUILT
//    plugin). We use the `Linter` class with a virtual filename, as check-real-code does, not the `ESLint`
//    class: ESLint ignores node_modules by default and would otherwise need the files copied. What is left
//    out is the same for both configurations (file discovery, reading, config lookup: config arrays are
//    built and normalized once, as the ESLint class does, not on every call), so the ratio only gets
//    stricter: the work our rules add is compared with parse + core rules, not with a whole CLI run.
//    JavaScript files are parsed with ESLint's default parser (espree), TypeScript files with
//    typescript-eslint's parser, as a user's config would.
//    Wall time and CPU time (process.cpuUsage: not inflated by other processes holding the cores) are
//    measured with stats off (stats wrap every listener in a timer); the per-rule times come
//    from separate rounds with `stats: true` (`linter.getTimes().passes[0].rules`), medians over rounds.
// 2. Typed: the `ESLint` class on this repository's own `src/` and `rules/` (projectService, this
//    tsconfig), typescript-eslint's `recommended-type-checked` alone versus the same plus
//    `fork-safe/recommended-type-checked`. Each round is a fresh ESLint instance with the parser's caches
//    cleared, so each round builds the TypeScript program as a CLI run does.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { ESLint, Linter } from 'eslint';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const pluginFile = join(root, 'dist', 'esm', 'src', 'index.js');
if (!existsSync(pluginFile)) {
  console.error(`bench:lint: ${pluginFile} is missing; run \`npm run build\` first (\`npm run bench:lint\` does).`);
  process.exit(1);
}
const { default: plugin } = await import(pathToFileURL(pluginFile).href);
const require = createRequire(join(root, 'package.json'));
// Not a public export of eslint (its exports map hides it); loaded by path so that configs are normalized
// once per configuration, as the ESLint class does, instead of on every verify() call. Falls back to plain
// arrays (normalized on every call, the same cost on both sides) if the file moves.
let FlatConfigArray = null;
try {
  ({ FlatConfigArray } = require(join(root, 'node_modules', 'eslint', 'lib', 'config', 'flat-config-array.js')));
} catch {
  FlatConfigArray = null;
}
let clearCaches = () => {};
try {
  ({ clearCaches } = require('@typescript-eslint/typescript-estree'));
} catch {
  // Without it the typed rounds after the first reuse the program; said in the output.
}

// Settings. A whole run takes about 4 minutes on a 2-core machine (BENCH_LINT_SAMPLE_EVERY=N changes the sampling).
const SAMPLE_EVERY = Number(process.env.BENCH_LINT_SAMPLE_EVERY ?? 4); // lint every Nth file of the set
const ROUNDS = 7; // measured wall-time rounds per configuration (untyped)
const STATS_ROUNDS = 3; // rounds with stats: true (the per-rule times)
const TYPED_ROUNDS = 5; // measured rounds per configuration (typed)
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

// --- The file set (the same as check-real-code's) ------------------------------------------------------
const modules = join(root, 'node_modules');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const MAX_BYTES = 2_000_000;
const allFiles = readdirSync(modules, { recursive: true })
  .filter(
    (name) => SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') && !name.endsWith('.d.cts'),
  )
  .sort()
  .map((name) => join(modules, name))
  .filter((file) => statSync(file).isFile() && statSync(file).size <= MAX_BYTES);
const sampled = allFiles.filter((_, i) => i % SAMPLE_EVERY === 0);

// --- Configurations ------------------------------------------------------------------------------------
const ext = (file) => file.slice(file.lastIndexOf('.'));
const isTs = (file) => /\.[cm]?tsx?$/.test(file);
const dialectOf = (file) => `${ext(file)}`;
const languageBlock = (file) => ({
  files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx,jsx}'],
  languageOptions: {
    ...(isTs(file) ? { parser: tseslint.parser } : {}),
    sourceType: /\.c[jt]s$/.test(file) ? 'commonjs' : 'module',
    parserOptions: { ecmaFeatures: { jsx: /x$/.test(file) } },
  },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
});
const baseConfig = (file) => [languageBlock(file), js.configs.recommended];
const pluginConfig = (file) => [...baseConfig(file), plugin.configs.recommended];
const built = new Map();
const configFor = (side, file) => {
  const key = `${side}${dialectOf(file)}`;
  if (!built.has(key)) {
    const array = side === 'base' ? baseConfig(file) : pluginConfig(file);
    if (FlatConfigArray) {
      const configArray = new FlatConfigArray(array, { basePath: process.cwd() });
      configArray.normalizeSync();
      built.set(key, configArray);
    } else built.set(key, array);
  }
  return built.get(key);
};
const virtualName = (file) => `virtual${ext(file)}`;
const ourRuleIds = Object.keys(plugin.configs.recommended.rules);
const coreRuleIds = Object.entries(js.configs.recommended.rules)
  .filter(
    ([, level]) => level !== 'off' && level !== 0 && !(Array.isArray(level) && (level[0] === 'off' || level[0] === 0)),
  )
  .map(([id]) => id);

// --- Warm-up pass: read the files, drop the ones the parser cannot read, warm up both sides -------------
const texts = [];
let unparsable = 0;
let threw = 0;
const warmLinter = new Linter({ configType: 'flat' });
for (const file of sampled) {
  const text = readFileSync(file, 'utf8');
  try {
    const messages = warmLinter.verify(text, configFor('plugin', file), virtualName(file));
    if (messages.some((message) => message.fatal)) {
      unparsable++;
      continue;
    }
    warmLinter.verify(text, configFor('base', file), virtualName(file));
  } catch {
    threw++;
    continue;
  }
  texts.push({ file, text, name: virtualName(file) });
}
const bytes = texts.reduce((sum, { text }) => sum + text.length, 0);

function lintAll(side, linter) {
  let problems = 0;
  for (const { file, text, name } of texts) problems += linter.verify(text, configFor(side, file), name).length;
  return problems;
}
// With stats, as the ESLint class does: verifyAndFix (here with fix: false, so one pass), which resets
// the linter's times per file; getTimes() is read after each file and summed. (verify() with stats: true
// on its own does not initialize the pass counter in ESLint 10 and throws.)
function lintAllWithStats(side, linter, sums) {
  for (const { file, text, name } of texts) {
    linter.verifyAndFix(text, configFor(side, file), { filename: name, stats: true, fix: false });
    for (const pass of linter.getTimes().passes) {
      sums.parse += pass.parse?.total ?? 0;
      for (const [ruleId, { total }] of Object.entries(pass.rules ?? {}))
        sums.rules[ruleId] = (sums.rules[ruleId] ?? 0) + total;
    }
  }
}

// --- 1. Untyped wall time: interleaved rounds ---------------------------------------------------------
const linter = new Linter({ configType: 'flat' });
lintAll('base', linter); // one more warm-up round each, with the measuring linter
lintAll('plugin', linter);
const baseMs = [];
const pluginMs = [];
const baseCpuMs = [];
const pluginCpuMs = [];
const pairRatios = [];
let problemsBase = 0;
let problemsPlugin = 0;
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? ['plugin', 'base'] : ['base', 'plugin'];
  const round = {};
  for (const side of order) {
    const start = now();
    const cpuStart = cpuNow();
    const problems = lintAll(side, linter);
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
}
const untypedRatio = median(pluginMs) / median(baseMs);
const untypedCpuRatio = median(pluginCpuMs) / median(baseCpuMs);

// --- Per-rule times: rounds with stats: true on the plugin side ----------------------------------------
const ruleRounds = {}; // ruleId -> ms per round
const parseRounds = [];
for (let r = 0; r < STATS_ROUNDS; r++) {
  const sums = { parse: 0, rules: {} };
  lintAllWithStats('plugin', linter, sums);
  parseRounds.push(sums.parse);
  for (const [ruleId, total] of Object.entries(sums.rules)) (ruleRounds[ruleId] ??= []).push(total);
}
const ruleMs = Object.fromEntries(Object.entries(ruleRounds).map(([id, xs]) => [id, median(xs)]));
const coreTimes = coreRuleIds.map((id) => ruleMs[id] ?? 0);
const medianCore = median(coreTimes);
const sortedCore = coreRuleIds.map((id) => [id, ruleMs[id] ?? 0]).sort((a, b) => b[1] - a[1]);
const parseMs = median(parseRounds);
const allRulesMs = Object.values(ruleMs).reduce((a, b) => a + b, 0);

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
    overrideConfig,
    cache: false,
    ignore: false,
    stats,
  });
  const start = now();
  const results = await eslint.lintFiles(typedPatterns);
  return { ms: ms(start), results };
}
let typed = null;
try {
  const warmBase = await lintTyped(typedBase);
  await lintTyped(typedPlugin);
  const fatal = warmBase.results.filter((result) => result.messages.some((message) => message.fatal)).length;
  const tBase = [];
  const tPlugin = [];
  for (let r = 0; r < TYPED_ROUNDS; r++) {
    const order = r % 2 ? [typedPlugin, typedBase] : [typedBase, typedPlugin];
    for (const config of order) {
      const { ms: t } = await lintTyped(config);
      (config === typedBase ? tBase : tPlugin).push(t);
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
out(
  `Untyped: ${texts.length} files linted (every ${SAMPLE_EVERY}th file of the ${allFiles.length} in check-real-code's set; ` +
    `${unparsable} the parser cannot read and ${threw} that threw were skipped), ${(bytes / 1e6).toFixed(1)} MB.`,
);
out(
  `  Linter.verify with a virtual filename, configs normalized once; ${ROUNDS} interleaved rounds per side after warm-up; median round.`,
);
out(`  @eslint/js recommended:              ${f1(median(baseMs))} ms  (rounds: ${baseMs.map(f1).join(', ')})`);
out(`  + fork-safe/recommended:             ${f1(median(pluginMs))} ms  (rounds: ${pluginMs.map(f1).join(', ')})`);
out(`  ratio of medians: ${f3(untypedRatio)}  (per interleaved pair: ${pairRatios.map(f3).join(', ')})`);
out(
  `  CPU time (user + system): ${f1(median(baseCpuMs))} ms vs ${f1(median(pluginCpuMs))} ms, ratio of medians ${f3(untypedCpuRatio)}`,
);
out(`  problems reported: ${problemsBase} vs ${problemsPlugin}`);
out('');
out(`Per-rule times (stats: true, median of ${STATS_ROUNDS} rounds, whole file set, ms):`);
out(`  parsing: ${f1(parseMs)} ms; all ${Object.keys(ruleMs).length} rules together: ${f1(allRulesMs)} ms`);
for (const id of ourRuleIds) out(`  ${id}: ${f1(ruleMs[id] ?? 0)} ms`);
out(`  median of the ${coreRuleIds.length} core rules of @eslint/js recommended: ${f1(medianCore)} ms`);
out(
  `  most expensive core rules: ${sortedCore
    .slice(0, 3)
    .map(([id, t]) => `${id} ${f1(t)}`)
    .join(', ')}`,
);
out('');
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
  out(`  ratio: ${f3(typed.ratio)}`);
  for (const [id, t] of typed.ours)
    out(`  ${id}: ${f1(t)} ms (median @typescript-eslint rule: ${f1(typed.medianTs)} ms)`);
}
out('');
const rows = [
  [
    'wall time, @eslint/js recommended + fork-safe/recommended',
    `${f1(median(baseMs))} ms`,
    f3(untypedRatio),
    `<= ${GOAL_RATIO}`,
    untypedRatio <= GOAL_RATIO,
  ],
  [
    'CPU time (user + system), the same',
    `${f1(median(baseCpuMs))} ms`,
    f3(untypedCpuRatio),
    `<= ${GOAL_RATIO}`,
    untypedCpuRatio <= GOAL_RATIO,
  ],
  ...ourRuleIds.map((id) => {
    const t = ruleMs[id] ?? 0;
    return [
      `rule time, ${id}`,
      `${f1(medianCore)} ms (median core rule)`,
      f3(t / medianCore),
      '<= 1 (at or below the median core rule)',
      t <= medianCore,
    ];
  }),
  typed.error
    ? ['wall time, typed (recommended-type-checked)', 'not measured', '-', `<= ${GOAL_TYPED_RATIO}`, null]
    : [
        'wall time, typed (recommended-type-checked)',
        `${f1(typed.base)} ms`,
        f3(typed.ratio),
        `<= ${GOAL_TYPED_RATIO}`,
        typed.ratio <= GOAL_TYPED_RATIO,
      ],
];
const header = ['measure', 'baseline', 'ratio', 'goal', 'met'];
const cells = [header, ...rows.map(([m, b, r, g, met]) => [m, b, r, g, met === null ? '-' : met ? 'yes' : 'no'])];
const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
out('Summary');
for (const [i, row] of cells.entries()) {
  out(`| ${row.map((cell, j) => cell.padEnd(widths[j])).join(' | ')} |`);
  if (i === 0) out(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}
out(`node ${process.version}; sink: ${problemsBase + problemsPlugin}`);
process.exitCode = 0;
