#!/usr/bin/env node
// Downloads the field corpus (corpus/packages.json) into a cache outside the repository, the layout of
// docs/evaluation.md: <cache>/<name>@<version>/ holds the tarball's contents without the leading
// `package/`. Third-party code is never committed; each tarball is checked against the pinned
// dist.integrity before it is unpacked. A package already in the cache is skipped.
//
//   node scripts/corpus-fetch.mjs            fetch every pinned package
//   node scripts/corpus-fetch.mjs ioredis    fetch only the named ones
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const packagesFile = join(repoRoot, 'corpus', 'packages.json');
// Written last, so a directory without it is an interrupted unpack and is done again.
const doneMarker = '.fork-safe-corpus-complete';

export function cacheRoot() {
  return resolve(process.env.FORK_SAFE_CORPUS_CACHE || join(homedir(), '.cache', 'fork-safe-corpus'));
}

/** `<cache>/<name>@<version>`; a scoped name keeps its scope directory (`@slack/bolt@4.4.0`). */
export function packageDir(name, version) {
  return join(cacheRoot(), `${name}@${version}`);
}

/** The pins: name -> { version, integrity, group }. */
export function readPins() {
  return JSON.parse(readFileSync(packagesFile, 'utf8')).packages;
}

function integrityOf(buffer, expected) {
  const algorithm = expected.slice(0, expected.indexOf('-'));
  return `${algorithm}-${createHash(algorithm).update(buffer).digest('base64')}`;
}

/**
 * Makes sure `name@version` is unpacked in the cache and returns its directory. With `integrity` the
 * tarball must match it (a mismatch throws and leaves nothing behind); without it (a version that is not
 * pinned) npm's own check against the registry is all there is, and the caller is told to say so.
 */
export async function ensurePackage(name, version, integrity, log = console.error) {
  const dir = packageDir(name, version);
  if (existsSync(join(dir, doneMarker))) return dir;
  // Work inside the cache root so the final rename never crosses file systems.
  mkdirSync(cacheRoot(), { recursive: true });
  const work = mkdtempSync(join(cacheRoot(), '.fetch-'));
  try {
    const { stdout } = await run(
      'npm',
      ['pack', `${name}@${version}`, '--pack-destination', work, '--json', '--silent'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const [{ filename }] = JSON.parse(stdout);
    const tarball = join(work, filename);
    if (integrity) {
      const actual = integrityOf(readFileSync(tarball), integrity);
      if (actual !== integrity) {
        throw new Error(`${name}@${version}: integrity mismatch (pinned ${integrity}, downloaded ${actual})`);
      }
    }
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['xzf', tarball, '--strip-components=1', '-C', unpacked]);
    writeMarker(unpacked);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(unpacked, dir);
    log(`fetched ${name}@${version}${integrity ? ' (integrity ok)' : ' (NOT pinned: no integrity check)'}`);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeMarker(dir) {
  const entries = readdirSync(dir, { recursive: true }).length;
  writeFileSync(join(dir, doneMarker), `${entries} entries\n`);
}

/** Fetches the named packages (all pins when `names` is empty), four at a time. */
export async function fetchAll(names = [], log = console.error) {
  const pins = readPins();
  const wanted = names.length ? names : Object.keys(pins);
  for (const name of wanted) if (!pins[name]) throw new Error(`${name} is not in ${packagesFile}`);
  const queue = [...wanted];
  const dirs = {};
  const worker = async () => {
    while (queue.length) {
      const name = queue.shift();
      const { version, integrity } = pins[name];
      dirs[name] = await ensurePackage(name, version, integrity, log);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return dirs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  fetchAll(names)
    .then((dirs) => console.error(`${Object.keys(dirs).length} packages in ${cacheRoot()}`))
    .catch((error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
