// Where ESLint runs when the CLI uses its own config. A flat config applies only below its base path,
// ESLint's cwd, so ESLint ignores every file outside it: `fork-safe-lint /tmp/app` or `../app` run from
// a project would lint nothing ("All files matched by ... are ignored"). The CLI therefore runs ESLint in
// the nearest directory that holds both the current one and every path given, and passes the paths
// relative to it. Paths inside the current directory (the usual case) are passed as typed. Results
// name files by absolute path, as always, so reports read as ESLint's own CLI writes them.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const globCharacters = /[*?[\]{}!]/;

export interface LintTargets {
  /** The directory ESLint runs in. */
  cwd: string;
  /** The paths and globs to lint, relative to `cwd`. */
  patterns: string[];
  /** Each pattern as the user typed it, by the pattern passed to ESLint (to name it in ESLint's errors). */
  typed: Map<string, string>;
}

/** Whether `path` is `dir` or below it. */
export function contains(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A file as messages name it: relative to `cwd` when below it, otherwise absolute. */
export function displayPath(file: string, cwd: string): string {
  return contains(cwd, file) ? relative(cwd, file) : file;
}

/** The nearest directory holding both, or undefined when none does (two Windows drives). */
function commonAncestor(dir: string, path: string): string | undefined {
  let ancestor = dir;
  while (!contains(ancestor, path)) {
    const parent = dirname(ancestor);
    if (parent === ancestor) return undefined;
    ancestor = parent;
  }
  return ancestor;
}

/** The directory a path or glob starts from: its segments before the first one with a glob character. */
function staticPart(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const firstGlob = segments.findIndex((segment) => globCharacters.test(segment));
  return firstGlob === -1 ? pattern : segments.slice(0, firstGlob).join('/') || '.';
}

export function lintTargets(paths: string[], cwd: string): LintTargets {
  let base = cwd;
  for (const path of paths) base = commonAncestor(base, resolve(cwd, staticPart(path))) ?? base;
  if (base === cwd) return { cwd, patterns: paths, typed: new Map(paths.map((path) => [path, path])) };
  const patterns = paths.map((path) => relative(base, resolve(cwd, path)).split(sep).join('/') || '.');
  return { cwd: base, patterns, typed: new Map(patterns.map((pattern, i) => [pattern, paths[i]!])) };
}
