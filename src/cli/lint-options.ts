// From the CLI's choices to ESLint's constructor options: the project's own config with --use-config,
// otherwise the plugin's config and typescript-eslint's parser (config.ts) and no config file.
import type { ESLint } from 'eslint';
import type { CliOptions } from './args.js';
import { buildConfig } from './config.js';
import { loadPeers } from './peers.js';

/** What a run needs to build its options: plain JSON, so that it can travel to worker threads. */
export type LintSettings = Pick<CliOptions, 'fix' | 'strict' | 'typeChecked' | 'useConfig' | 'concurrency'> & {
  cwd: string;
};

export async function eslintOptions(settings: LintSettings): Promise<ESLint.Options> {
  const { cwd, fix, concurrency } = settings;
  // ESLint before 9.34 rejects an unknown `concurrency` option, so it is only passed when asked for.
  const common: ESLint.Options = concurrency === 'off' ? { cwd, fix } : { cwd, fix, concurrency };
  if (settings.useConfig) return common;
  const { tseslint, plugin } = await loadPeers();
  return {
    ...common,
    overrideConfigFile: true,
    overrideConfig: buildConfig(settings, plugin, tseslint.parser as never, cwd),
  };
}
