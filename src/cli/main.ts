// `fork-safe-lint [paths...]`: ESLint's Node API with this plugin's config and nothing else to set up.
// Exit codes: 0 clean, 1 findings, 2 usage or configuration error (one line on stderr, no stack trace).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { firstLine, helpText, parseCliArgs, UsageError, type CliOptions } from './args.js';
import { buildConfig } from './config.js';
import { formatGithub, formatSarif } from './format.js';

type EslintModule = typeof import('eslint');
type TsEslintModule = typeof import('typescript-eslint');
type PluginModule = typeof import('../index.js');

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * ESLint, typescript-eslint and the plugin (which needs @typescript-eslint/utils) are all loaded here,
 * dynamically, so that a project without the optional peers gets one line instead of a stack trace. The
 * plugin is imported by its own package name (a self-reference, left external by the build) so that
 * nothing in this bundle imports a peer statically.
 */
async function loadPeers(): Promise<{ eslint: EslintModule; tseslint: TsEslintModule; plugin: PluginModule['default'] }> {
  try {
    const [eslint, tseslint, pluginModule] = await Promise.all([
      import('eslint'),
      import('typescript-eslint'),
      import('eslint-plugin-fork-safe') as Promise<PluginModule>,
    ]);
    return {
      eslint,
      tseslint: ((tseslint as { default?: TsEslintModule }).default ?? tseslint) as TsEslintModule,
      plugin: pluginModule.default,
    };
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1];
    throw new UsageError(
      `eslint and typescript-eslint are needed${missing ? ` (cannot load ${missing})` : ''}: run \`npm install --save-dev eslint typescript-eslint\``,
    );
  }
}

const globCharacters = /[*?[\]{}!]/;

function checkPaths(paths: string[], cwd: string): void {
  for (const path of paths) {
    if (!globCharacters.test(path) && !existsSync(resolve(cwd, path))) throw new UsageError(`No such file or directory: ${path}`);
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
    const message = error instanceof UsageError ? error.message : firstLine(error instanceof Error ? error.message : String(error));
    io.stderr.write(`fork-safe-lint: ${message}\n`);
    return 2;
  }
}

async function lint(options: CliOptions, io: Io): Promise<number> {
  const { eslint: eslintModule, tseslint, plugin } = await loadPeers();
  const { ESLint } = eslintModule;
  const eslint = options.useConfig
    ? new ESLint({ cwd: io.cwd, fix: options.fix })
    : new ESLint({
        cwd: io.cwd,
        fix: options.fix,
        overrideConfigFile: true,
        overrideConfig: buildConfig(options, plugin, tseslint.parser as never, io.cwd),
      });

  const progress = io.stderr.isTTY === true;
  if (progress) io.stderr.write(`fork-safe-lint: linting ${options.paths.join(' ')}...`);
  const results = await eslint.lintFiles(options.paths);
  if (progress) io.stderr.write(`\rfork-safe-lint: linted ${results.length} file${results.length === 1 ? '' : 's'}\n`);
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
    if (options.format === 'stylish') io.stderr.write(`fork-safe-lint: too many warnings (${warnings}), maximum allowed is ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function informationUri(): string {
  const url = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return url;
}
