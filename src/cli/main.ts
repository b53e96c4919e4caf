// `fork-safe-lint [paths...]`: ESLint's Node API with this plugin's config and nothing else to set up.
// Exit codes: 0 clean, 1 findings, 2 usage or configuration error (one line on stderr, no stack trace).
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { firstLine, helpText, parseCliArgs, UsageError, type CliOptions } from './args.js';
import { formatGithub, formatSarif } from './format.js';
import { typescriptFileIn } from './config.js';
import { eslintOptions, type LintSettings } from './lint-options.js';
import { displayPath, lintTargets } from './paths.js';
import { loadEslint, TYPESCRIPT_ESLINT_INSTALL } from './peers.js';

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const globCharacters = /[*?[\]{}!]/;

function checkPaths(paths: string[], cwd: string): void {
  for (const path of paths) {
    if (!globCharacters.test(path) && !existsSync(resolve(cwd, path)))
      throw new UsageError(`No such file or directory: ${path}`);
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    if (options.help) {
      io.stdout.write(helpText);
      return 0;
    }
    checkPaths(options.paths, io.cwd);
    return await lint(options, io);
  } catch (error) {
    const message =
      error instanceof UsageError ? error.message : firstLine(error instanceof Error ? error.message : String(error));
    io.stderr.write(`fork-safe-lint: ${message}\n`);
    return 2;
  }
}

async function lint(options: CliOptions, io: Io): Promise<number> {
  const { ESLint } = await loadEslint();
  // With --use-config, ESLint runs where it was run, as its own CLI would; otherwise wherever the paths are.
  const targets = options.useConfig
    ? { cwd: io.cwd, patterns: options.paths, typed: new Map<string, string>() }
    : lintTargets(options.paths, io.cwd);
  const settings: LintSettings = {
    cwd: targets.cwd,
    tsconfigRootDir: io.cwd,
    fix: options.fix,
    strict: options.strict,
    typeChecked: options.typeChecked,
    useConfig: options.useConfig,
    concurrency: options.concurrency,
  };
  let eslint: InstanceType<typeof ESLint>;
  if (options.concurrency === 'off') {
    eslint = new ESLint(await eslintOptions(settings));
  } else {
    // Worker threads rebuild the options from a module (see eslint-options.ts), next to this bundle.
    if (typeof ESLint.fromOptionsModule !== 'function')
      throw new UsageError(`--concurrency needs ESLint 9.34 or later (found ${ESLint.version})`);
    const optionsModule = new URL('./cli-options.js', import.meta.url);
    optionsModule.searchParams.set('settings', JSON.stringify(settings));
    eslint = await ESLint.fromOptionsModule(optionsModule);
  }

  const progress = io.stderr.isTTY === true;
  if (progress) io.stderr.write(`fork-safe-lint: linting ${options.paths.join(' ')}...`);
  const results = await eslint.lintFiles(targets.patterns).catch(async (error: unknown) => {
    // The error's one line replaces the progress line rather than continuing it.
    if (progress) io.stderr.write('\r\x1b[K');
    throw options.useConfig ? await namingTheConfig(error, eslint, io.cwd) : namingThePaths(error, targets.typed);
  });
  const typescriptFile = typescriptFileIn(results);
  if (typescriptFile !== undefined) {
    if (progress) io.stderr.write('\r\x1b[K');
    throw new UsageError(
      `${displayPath(typescriptFile, io.cwd)} is TypeScript, which needs typescript-eslint: run \`${TYPESCRIPT_ESLINT_INSTALL}\``,
    );
  }
  // \r and erase-to-end-of-line: the "linting <paths>..." line is overwritten whatever its length.
  if (progress)
    io.stderr.write(`\r\x1b[Kfork-safe-lint: linted ${results.length} file${results.length === 1 ? '' : 's'}\n`);
  if (options.fix) await ESLint.outputFixes(results);

  let output: string;
  switch (options.format) {
    case 'sarif':
      output = formatSarif(
        results,
        eslint.getRulesMetaForResults(results) as never,
        { name: 'fork-safe-lint', version: packageJson.version, informationUri: informationUri() },
        io.cwd,
      );
      break;
    case 'github':
      output = formatGithub(results, io.cwd);
      break;
    default: {
      const formatter = await eslint.loadFormatter(options.format);
      output = await formatter.format(results);
    }
  }
  if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    // On stderr, in every format (as ESLint's own CLI does): the reason for exit code 1 never mixes with a machine format on stdout.
    io.stderr.write(`fork-safe-lint: too many warnings (${warnings}), maximum allowed is ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** ESLint names a pattern it found nothing for as it was passed: name it as the user typed it. */
function namingThePaths(error: unknown, typed: Map<string, string>): unknown {
  if (!(error instanceof Error)) return error;
  for (const [pattern, original] of typed) {
    if (pattern !== original && error.message.includes(`'${pattern}'`)) {
      return new UsageError(firstLine(error.message.replace(`'${pattern}'`, `'${original}'`)));
    }
  }
  return error;
}

/**
 * A syntax error in the user's own config reaches us as Node's bare "Unexpected token ..." with no file
 * in it: name the config file, so that the one line we print says where to look.
 */
async function namingTheConfig(
  error: unknown,
  eslint: { findConfigFile(): Promise<string | undefined> },
  cwd: string,
): Promise<unknown> {
  if (!(error instanceof SyntaxError)) return error;
  const configFile = await eslint.findConfigFile().catch(() => undefined);
  return configFile ? new UsageError(`${relative(cwd, configFile) || configFile}: ${firstLine(error.message)}`) : error;
}

function informationUri(): string {
  const url = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return url;
}
