// Linting one unpacked package with one of the plugin's configs through the ESLint Node API, the way a
// user would: `new ESLint({ overrideConfigFile: true, overrideConfig, cwd })` with the BUILT plugin.
//
// The typed config (`recommended-type-checked`) needs a TypeScript program, and these are JavaScript
// packages: each gets a generated tsconfig in its cache directory (never in the repository) that lists
// exactly the files linted, with allowJs (so JavaScript gets inferred types) and checkJs off (no type
// errors wanted, only types), and Node's own types from this repository's @types/node. The packages'
// dependencies are not installed in the cache (it holds the tarballs only), so types of third-party
// imports are unknown there: the typed run measures what the package's own code and Node give.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { sourceTypeConfigs } from './files.mjs';
import { reportsFromResults } from './results.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const GENERATED_TSCONFIG = 'tsconfig.fork-safe-eval.json';
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];

function writeTsconfig(packageDir, files) {
  const tsconfig = {
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      target: 'esnext',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      skipLibCheck: true,
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
      types: ['node'],
      maxNodeModuleJsDepth: 0,
    },
    files,
  };
  const path = join(packageDir, GENERATED_TSCONFIG);
  writeFileSync(path, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return path;
}

/** The flat config for one package and one plugin config. */
export function configFor({ packageDir, files, configName, plugin, tseslint, forceModule = [] }) {
  const typed = configName === 'recommended-type-checked';
  const parser = typed
    ? [
        {
          name: 'corpus/typed-parser',
          files: ['**/*.js', '**/*.cjs', '**/*.mjs', ...TS_FILES],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { project: writeTsconfig(packageDir, files), tsconfigRootDir: packageDir },
          },
        },
      ]
    : [{ name: 'corpus/ts-parser', files: TS_FILES, languageOptions: { parser: tseslint.parser } }];
  return [
    {
      name: 'corpus/files',
      files: ['**/*.js', '**/*.cjs', '**/*.mjs', ...TS_FILES],
      // Packages carry their own eslint-disable comments (and ones naming rules that are not loaded here):
      // they must neither hide a report nor add an error.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: { ecmaVersion: 'latest' },
    },
    ...sourceTypeConfigs(packageDir, files),
    ...(forceModule.length
      ? [{ name: 'corpus/esm-by-syntax', files: forceModule, languageOptions: { sourceType: 'module' } }]
      : []),
    ...parser,
    plugin.configs[configName],
  ];
}

export function createLinter(options, fix = false) {
  return new ESLint({
    cwd: options.packageDir,
    overrideConfigFile: true,
    overrideConfig: configFor(options),
    ignore: false,
    fix,
  });
}

function crashOf(error, file) {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const rule = /Rule: "([^"]+)"/.exec(text)?.[1] ?? null;
  return { file, rule, message: (error?.message ?? String(error)).split('\n')[0], stack: text };
}

/**
 * Lints every file. A rule that throws makes ESLint abandon the whole call, so after a throw each file
 * is linted on its own to find every file that crashes and still report the others.
 * @returns { reports, crashes, unparsable } with paths relative to the package
 */
async function lintAll(eslint, packageDir, files) {
  const absolute = (file) => join(packageDir, file);
  const results = [];
  const crashes = [];
  try {
    results.push(...(await eslint.lintFiles(files.map(absolute))));
  } catch {
    for (const file of files) {
      try {
        results.push(...(await eslint.lintFiles([absolute(file)])));
      } catch (error) {
        crashes.push(crashOf(error, file));
      }
    }
  }
  return { results, crashes };
}

// Some packages ship ES modules where their package.json says CommonJS (for bundlers, through a
// "module" field: @segment/analytics-node's dist/esm). Such a file is linted again as a module.
const ESM_IN_COMMONJS = /'import' and 'export' may appear only with 'sourceType: module'/;

/**
 * Lints every file. A rule that throws makes ESLint abandon the whole call, so after a throw each file
 * is linted on its own to find every file that crashes and still report the others.
 * @returns { reports, crashes, unparsable, reparsedAsModule } with paths relative to the package
 */
export async function lintPackage(options) {
  const { packageDir, files } = options;
  const first = await lintAll(createLinter(options), packageDir, files);
  let { reports, unparsable } = reportsFromResults(first.results, packageDir);
  const crashes = [...first.crashes];
  const reparsedAsModule = unparsable.filter((entry) => ESM_IN_COMMONJS.test(entry.message)).map((entry) => entry.file);
  if (reparsedAsModule.length) {
    const again = await lintAll(
      createLinter({ ...options, forceModule: reparsedAsModule }),
      packageDir,
      reparsedAsModule,
    );
    const second = reportsFromResults(again.results, packageDir);
    reports = [...reports, ...second.reports];
    unparsable = [...unparsable.filter((entry) => !reparsedAsModule.includes(entry.file)), ...second.unparsable];
    crashes.push(...again.crashes);
  }
  return { reports, crashes, unparsable, reparsedAsModule };
}

// A fix can parse and be stable and still break the module at load: a runtime helper imported below
// its first use (`const { perProcess } = require(...)` after `const net = perProcess(...)`) throws a
// ReferenceError when the module loads. ESLint's own no-use-before-define, run on the file before and
// after the fix, finds the names a fix uses before they are defined.
const USE_BEFORE_DEFINE = { 'no-use-before-define': ['error', { functions: false, classes: false, variables: true }] };

async function usedBeforeDefined(eslint, text, filePath) {
  const config = await eslint.calculateConfigForFile(filePath);
  const linter = new Linter({ configType: 'flat' });
  const { parser, sourceType } = config.languageOptions;
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*'],
        languageOptions: { ecmaVersion: 'latest', sourceType, ...(parser ? { parser } : {}) },
        rules: USE_BEFORE_DEFINE,
      },
    ],
    // A name the config's `**/*` matches: the real path is outside the Linter's working directory.
    `virtual${extname(filePath)}`,
  );
  return new Set(messages.filter((message) => !message.fatal).map((message) => message.message));
}

/**
 * Fix validity on the given files: ESLint's --fix output must parse, linting it again with --fix must
 * change nothing, and the fix must not use a name before it is defined (see above). Returns one entry
 * per file that had a fix: { file, ok, problem? }.
 */
export async function checkFixes(options, targets) {
  const eslint = createLinter(options, true);
  const checked = [];
  for (const file of targets) {
    const filePath = join(options.packageDir, file);
    try {
      const [first] = await eslint.lintFiles([filePath]);
      if (first.output === undefined) continue;
      const [second] = await eslint.lintText(first.output, { filePath });
      const fatal = second.messages.find((message) => message.fatal);
      if (fatal) {
        checked.push({ file, ok: false, problem: `fixed output does not parse: ${fatal.message}` });
        continue;
      }
      if (second.output !== undefined && second.output !== first.output) {
        checked.push({ file, ok: false, problem: 'a second --fix pass changes the file again' });
        continue;
      }
      const before = await usedBeforeDefined(eslint, readFileSync(filePath, 'utf8'), filePath);
      const added = [...(await usedBeforeDefined(eslint, first.output, filePath))].filter((text) => !before.has(text));
      if (added.length)
        checked.push({ file, ok: false, problem: `the fixed file breaks at load: ${added.join('; ')}` });
      else checked.push({ file, ok: true });
    } catch (error) {
      checked.push({ file, ok: false, problem: `a rule threw while fixing: ${crashOf(error, file).message}` });
    }
  }
  return checked;
}
