// The flat config the CLI lints with when the project's own config is not used: the plugin's chosen
// config, and typescript-eslint's parser for TypeScript files.
import type { ESLint, Linter } from 'eslint';
import type { CliOptions } from './args.js';

export const jsFiles = ['**/*.js', '**/*.mjs', '**/*.cjs'];
export const tsFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** What the stand-in parser below throws; ESLint reports it as the file's fatal "Parsing error: ...". */
export const NO_TYPESCRIPT_PARSER = 'fork-safe-lint: no TypeScript parser (typescript-eslint is not installed)';

/**
 * The parser TypeScript files get when typescript-eslint is not installed. Which files a run lints is
 * ESLint's decision (its ignores, globs and explicit paths), so rather than guess it beforehand, each
 * TypeScript file ESLint lints fails to parse with NO_TYPESCRIPT_PARSER, and the CLI turns that into
 * one line (see typescriptFileIn). A JavaScript project never reaches it.
 */
const missingTypescriptParser: Linter.Parser = {
  meta: { name: 'fork-safe-lint/missing-typescript-parser' },
  parse() {
    throw new Error(NO_TYPESCRIPT_PARSER);
  },
};

/** The first file of a run that needed the TypeScript parser and did not have it. */
export function typescriptFileIn(results: ESLint.LintResult[]): string | undefined {
  return results.find((result) =>
    result.messages.some((message) => message.fatal === true && message.message.includes(NO_TYPESCRIPT_PARSER)),
  )?.filePath;
}

interface PluginLike {
  configs: Record<'recommended' | 'strict' | 'recommended-type-checked', object>;
}

export function buildConfig(
  options: Pick<CliOptions, 'strict' | 'typeChecked'>,
  plugin: PluginLike,
  /** typescript-eslint's parser, or undefined when it is not installed (not allowed with typeChecked). */
  tsParser: Linter.Parser | undefined,
  tsconfigRootDir: string,
): Linter.Config[] {
  const parserConfig: Linter.Config = {
    name: 'fork-safe-lint/typescript',
    files: tsFiles,
    languageOptions: {
      parser: tsParser ?? missingTypescriptParser,
      ...(options.typeChecked ? { parserOptions: { projectService: true, tsconfigRootDir } } : {}),
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
