import { existsSync, readFileSync } from 'node:fs';
import { readVersion } from './file-versions.js';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * A package that imports itself: its examples, bins and tests reach its own entry through a relative
 * path (`require('..')`, `require('../..')`, `./index`), and its own subpath exports the same way
 * (`require('../callback_api')`). Resolved through the nearest package.json (name, main, exports), a
 * relative specifier that lands on the entry becomes the package name, and one that lands on a subpath
 * export becomes `name/subpath`, so table rows keyed by package name apply to the package's own code.
 */

interface OwnPackage {
  readonly name: string;
  readonly root: string;
  /** Absolute file (as resolved on disk) -> the specifier a user of the package writes for it. */
  readonly entries: ReadonlyMap<string, string>;
}

/**
 * package.json files read so far, per directory (undefined: none there, or unreadable). Kept for the
 * process: a lint run reads each directory's package.json once, however many files it lints.
 */
const packageJsonByDir = new Map<string, Record<string, unknown> | undefined>();
const packageByDir = new Map<string, OwnPackage | undefined>();
/** Per importing directory and specifier: the answer of ownPackageSpecifier. */
const specifierMemo = new Map<string, string | undefined>();

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  if (packageJsonByDir.has(dir)) return packageJsonByDir.get(dir);
  let parsed: Record<string, unknown> | undefined;
  const path = join(dir, 'package.json');
  try {
    // Most directories have none: a stat says so at a tenth of the cost of the read's thrown ENOENT.
    const value: unknown = readVersion(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
    parsed =
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    parsed = undefined; // absent, unreadable or not JSON: no package here
  }
  packageJsonByDir.set(dir, parsed);
  return parsed;
}

const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.json'];

function isFile(path: string): boolean {
  return readVersion(path) !== undefined;
}

/** Node's file-then-directory lookup for a relative require, far enough for a package's own files. */
export function resolveFile(target: string): string | undefined {
  for (const extension of EXTENSIONS) if (isFile(target + extension)) return target + extension;
  const json = readPackageJsonIfDir(target);
  const main = json && typeof json.main === 'string' ? json.main : undefined;
  if (main) {
    const fromMain = resolveFileNoDir(join(target, main));
    if (fromMain) return fromMain;
  }
  return resolveFileNoDir(join(target, 'index'));
}

function resolveFileNoDir(target: string): string | undefined {
  for (const extension of EXTENSIONS) if (isFile(target + extension)) return target + extension;
  return undefined;
}

function readPackageJsonIfDir(dir: string): Record<string, unknown> | undefined {
  return existsSync(join(dir, 'package.json')) ? readPackageJson(dir) : undefined;
}

/** The target of one `exports` value: a string, or the first string among require/node/default conditions. */
function exportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const key of ['require', 'node', 'default', 'import']) {
    const target = exportTarget(conditions[key]);
    if (target) return target;
  }
  return undefined;
}

function entriesOf(root: string, json: Record<string, unknown>, name: string): Map<string, string> {
  const entries = new Map<string, string>();
  const add = (target: string | undefined, specifier: string): void => {
    if (!target || target.includes('*')) return;
    const file = resolveFile(join(root, target));
    if (file && !entries.has(file)) entries.set(file, specifier);
  };
  const exports = json.exports;
  if (exports !== undefined && exports !== null) {
    const isSubpathMap =
      typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'));
    if (isSubpathMap) {
      for (const [key, value] of Object.entries(exports as Record<string, unknown>)) {
        if (key === '.') add(exportTarget(value), name);
        else if (key.startsWith('./')) add(exportTarget(value), `${name}/${key.slice(2)}`);
      }
    } else {
      add(exportTarget(exports), name);
    }
  }
  add(typeof json.main === 'string' ? json.main : 'index', name);
  // A module an entry re-exports whole (`export * from './mqtt'`, TypeScript's CommonJS output
  // `__exportStar(require("./mqtt"), exports)`) exports what the entry does under the same names, so the
  // package's own code that imports it (`require('../mqtt')`) reaches the entry's names. One level: a
  // module re-exported by a re-exported module is rare, and each level reads another file.
  for (const [entry, specifier] of [...entries]) {
    for (const target of starReExports(entry)) {
      const file = resolveFile(join(dirname(entry), target));
      if (file && !entries.has(file)) entries.set(file, specifier);
    }
  }
  return entries;
}

/** `export * from './x'` (not `export * as ns`) and `__exportStar(require("./x"), exports)`: the specifiers. */
const STAR_RE_EXPORT = /^\s*(?:export\s*\*\s*from\s*|__exportStar\(\s*require\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/gm;
/** What a text needs for STAR_RE_EXPORT, looked for first: that pattern tries every line of a big entry. */
const STAR_WORDS = /export\s*\*|__exportStar/;

/** The relative specifiers a file re-exports whole, read from its text (an entry is read once per run). */
function starReExports(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // unreadable: no re-exports known
  }
  return STAR_WORDS.test(text) ? [...text.matchAll(STAR_RE_EXPORT)].map((match) => match[2]!) : [];
}

/** The package a directory belongs to: the nearest package.json upwards that has a name. */
function ownPackageOf(dir: string): OwnPackage | undefined {
  if (packageByDir.has(dir)) return packageByDir.get(dir);
  const json = readPackageJson(dir);
  let found: OwnPackage | undefined;
  if (json && typeof json.name === 'string' && json.name.length > 0) {
    const name = json.name;
    let entries: Map<string, string> | undefined;
    // Read on first use: most questions want only the name (enclosingPackageNames), and the entries
    // resolve files and read the entry's text for its re-exports.
    found = {
      name,
      root: dir,
      get entries() {
        return (entries ??= entriesOf(dir, json, name));
      },
    };
  } else {
    const parent = dirname(dir);
    found = parent === dir ? undefined : ownPackageOf(parent);
  }
  packageByDir.set(dir, found);
  return found;
}

/**
 * The reverse of ownPackageSpecifier: the file of the package `filename` belongs to that a module name
 * (the package's own name, or `name/subpath`) stands for; undefined for any other module.
 */
export function ownPackageFile(filename: string, module: string): string | undefined {
  try {
    const own = ownPackageOf(dirname(filename));
    if (!own || (module !== own.name && !module.startsWith(`${own.name}/`))) return undefined;
    for (const [file, specifier] of own.entries) if (specifier === module) return file;
  } catch {
    // the file system said no: no file
  }
  return undefined;
}

/** The name of the package a file belongs to (the nearest package.json upwards that has a name). */
export function ownPackageName(filename: string): string | undefined {
  try {
    return ownPackageOf(dirname(filename))?.name;
  } catch {
    return undefined;
  }
}

/**
 * The names of every package a file is inside, nearest first: the packages its relative specifiers can
 * stand for (ownPackageSpecifier), since a nested package (an example with a package.json of its own)
 * still imports the one around it by a relative path.
 */
export function enclosingPackageNames(filename: string): readonly string[] {
  const names: string[] = [];
  try {
    for (let own = ownPackageOf(dirname(filename)); own;) {
      names.push(own.name);
      const parent = dirname(own.root);
      own = parent === own.root ? undefined : ownPackageOf(parent);
    }
  } catch {
    // the file system said no: the packages found so far
  }
  return names;
}

/** The root of the package a file belongs to (the nearest package.json upwards that has a name). */
export function ownPackageRoot(filename: string): string | undefined {
  try {
    return ownPackageOf(dirname(filename))?.root;
  } catch {
    return undefined;
  }
}

/**
 * The specifier a relative import in `filename` stands for when it reaches the file's own package
 * entry or one of its subpath exports (`'..'` -> 'amqplib', `'../callback_api'` ->
 * 'amqplib/callback_api'); undefined for any other specifier, or when the file is not on disk.
 */
export function ownPackageSpecifier(filename: string | undefined, specifier: string): string | undefined {
  if (!filename) return undefined;
  const key = `${dirname(filename)}\0${specifier}`;
  if (specifierMemo.has(key)) return specifierMemo.get(key);
  const found = computeOwnPackageSpecifier(filename, specifier);
  specifierMemo.set(key, found);
  return found;
}

function computeOwnPackageSpecifier(filename: string, specifier: string): string | undefined {
  if (
    !isAbsolute(filename) ||
    !(specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../'))
  ) {
    return undefined;
  }
  try {
    const file = resolveFile(resolve(dirname(filename), specifier));
    if (!file || extname(file) === '.json') return undefined;
    // The package the target belongs to, and only when the importing file is inside it too.
    const own = ownPackageOf(dirname(file));
    if (!own || relative(own.root, filename).split(sep)[0] === '..') return undefined;
    return own.entries.get(file);
  } catch {
    return undefined; // the file system said no: resolve nothing rather than fail the lint
  }
}
