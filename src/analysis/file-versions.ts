import { statSync } from 'node:fs';

/**
 * Which version of a file on disk a cached answer read, and when to look again. A "run" is the lint of
 * one file (fileAnalysis() starts one per linted file): within a run each file is stat'ed at most once,
 * so a run sees one consistent disk; the next run stats again, so an editor (one ESLint process, or the
 * language server, linting file after file while the user edits other files) never keeps an answer
 * that read a file which has changed since. The version is the file's size and modification time, as
 * eslint-plugin-import's export map checks; the text itself is compared only when they differ.
 *
 * The text pre-filter of a caller search reads every candidate file of the package (hundreds), for every
 * linted file that searches: stat'ing them all again per linted file would cost more than the search.
 * What only went through the pre-filter is trusted for PREFILTER_TRUST_MS instead (still at most once
 * per run); the files that were parsed, whose code an answer used, are checked every run.
 */

/** A file's size and modification time; undefined: absent, not a file, or unreadable. */
export interface FileVersion {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * How long (ms) a look at the disk for the pre-filter (a file's version, the package's listing) is
 * trusted: one lint run of a big package stats each of its files a few times rather than once per
 * linted file, and an editor sees a file that starts (or stops) naming a function within this time.
 */
export const PREFILTER_TRUST_MS = 5000;

let run = 0;
const versions = new Map<string, { run: number; at: number; version: FileVersion | undefined }>();

/** Starts the lint of one file: every file's version is looked at again (once) from here on. */
export function beginRun(): void {
  run++;
}

/** The version of a file now, stat'ed at most once per run (and, with `trustMs`, once in that time). */
export function fileVersion(path: string, trustMs = 0): FileVersion | undefined {
  const known = versions.get(path);
  const now = Date.now();
  if (known && (known.run === run || now - known.at < trustMs)) return known.version;
  const version = readVersion(path);
  versions.set(path, { run, at: now, version });
  return version;
}

/**
 * A file's version read from the disk now, uncached; undefined for a missing file, a directory, or one
 * that cannot be stat'ed. No exception for a missing file: resolving a module name tries several paths
 * that do not exist, and a thrown ENOENT costs far more than the stat.
 */
export function readVersion(path: string): FileVersion | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined; // unreadable: as if absent
  }
}

export function sameVersion(a: FileVersion | undefined, b: FileVersion | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

/** The run now: what a cache compares to check something at most once per run. */
export function currentRun(): number {
  return run;
}
