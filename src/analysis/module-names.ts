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

import { escapeRegExp } from '../util/escape-regexp.js';

/**
 * Comments between: block comments (webpack's magic comments) and line comments. The block comment's
 * body is the unrolled form that cannot end before the first `*\/` nor run past it: with a lazy
 * `[\s\S]*?` a call whose argument is no string after a comment (`(/* @__PURE__ *\/ f()`, everywhere
 * in bundles) retried up to every later `*\/` of the file, and never finished on vite's chunks.
 */
const COMMENTS = String.raw`\s*(?:(?:\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/|\/\/[^\n]*\n)\s*)*`;
/** The first argument of any call, or after `from` / `import`. */
const ARGUMENT = String.raw`(?:\(|\bfrom|\bimport)${COMMENTS}`;
/** The argument of `require(` / `import(`, or after `from` / `import`. */
const MODULE_ARGUMENT = String.raw`(?:\brequire\s*\(|\bimport\s*\(?|\bfrom)${COMMENTS}`;
const QUOTE = `['"\`]`;
const NAME_CHARACTERS = String.raw`[^'"\`\s]*`;

/** Group 1: a relative path (`./x`, `../x/y`); group 2: a bare `.` or `..`. */
const RELATIVE_SOURCE = String.raw`(?:${ARGUMENT}${QUOTE}(\.\.?\/${NAME_CHARACTERS})|${MODULE_ARGUMENT}${QUOTE}(\.\.?))${QUOTE}`;
const RELATIVE_NAMES = new RegExp(RELATIVE_SOURCE, 'g');
const RELATIVE_NAME = new RegExp(RELATIVE_SOURCE);

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

/**
 * What a text needs for the pattern to match as formatters write it: most texts, bundles above all,
 * have none of these words and are not scanned by the pattern at all.
 */
const TYPE_ONLY_WORDS = ['import type', 'export type', '{ type ', ', type '];

/** The text with its type-only imports and re-exports blanked out (see above); the text itself when it has none. */
export function valueModuleText(text: string): string {
  // Several tests read the same text in a row (each rule's prefilter, the import graph).
  if (text !== lastText) {
    lastText = text;
    lastValueText = TYPE_ONLY_WORDS.some((word) => text.includes(word)) ? text.replace(TYPE_ONLY_MODULE, ' ') : text;
  }
  return lastValueText;
}
let lastText = '';
let lastValueText = '';

/** The relative module names the text quotes where a module name can stand, in order. */
export function relativeModuleNames(text: string): string[] {
  return [...valueModuleText(text).matchAll(RELATIVE_NAMES)].map((match) => (match[1] ?? match[2])!);
}

/** Whether the text quotes a relative module name where one can stand (it can import another project file). */
export function namesRelativeModule(text: string): boolean {
  return RELATIVE_NAME.test(valueModuleText(text));
}

/**
 * A test for the modules of `names` (a regular expression alternation, as `(?:node:)?(?:names)`) quoted
 * where a module name can stand: for a table of creators, whose rows the resolver can only trace through
 * a module it read from such a place. A name in a comment or in other strings (a JSDoc `https`, a
 * `protocol: 'http'`) does not count.
 */
export function quotedModuleTest(names: string): (text: string) => boolean {
  const anywhere = new RegExp(`${QUOTE}(?:node:)?(?:${names})`);
  const asModule = new RegExp(`${ARGUMENT}${QUOTE}(?:node:)?(?:${names})`);
  // The cheap test first: most files quote none of the names anywhere.
  return (text) => anywhere.test(text) && asModule.test(valueModuleText(text));
}

/** `name` and `name/sub` as the text quotes them where a module name can stand. */
export function packageModuleNames(text: string, name: string): string[] {
  if (!text.includes(name)) return [];
  const quoted = new RegExp(`${ARGUMENT}${QUOTE}(${escapeRegExp(name)}(?:/${NAME_CHARACTERS})?)${QUOTE}`, 'g');
  return [...valueModuleText(text).matchAll(quoted)].map((match) => match[1]!);
}
