// The two real file sets the lint benchmark (lint.bench.mjs) and the profile (profile-rules.mjs) run on:
// - the installed node_modules: check-real-code's set (.js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx, no
//   declaration files, none over 2 MB);
// - the field corpus (corpus/packages.json, docs/evaluation.md): the pinned packages' source files as
//   `npm run eval` lints them, when the cache of scripts/corpus-fetch.mjs holds them (never downloaded
//   here). A package missing from the cache is left out and named.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir, readPins } from '../scripts/corpus-fetch.mjs';
import { sourceFiles } from '../scripts/eval/files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const MAX_BYTES = 2_000_000;

const small = (file) => statSync(file).isFile() && statSync(file).size <= MAX_BYTES;

/** Absolute paths of the installed node_modules' source files, sorted. */
export function nodeModulesFiles() {
  const modules = join(root, 'node_modules');
  return readdirSync(modules, { recursive: true })
    .filter((name) => SOURCE.test(name) && !DECLARATION.test(name))
    .sort()
    .map((name) => join(modules, name))
    .filter(small);
}

/** `{ files, missing }`: absolute paths of the cached field corpus's source files, and the pins not in the cache. */
export function corpusFiles() {
  const pins = readPins();
  const files = [];
  const missing = [];
  for (const [name, { version }] of Object.entries(pins)) {
    const dir = packageDir(name, version);
    if (!existsSync(dir)) {
      missing.push(`${name}@${version}`);
      continue;
    }
    for (const file of sourceFiles(dir)) if (small(join(dir, file))) files.push(join(dir, file));
  }
  return { files, missing, packages: Object.keys(pins).length };
}
