// Reads a `.cpuprofile` (node --cpu-prof) and prints the functions that cost the time: self time (the
// samples whose top frame is the function) and inclusive time (the samples with the function anywhere on
// the stack, counted once per sample), for the plugin's built bundle, and the top self times overall;
// first, the plugin's share of the whole run (the samples with any of its functions on the stack).
//
//   node bench/cpu-profile-summary.mjs PROFILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const TOP = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const short = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, 'dist/');
const key = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anon)'} ${short(url)}:${lineNumber + 1}`;
};
const ours = (node) => /\/dist\/esm\//.test(node.callFrame.url);

// Time per sample: the deltas between samples, in microseconds.
const self = new Map();
const selfAll = new Map();
const inclusive = new Map();
let total = 0;
// The samples with a function of the plugin anywhere on the stack: what the plugin costs the run, its
// other-file parses included (the share docs/performance.md reports; steadier than timed ratios).
let plugin = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
  total += dt;
  const top = byId.get(profile.samples[i]);
  selfAll.set(key(top), (selfAll.get(key(top)) ?? 0) + dt);
  if (ours(top)) self.set(key(top), (self.get(key(top)) ?? 0) + dt);
  const seen = new Set();
  for (let id = top.id; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id);
    if (!ours(node)) continue;
    const k = key(node);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
  if (seen.size > 0) plugin += dt;
}
const print = (title, map) => {
  console.log(`--- ${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${t.toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(
  `total ${total.toFixed(0)} ms; the plugin bundle on the stack: ${plugin.toFixed(0)} ms (${((100 * plugin) / total).toFixed(1)}%)`,
);
print('self, whole process', selfAll);
print('self, plugin bundle', self);
print('inclusive, plugin bundle', inclusive);
