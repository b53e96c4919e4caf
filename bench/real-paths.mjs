// Linting the benchmark's files under their real paths, so that the plugin's cross-file following
// (src/analysis/project-files.ts: it reads other files of a linted file's package, and only for a file
// on disk) runs as it does in a CLI run. Shared by lint.bench.mjs and profile-rules.mjs.
//
// - `configArrayFor(array)`: a normalized config array that gives every absolute path a config. The
//   `ESLint` class and `Linter.verify` with a plain array both ignore `**/node_modules/` (ESLint's default
//   config) and match paths only under the cwd; the installed node_modules and the field corpus cache
//   (~/.cache) are neither. So the base path is `/` and ESLint's default ignores are left out of the base
//   config (the rest of the default config is kept).
// - `freshParser(file)`: a new parser object for the file's dialect (espree or typescript-eslint's),
//   with the same functions. The plugin keeps its parses of other files per parser object (project-files.ts,
//   `projectOf`), so a round that uses new parser objects starts with none, as a new CLI run does; the
//   text cache of those files (keyed by path, revalidated by size and mtime after a few seconds) stays.
// - `countingParser(file, counts)`: the same, counting each parse of a file other than the one being
//   linted (what the plugin's cross-file following parses), and each parse of the linted file (ESLint's
//   own, plus the plugin's when another file leads back to it), for the profile's report.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const eslintRequire = createRequire(require.resolve('eslint/package.json'));
// Not public exports of eslint (its exports map hides them): loaded by path from its install.
const { FlatConfigArray } = eslintRequire('./lib/config/flat-config-array.js');
const { defaultConfig } = eslintRequire('./lib/config/default-config.js');
// The espree ESLint itself uses (its default parser).
const espree = eslintRequire('espree');
// How RuleTester marks a wrapped espree, so ESLint still treats the wrapper as its default parser.
const ESPREE_MARK = Symbol.for('eslint.RuleTester.parser');

const isGlobalIgnore = (config) => Array.isArray(config.ignores) && Object.keys(config).length === 1;
const baseConfig = defaultConfig.filter((config) => !isGlobalIgnore(config));

export const isTs = (file) => /\.[cm]?tsx?$/.test(file);

/** The config block that parses `file` with one of `parsers` (`{ js, ts }`, one object per dialect as a CLI config has). */
export const languageBlock = (file, parsers) => ({
  files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx,jsx}'],
  languageOptions: {
    parser: isTs(file) ? parsers.ts : parsers.js,
    sourceType: /\.c[jt]s$/.test(file) ? 'commonjs' : 'module',
    parserOptions: { ecmaFeatures: { jsx: /x$/.test(file) } },
  },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
});

/** A config array normalized once (as the ESLint class does) that gives every absolute path a config. */
export function configArrayFor(array) {
  const configArray = new FlatConfigArray(array, { basePath: '/', baseConfig });
  configArray.normalizeSync();
  return configArray;
}

/** A new parser object for `file`'s dialect: the plugin's caches of other files' parses start empty for it. */
export function freshParser(file) {
  return isTs(file) ? { ...tseslint.parser } : { ...espree, [ESPREE_MARK]: espree };
}

/**
 * A parser for `file`'s dialect that counts, in `counts`, each parse of a file other than the one being
 * linted (`counts.linting`, set by the caller): `counts.parses` and the distinct `counts.files`; the
 * parses of the linted file itself in `counts.ownParses`.
 */
export function countingParser(file, counts) {
  const note = (options) => {
    const path = options?.filePath;
    if (path && path !== counts.linting) {
      counts.parses++;
      counts.files.add(path);
      if (process.env.PROFILE_PARSE_CALLERS) {
        Error.stackTraceLimit = 80;
        const frames = (new Error().stack ?? '')
          .split('\n')
          .filter((l) => l.includes('dist/esm'))
          .map((l) => l.trim().split(' ')[1]);
        const key = frames.slice(-6).join(' < ');
        counts.stacks ??= new Map();
        counts.stacks.set(key, (counts.stacks.get(key) ?? 0) + 1);
      }
    } else if (path) counts.ownParses++;
  };
  if (isTs(file)) {
    const parser = tseslint.parser;
    return {
      ...parser,
      parseForESLint: (text, options) => (note(options), parser.parseForESLint(text, options)),
    };
  }
  return { ...espree, [ESPREE_MARK]: espree, parse: (text, options) => (note(options), espree.parse(text, options)) };
}

/**
 * The config array for each file: `languageBlock` with `parsers`, then `rest` (the configs to run), built
 * once per extension, as a CLI run normalizes its config once.
 */
export function configsPerExtension(parsers, rest) {
  const configs = new Map();
  return (file) => {
    const key = file.slice(file.lastIndexOf('.'));
    if (!configs.has(key)) configs.set(key, configArrayFor([languageBlock(file, parsers), ...rest]));
    return configs.get(key);
  };
}
