// A/B of two builds of the plugin in one process, for a change whose effect is smaller than the noise
// between two runs on a shared machine: every sampled file of both sets (file-sets.mjs) is linted under
// its real path (real-paths.mjs, cross-file following on) with `@eslint/js` recommended plus the
// `recommended` config of build A, and the same with build B, in alternating order per file, stats on.
// Each build is its own module instance, so its caches (parses of other files) are its own, and each
// is filled once, as in one CLI run. Prints each rule's total for A and B, B/A, and the median core
// rule of each side (its B/A is the noise: core rules are the same code on both sides).
//
//   node bench/ab-rules.mjs /path/to/a/dist/esm/src/index.js /path/to/b/dist/esm/src/index.js
//   AB_SAMPLE_EVERY=N   lint every Nth file of the sorted sets (default 16)
//   AB_SET=node_modules or AB_SET=corpus   only that set
//   AB_TOP=N            per fork-safe rule, the N files whose time grew most from A to B (B - A)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import js from '@eslint/js';
import { corpusFiles, nodeModulesFiles } from './file-sets.mjs';
import { configsPerExtension, freshParser } from './real-paths.mjs';

const [pathA, pathB] = process.argv.slice(2);
if (!pathA || !pathB) {
  console.error('usage: node bench/ab-rules.mjs A/dist/esm/src/index.js B/dist/esm/src/index.js');
  process.exit(1);
}
const every = Number(process.env.AB_SAMPLE_EVERY ?? 16);
const only = process.env.AB_SET;
const top = Number(process.env.AB_TOP ?? 0);
const sets = [
  ...(only === 'corpus' ? [] : [['node_modules', nodeModulesFiles()]]),
  ...(only === 'node_modules' ? [] : [['field corpus', corpusFiles().files]]),
];

async function side(path) {
  const { default: plugin } = await import(pathToFileURL(path).href);
  // One parser object per dialect per side for the whole run, as a CLI config has.
  const parsers = { js: freshParser('.js'), ts: freshParser('.ts') };
  return {
    sums: {},
    perFile: {},
    configFor: configsPerExtension(parsers, [js.configs.recommended, plugin.configs.recommended]),
  };
}

const linter = new Linter({ configType: 'flat' });
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
};
for (const [name, all] of sets) {
  const files = all.filter((_, i) => i % every === 0);
  const a = await side(pathA);
  const b = await side(pathB);
  const problems = [0, 0];
  for (const [i, file] of files.entries()) {
    const text = readFileSync(file, 'utf8');
    for (const s of i % 2 ? [b, a] : [a, b]) {
      try {
        const messages = linter.verifyAndFix(text, s.configFor(file), { filename: file, stats: true, fix: false });
        problems[s === a ? 0 : 1] += messages.messages.filter((m) => m.ruleId?.startsWith('fork-safe/')).length;
      } catch {
        continue;
      }
      for (const pass of linter.getTimes().passes)
        for (const [id, { total }] of Object.entries(pass.rules ?? {})) {
          s.sums[id] = (s.sums[id] ?? 0) + total;
          if (top && id.startsWith('fork-safe/')) (s.perFile[id] ??= new Map()).set(file, total);
        }
    }
  }
  const core = (s) =>
    median(
      Object.entries(s.sums)
        .filter(([id]) => !id.startsWith('fork-safe/'))
        .map(([, t]) => t),
    );
  const [coreA, coreB] = [core(a), core(b)];
  console.log(
    `${name}: ${files.length} files (every ${every}th); fork-safe reports A ${problems[0]}, B ${problems[1]}; median core rule A ${coreA.toFixed(1)} ms, B ${coreB.toFixed(1)} ms (B/A ${(coreB / coreA).toFixed(2)})`,
  );
  for (const id of Object.keys(a.sums).filter((id) => id.startsWith('fork-safe/'))) {
    const [ta, tb] = [a.sums[id] ?? 0, b.sums[id] ?? 0];
    console.log(
      `  ${id}: A ${ta.toFixed(1)} ms (${(ta / coreA).toFixed(2)}x core), B ${tb.toFixed(1)} ms (${(tb / coreB).toFixed(2)}x core), B/A ${(tb / ta).toFixed(2)}`,
    );
    const grown = [...(b.perFile[id] ?? [])].map(([file, t]) => [t - (a.perFile[id]?.get(file) ?? 0), file]);
    for (const [delta, file] of grown.sort((x, y) => y[0] - x[0]).slice(0, top))
      console.log(`    ${delta >= 0 ? '+' : ''}${delta.toFixed(1)} ms ${file}`);
  }
}
