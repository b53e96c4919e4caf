// Command-line arguments of `fork-safe-lint`, parsed with node:util's parseArgs (strict: an unknown option
// or a missing value is a usage error, reported in one line).
import { parseArgs } from 'node:util';

export const formats = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof formats)[number];

export interface CliOptions {
  paths: string[];
  fix: boolean;
  strict: boolean;
  typeChecked: boolean;
  useConfig: boolean;
  format: FormatName;
  /** -1: no limit, as in ESLint's own CLI. */
  maxWarnings: number;
  /** ESLint's multithread linting (9.34 and later): a thread count, 'auto', or 'off' (the default). */
  concurrency: number | 'auto' | 'off';
  help: boolean;
}

/** A mistake in how the CLI was called or configured: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export const helpText = `Usage: fork-safe-lint [options] [paths...]

Lints paths (default: the current directory; any path, inside it or not) with
eslint-plugin-fork-safe's recommended config, typescript-eslint's parser for .ts/.tsx/.mts/.cts files
(JavaScript needs only eslint installed), and no other config.

Options:
  --fix                 apply the rules' fixes to the files
  --strict              use the strict config
  --type-checked        use the recommended-type-checked config (TypeScript project service;
                        needs typescript-eslint)
  --use-config          use the project's own eslint.config.* instead
  --format <name>       stylish (default), json, sarif or github
  --max-warnings <n>    exit 1 when there are more than n warnings
  --concurrency <n>     lint in n worker threads, or auto, or off (default; needs ESLint 9.34+)
  -h, --help            print this help

Exit codes: 0 no findings, 1 findings, 2 usage or configuration error.
`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        fix: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        'type-checked': { type: 'boolean', default: false },
        'use-config': { type: 'boolean', default: false },
        format: { type: 'string', short: 'f', default: 'stylish' },
        'max-warnings': { type: 'string' },
        concurrency: { type: 'string', default: 'off' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs' messages are one sentence, sometimes followed by a hint on further lines.
    const message = firstLine(error instanceof Error ? error.message : String(error)).replace(
      /\. To specify a positional argument.*$/,
      '',
    );
    throw new UsageError(`${message} (see --help)`);
  }
  const { values, positionals } = parsed;
  const format = values.format as string;
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`Unknown format '${format}': use one of ${formats.join(', ')}`);
  }
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'];
    if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings needs a non-negative integer, got '${text}'`);
    maxWarnings = Number(text);
  }
  const concurrencyText = values.concurrency as string;
  if (!/^(?:[1-9]\d*|auto|off)$/.test(concurrencyText)) {
    throw new UsageError(`--concurrency needs a positive integer, auto or off, got '${concurrencyText}'`);
  }
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : (concurrencyText as 'auto' | 'off');
  if (values.strict && values['type-checked']) throw new UsageError('--strict and --type-checked cannot be combined');
  if (values['use-config'] && (values.strict || values['type-checked'])) {
    throw new UsageError('--use-config takes the rules from your config: drop --strict and --type-checked');
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    fix: values.fix === true,
    strict: values.strict === true,
    typeChecked: values['type-checked'] === true,
    useConfig: values['use-config'] === true,
    format: format as FormatName,
    maxWarnings,
    concurrency,
    help: values.help === true,
  };
}

export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
