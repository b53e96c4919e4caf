// Checks field-corpus label files (corpus/labels/*.json, format in issue 13's conventions) against the
// unpacked packages in the corpus cache: each file parses, names the package it is named after, and
// every label has the known fields, a file that exists in the unpacked package and lines in range.
// It prints each label's line text so a reviewer can see that the line is the expression meant.
//
//   node scripts/corpus-check-labels.mjs [--quiet] [corpus/labels/pg.json ...]
//
// With no files it checks every corpus/labels/*.json. Exit status 1 if anything is wrong.
// The cache is ${FORK_SAFE_CORPUS_CACHE:-$HOME/.cache/fork-safe-corpus}/<name>@<version>/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const labelsDir = join(root, 'corpus', 'labels');
const cache = process.env.FORK_SAFE_CORPUS_CACHE || join(homedir(), '.cache', 'fork-safe-corpus');

const CATEGORIES = new Set(['worker', 'client', 'cached-handle', 'exit-listener']);
const EXPECTS = new Set(['flag', 'no-flag']);
const DIFFICULTIES = new Set(['local', 'cross-function', 'library']);
const KEYS = ['file', 'line', 'also', 'category', 'expect', 'difficulty', 'why'];

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const files = args.filter((arg) => arg !== '--quiet');
const targets = files.length
  ? files
  : readdirSync(labelsDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(labelsDir, name));

// `@slack/bolt` -> `slack__bolt.json`, `pg` -> `pg.json`.
const labelFileName = (name) => `${name.replace(/^@/, '').replace('/', '__')}.json`;

let problems = 0;
const problem = (where, text) => {
  problems++;
  console.log(`  PROBLEM ${where}: ${text}`);
};

for (const target of targets) {
  console.log(`${target}`);
  let data;
  try {
    data = JSON.parse(readFileSync(target, 'utf8'));
  } catch (error) {
    problem(target, `does not parse: ${error.message}`);
    continue;
  }
  if (labelFileName(data.package ?? '') !== basename(target)) {
    problem(target, `package ${data.package} should be in ${labelFileName(data.package ?? '')}`);
  }
  const packageRoot = join(cache, `${data.package}@${data.version}`);
  if (!existsSync(packageRoot)) {
    problem(target, `${packageRoot} is not unpacked`);
    continue;
  }
  const seen = new Set();
  const lineCache = new Map();
  const linesOf = (file) => {
    if (!lineCache.has(file)) lineCache.set(file, readFileSync(join(packageRoot, file), 'utf8').split(/\r?\n/));
    return lineCache.get(file);
  };
  for (const [index, label] of (data.labels ?? []).entries()) {
    const where = `#${index} ${label.file}:${label.line}`;
    const keys = Object.keys(label);
    const missing = KEYS.filter((name) => !keys.includes(name));
    const extra = keys.filter((name) => !KEYS.includes(name));
    if (missing.length || extra.length) problem(where, `missing keys [${missing}], unknown keys [${extra}]`);
    if (!CATEGORIES.has(label.category)) problem(where, `unknown category ${label.category}`);
    if (!EXPECTS.has(label.expect)) problem(where, `unknown expect ${label.expect}`);
    if (!DIFFICULTIES.has(label.difficulty)) problem(where, `unknown difficulty ${label.difficulty}`);
    if (typeof label.why !== 'string' || label.why.length < 20) problem(where, 'why is missing or too short');
    if (!Array.isArray(label.also)) problem(where, 'also is not an array');
    const key = `${label.file}:${label.line}:${label.category}`;
    if (seen.has(key)) problem(where, 'duplicate label');
    seen.add(key);
    if (typeof label.file !== 'string' || label.file.startsWith('/') || label.file.includes('\\')) {
      problem(where, 'file must be a relative /-separated path');
      continue;
    }
    if (!existsSync(join(packageRoot, label.file))) {
      problem(where, 'file does not exist in the unpacked package');
      continue;
    }
    const lines = linesOf(label.file);
    for (const line of [label.line, ...(label.also ?? [])]) {
      if (!Number.isInteger(line) || line < 1 || line > lines.length) {
        problem(where, `line ${line} is out of range (1..${lines.length})`);
      } else if (!lines[line - 1].trim()) {
        problem(where, `line ${line} is blank`);
      } else if (!quiet) {
        const text = lines[line - 1].trim();
        console.log(
          `  ${line === label.line ? '' : 'also '}${label.expect.padEnd(7)} ${label.category.padEnd(13)} ${label.file}:${line}  ${text.slice(0, 110)}`,
        );
      }
    }
  }
  const labels = data.labels ?? [];
  const flags = labels.filter((label) => label.expect === 'flag').length;
  console.log(`  ${labels.length} labels, ${flags} flag, ${labels.length - flags} no-flag`);
}

if (problems) {
  console.log(`${problems} problem(s)`);
  process.exit(1);
}
