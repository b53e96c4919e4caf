import { dirname } from 'node:path';
import { PREFILTER_TRUST_MS } from './file-versions.js';
import { ownPackageFile, ownPackageName, ownPackageSpecifier } from './own-package.js';
import { packageModuleNames, relativeModuleNames } from './module-names.js';
import { fileOfModule, fileText } from './project-files.js';

/**
 * Which files of a package a file can reach through the module names it quotes, read from text alone
 * (no parse): for the cross-file questions whose answer can only go through such a path, so that a file
 * that no path connects is never parsed.
 *
 * Cross-file following (other-files.ts) reaches another file only through a module name the resolver
 * read from a string literal (`import`, `export ... from`, `require`, `import()`), turned into a file by
 * `fileOfModule`: a relative specifier, or the package's own name (a relative specifier that lands on
 * the package's entry is read as that name, and the name stands for the entry's file). Each file's edges
 * here are exactly those: every relative specifier quoted where a module name can stand (module-names.ts;
 * also as the own-package name it may stand for) and every `name` / `name/sub` of its own package
 * quoted there, resolved the same way. A string that names no module only adds an edge, never removes
 * one, so an answer "unreachable" is right. If
 * `fileOfModule` learns another way to name a file, the edges must learn it too; a TypeScript program whose
 * options name files in other ways (`paths`, `baseUrl`, ...) is asked without this graph (program-files.ts).
 *
 * Answers are kept per question for a few seconds (as project-files.ts trusts a stat), and each file's
 * edges as long as its text is the same.
 */

/** How long (ms) an answer is trusted before it is computed again: as long as a text only searched (file-versions.ts). */
const TRUST_MS = PREFILTER_TRUST_MS;

const edges = new Map<string, { readonly text: string; readonly files: readonly string[] }>();

/** The project files `file`'s quoted module names stand for (see above). */
export function importsOf(file: string): readonly string[] {
  const text = fileText(file);
  return text === undefined ? [] : importsOfText(file, text);
}

/** The same for `file` with this text: the linted file as the editor holds it, which may not be saved. */
export function importsOfText(file: string, text: string): readonly string[] {
  const known = edges.get(file);
  if (known && known.text === text) return known.files;
  const specifiers = new Set<string>();
  for (const specifier of relativeModuleNames(text)) {
    specifiers.add(specifier);
    const own = ownPackageSpecifier(file, specifier);
    if (own !== undefined) specifiers.add(own);
  }
  const name = ownPackageName(file);
  if (name) for (const specifier of packageModuleNames(text, name)) specifiers.add(specifier);
  const files = new Set<string>();
  for (const specifier of specifiers) {
    const target = fileOfSpecifier(file, specifier);
    if (target && target !== file) files.add(target);
  }
  const list = [...files];
  edges.set(file, { text, files: list });
  return list;
}

/** Per directory and specifier: the file it names (files of one directory import the same modules). */
const targets = new Map<string, { readonly file: string | undefined; readonly at: number }>();

function fileOfSpecifier(from: string, specifier: string): string | undefined {
  const now = Date.now();
  const key = `${dirname(from)}\0${specifier}`;
  const known = targets.get(key);
  if (known && now - known.at < TRUST_MS) return known.file;
  let file: string | undefined;
  try {
    file = fileOfModule(from, specifier) ?? ownPackageFile(from, specifier);
  } catch {
    file = undefined;
  }
  targets.set(key, { file, at: now });
  return file;
}

export interface ReachAnswer {
  readonly reaches: boolean;
  readonly at: number;
}

/**
 * Whether `start`, or a file it reaches through quoted module names, passes `isGoal`. `memo` is the
 * caller's, one per goal. A search that finds no goal proves the same for every file it visited (each
 * reaches only files the search visited), so all of them are kept as "no".
 */
export function reaches(start: string, isGoal: (file: string) => boolean, memo: Map<string, ReachAnswer>): boolean {
  const now = Date.now();
  const known = memo.get(start);
  if (known && now - known.at < TRUST_MS) return known.reaches;
  const visited = new Set<string>([start]);
  const pending = [start];
  let found = false;
  while (pending.length > 0 && !found) {
    const file = pending.pop()!;
    const fresh = memo.get(file);
    if (file !== start && fresh && now - fresh.at < TRUST_MS) {
      if (fresh.reaches) found = true;
      continue; // a known "no": everything it reaches was searched already
    }
    if (isGoal(file)) {
      found = true;
      break;
    }
    for (const next of importsOf(file)) {
      if (!visited.has(next)) {
        visited.add(next);
        pending.push(next);
      }
    }
  }
  if (found) memo.set(start, { reaches: true, at: now });
  else for (const file of visited) memo.set(file, { reaches: false, at: now });
  return found;
}

/** Per target file: which files reach it (the memo of `mayImport`). */
const importers = new Map<string, Map<string, ReachAnswer>>();

/** Whether `from` can reach a declaration of `target` through the module names it quotes, directly or through other files. */
export function mayImport(from: string, target: string): boolean {
  let memo = importers.get(target);
  if (!memo) importers.set(target, (memo = new Map()));
  return reaches(from, (file) => file === target, memo);
}
