// From the CLI's choices to ESLint's constructor options: the project's own config with --use-config,
// otherwise the plugin's config and typescript-eslint's parser (config.ts) and no config file.
import type { ESLint } from 'eslint';
import { UsageError, type CliOptions } from './args.js';
import { buildConfig } from './config.js';
import { loadPlugin, loadTypescriptEslint, TYPESCRIPT_ESLINT_INSTALL } from './peers.js';

/** What a run needs to build its options: plain JSON, so that it can travel to worker threads. */
export type LintSettings = Pick<CliOptions, 'fix' | 'strict' | 'typeChecked' | 'useConfig' | 'concurrency'> & {
  /** ESLint's cwd: the directory that holds every path linted (see paths.ts). */
  cwd: string;
  /** Where the CLI was run, which the TypeScript project service resolves from. */
  tsconfigRootDir: string;
};

export async function eslintOptions(settings: LintSettings): Promise<ESLint.Options> {
  const { cwd, fix, concurrency } = settings;
  // ESLint before 9.34 rejects an unknown `concurrency` option, so it is only passed when asked for.
  const common: ESLint.Options = concurrency === 'off' ? { cwd, fix } : { cwd, fix, concurrency };
  if (settings.useConfig) return common;
  const [plugin, tseslint] = await Promise.all([loadPlugin(), loadTypescriptEslint()]);
  if (settings.typeChecked && !tseslint) {
    throw new UsageError(`--type-checked needs typescript-eslint: run \`${TYPESCRIPT_ESLINT_INSTALL}\``);
  }
  return {
    ...common,
    overrideConfigFile: true,
    overrideConfig: buildConfig(settings, plugin, tseslint?.parser as never, settings.tsconfigRootDir),
  };
}
