import { statSync } from 'node:fs';

/**
 * Which version of a file on disk a cached answer read, and when to look again. A "run" is the lint of
 * one file (fileAnalysis() starts one per linted file): within a run each file is stat'ed at most once,
 * so a run sees one consistent disk; the next run stats again, so an editor (one ESLint process, or the
 * language server, linting file after file while the user edits other files) never keeps an answer
 * that read a file which has changed since. The version is the file's size and modification time, as
 * eslint-plugin-import's export map checks; the text itself is compared only when they differ.
 */

/** A file's size and modification time; undefined: absent, not a file, or unreadable. */
export interface FileVersion {
  readonly size: number;
  readonly mtimeMs: number;
}

let run = 0;
const versions = new Map<string, { run: number; version: FileVersion | undefined }>();

/** Starts the lint of one file: every file's version is looked at again (once) from here on. */
export function beginRun(): void {
  run++;
}

/** The version of a file now, stat'ed at most once per run. */
export function fileVersion(path: string): FileVersion | undefined {
  const known = versions.get(path);
  if (known?.run === run) return known.version;
  let version: FileVersion | undefined;
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    version = stat?.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    version = undefined; // unreadable: as if absent
  }
  versions.set(path, { run, version });
  return version;
}

export function sameVersion(a: FileVersion | undefined, b: FileVersion | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

/** The run now: what a cache compares to check something at most once per run. */
export function currentRun(): number {
  return run;
}
