// The flat config the CLI lints with when the project's own config is not used: the plugin's chosen
// config, and typescript-eslint's parser for TypeScript files.
import type { Linter } from 'eslint';
import type { CliOptions } from './args.js';

export const jsFiles = ['**/*.js', '**/*.mjs', '**/*.cjs'];
export const tsFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

interface PluginLike {
  configs: Record<'recommended' | 'strict' | 'recommended-type-checked', object>;
}

export function buildConfig(
  options: Pick<CliOptions, 'strict' | 'typeChecked'>,
  plugin: PluginLike,
  tsParser: Linter.Parser,
  cwd: string,
): Linter.Config[] {
  const parserConfig: Linter.Config = {
    name: 'fork-safe-lint/typescript',
    files: tsFiles,
    languageOptions: {
      parser: tsParser,
      ...(options.typeChecked ? { parserOptions: { projectService: true, tsconfigRootDir: cwd } } : {}),
    },
  };
  if (options.typeChecked) {
    // Typed rules need a TypeScript program, which only TypeScript files have: JavaScript files get
    // the untyped recommended config.
    return [
      { ...(plugin.configs.recommended as Linter.Config), files: jsFiles },
      parserConfig,
      { ...(plugin.configs['recommended-type-checked'] as Linter.Config), files: tsFiles },
    ];
  }
  const chosen = plugin.configs[options.strict ? 'strict' : 'recommended'] as Linter.Config;
  return [{ name: 'fork-safe-lint/files', files: [...jsFiles, ...tsFiles] }, parserConfig, chosen];
}
