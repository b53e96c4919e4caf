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
 */

import { escapeRegExp } from '../util/escape-regexp.js';

/**
 * Block comments between (webpack's magic comments). The body is the unrolled form that cannot end
 * before the first `*\/` nor run past it: with a lazy `[\s\S]*?` a call whose argument is no string
 * after a comment (`(/* @__PURE__ *\/ f()`, everywhere in bundles) retried up to every later `*\/` of
 * the file, and never finished on vite's chunks.
 */
const COMMENTS = String.raw`\s*(?:\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/\s*)*`;
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

/** The relative module names the text quotes where a module name can stand, in order. */
export function relativeModuleNames(text: string): string[] {
  return [...text.matchAll(RELATIVE_NAMES)].map((match) => (match[1] ?? match[2])!);
}

/** Whether the text quotes a relative module name where one can stand (it can import another project file). */
export function namesRelativeModule(text: string): boolean {
  return RELATIVE_NAME.test(text);
}

/** `name` and `name/sub` as the text quotes them where a module name can stand. */
export function packageModuleNames(text: string, name: string): string[] {
  if (!text.includes(name)) return [];
  const quoted = new RegExp(`${ARGUMENT}${QUOTE}(${escapeRegExp(name)}(?:/${NAME_CHARACTERS})?)${QUOTE}`, 'g');
  return [...text.matchAll(quoted)].map((match) => match[1]!);
}
