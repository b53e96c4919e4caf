/**
 * Module names in a file's text, found without parsing it: for the text tests that decide whether a file
 * can name another file of its package at all (import-graph.ts, the rules' prefilters, the client
 * table's own-package test), so that a file that cannot is never parsed.
 *
 * The resolver (resolve.ts) reads a module name only from a string literal: the argument of `require(`,
 * `import(` or `module.require(` (or of a `require` under another name), or after `from` / `import`.
 * A quoted name elsewhere (`protocol: 'mqtt'`, `case './x':`) names no module, so it is not read here:
 * here a name counts when it is the first thing in a call's parentheses or follows `from` / `import`,
 * block comments between allowed (webpack's `import(/* webpackChunkName: "x" *\/ './x')`). A bare `.`
 * or `..` (a directory's index) counts only after `require(`, `import(`, `from` or `import`: minified
 * code passes them to every `split('.')` and `join('..')`, and read as module names they connected
 * self-contained bundles to their package's entry, and so to every file of it (mqtt's three dist
 * bundles, 1.4 MB, were parsed for one caller search). A `require` under another name given a bare `.`
 * (`load('..')`) is not seen: a report reached only that way can be missed, never made wrongly.
 *
 * A type-only import or re-export (`import type { Socket } from 'node:net'`, `export type * from './x'`,
 * `import { type A } from './types'`) is left out: TypeScript erases it, the resolver reads no module
 * from it, and the export lookup skips it (other-files.ts). In SDKs written in TypeScript such lines tie
 * nearly every file to a file that names a client module in a type, so reading them as imports made
 * every file look able to reach a client, and cross-file following parsed them all.
 */

/**
 * Comments between: block comments (webpack's magic comments) and line comments. The block comment's
 * body is the unrolled form that cannot end before the first `*\/` nor run past it: with a lazy
 * `[\s\S]*?` a call whose argument is no string after a comment (`(/* @__PURE__ *\/ f()`, everywhere
 * in bundles) retried up to every later `*\/` of the file, and never finished on vite's chunks.
 */
const COMMENTS = String.raw`\s*(?:(?:\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/|\/\/[^\n]*\n)\s*)*`;
const QUOTE = `['"\`]`;
const NAME_CHARACTERS = String.raw`[^'"\`\s]*`;
/**
 * Where a module name can stand, up to its opening quote: the first argument of any call, or after
 * `from` / `import`; group 1 when it is the argument of `require(` / `import(` or follows `from` /
 * `import` (where a bare `.` or `..` counts). Then, looked ahead at and not consumed (so a name quoted
 * inside the string, as in `` `${require('./x')}` ``, is still found): group 2, the characters up to
 * the first quote or white space; group 3, the quote that closes the string right there, if one does.
 */
const QUOTED_NAMES = new RegExp(
  String.raw`(?:(\brequire\s*\(|\bimport\s*\(?|\bfrom)|\()${COMMENTS}${QUOTE}(?=(${NAME_CHARACTERS})(${QUOTE})?)`,
  'g',
);
const RELATIVE_PATH = /^\.\.?\//;

/** One `type A` or `type A as B` specifier, as in `import { type A, type B as C }`. */
const TYPE_SPECIFIER = String.raw`type\s+[\w$]+(?:\s+as\s+[\w$]+)?`;
/**
 * A type-only import or re-export, up to its quoted module name: `import type ...`, `export type ...`,
 * and `import { type A, type B }` (every specifier a type). The braces hold no brace, so a match that
 * starts in a comment or string cannot run on into a real import's braces; a spelling this misses
 * (`import  type`, a line break after `type`) is kept, which only adds a name.
 */
const TYPE_ONLY_MODULE = new RegExp(
  String.raw`\b(?:(?:import|export) type\s+(?:\*(?:\s+as\s+[\w$]+)?|[\w$]+|\{[^{}]*\})|import\s*\{\s*(?:${TYPE_SPECIFIER}\s*,\s*)*${TYPE_SPECIFIER}\s*,?\s*\})\s*from\s*(['"])[^'"]*\1`,
  'g',
);

/** How much text (in characters) `byText` keeps the answers of: 8 to 16 MB of strings, whatever the project's size. */
const MAX_KEPT_CHARACTERS = 8_000_000;

/**
 * Answers per text, found again by its content (a Map compares strings by value), for the texts asked
 * last, up to MAX_KEPT_CHARACTERS in all. A file's text is asked at least twice in a run: when another
 * file's text reach test reads it from disk (owned-resources.ts), and when it is linted (ESLint's own
 * copy, equal in content), with the rest of its package read in between. On the benchmark's two sets,
 * keeping 8 M characters halved the text read (from 145 M characters to 77 M, for 74 M of distinct
 * text); keeping the last four texts only spared the rules of one linted file from repeating it.
 */
function byText<T>(compute: (text: string) => T): (text: string) => T {
  const kept = new Map<string, T>();
  let characters = 0;
  return (text) => {
    const known = kept.get(text);
    if (known !== undefined) {
      // Asked again: the newest now, the last to go. (Each lookup of another copy compares the texts.)
      kept.delete(text);
      kept.set(text, known);
      return known;
    }
    const answer = compute(text);
    kept.set(text, answer);
    characters += text.length;
    for (const oldest of kept.keys()) {
      if (characters <= MAX_KEPT_CHARACTERS) break;
      kept.delete(oldest);
      characters -= oldest.length;
    }
    return answer;
  };
}

/**
 * The text with its type-only imports and re-exports blanked out (see above); the text itself (the same
 * string) when it has none. The pattern runs on every text: a first look for the words a formatter
 * writes (`import type`, `{ type `) cost three times the pattern, which finds its own candidates fast.
 */
const valueModuleText = (text: string): string => text.replace(TYPE_ONLY_MODULE, ' ');

/** A string quoted where a module name can stand. */
interface QuotedName {
  /** Its characters up to the first quote or white space: the whole string when `closed`. */
  readonly name: string;
  readonly closed: boolean;
  /** After `require(`, `import` or `from`, not just any call: where a bare `.` or `..` is a module name. */
  readonly moduleArgument: boolean;
}

/**
 * The strings a text quotes where a module name can stand, in order, read in one pass that every test
 * below shares (a pattern per question, as before, cost one and a half times as much on the
 * benchmark's texts).
 */
const quotedNames = byText((text: string): readonly QuotedName[] =>
  Array.from(valueModuleText(text).matchAll(QUOTED_NAMES), (match) => ({
    name: match[2]!,
    closed: match[3] !== undefined,
    moduleArgument: match[1] !== undefined,
  })),
);

/** The relative module names the text quotes where a module name can stand, in order. */
export function relativeModuleNames(text: string): string[] {
  return quotedNames(text)
    .filter(
      ({ name, closed, moduleArgument }) =>
        closed && (RELATIVE_PATH.test(name) || (moduleArgument && (name === '.' || name === '..'))),
    )
    .map(({ name }) => name);
}

/** Whether the text quotes a relative module name where one can stand (it can import another project file). */
export function namesRelativeModule(text: string): boolean {
  return relativeModuleNames(text).length > 0;
}

/**
 * A test for the modules `exact` (the whole name) and `prefixes` (a name that starts so: a wildcard
 * row's literal part), with or without `node:`, quoted where a module name can stand: for a table of
 * creators, whose rows the resolver can only trace through a module it read from such a place. A name
 * in a comment or in other strings (a JSDoc `https`, a `protocol: 'http'`) does not count.
 */
export function quotedModuleTest(exact: ReadonlySet<string>, prefixes: readonly string[]): (text: string) => boolean {
  return (text) =>
    quotedNames(text).some(({ name, closed }) => {
      const module = name.startsWith('node:') ? name.slice('node:'.length) : name;
      return (closed && exact.has(module)) || prefixes.some((prefix) => module.startsWith(prefix));
    });
}

/** `name` and `name/sub` as the text quotes them where a module name can stand. */
export function packageModuleNames(text: string, name: string): string[] {
  if (!text.includes(name)) return [];
  return quotedNames(text)
    .filter((quoted) => quoted.closed && (quoted.name === name || quoted.name.startsWith(`${name}/`)))
    .map((quoted) => quoted.name);
}
