// `fork-safe-audit [options] <entry> [args...]`: what an entry opens while it loads, with the line that
// opened it. Exit codes: 0 nothing to fail on, 1 resources (or a load failure) per --fail-on, 2 a usage
// error or an audit that could not run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { formatJson, formatSarif, formatTable } from './format.js';
import { DEFAULT_TIMEOUT_MS } from './protocol.js';
import { isFinding, type AuditReport } from './report.js';
import { runAudited } from './run.js';

export const helpText = `Usage: fork-safe-audit [options] <entry> [args...]

Loads <entry> (a file, or an installed package by its name; ESM or CommonJS) in a child process
and lists every resource still open once it has loaded (its top-level awaits included, then one
event-loop turn): timers, sockets, agents' pooled sockets, servers, worker threads, child processes,
file watchers and process listeners; where each was created; whether the fork-safe runtime manages
it; and what it breaks (a V8 snapshot build, cluster workers, a serverless thaw).

Options:
  --format table|json|sarif   output format (default table); --json is --format json
  --fail-on unmanaged|any|none
                              exit 1 when a resource the runtime does not manage and that breaks a
                              lifecycle change (default), any resource, or nothing is open after
                              loading; a load that fails counts unless 'none'
  --snapshot                  <entry> is a --build-snapshot script: load it as one (CommonJS), in a
                              normal process, and fail only on what would break the snapshot build
  --timeout <ms>              how long loading may take (default ${DEFAULT_TIMEOUT_MS})
  -h, --help                  this text
`;

type Format = 'table' | 'json' | 'sarif';
type FailOn = 'unmanaged' | 'any' | 'none';

interface Options {
  format: Format;
  failOn: FailOn;
  snapshot: boolean;
  timeoutMs: number;
  help: boolean;
  entry: string | undefined;
  args: string[];
}

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !allowed.includes(value as T)) {
    throw new UsageError(
      `${flag} must be one of ${allowed.join(', ')}${value === undefined ? '' : ` (got '${value}')`}`,
    );
  }
  return value as T;
}

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    format: 'table',
    failOn: 'unmanaged',
    snapshot: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    help: false,
    entry: undefined,
    args: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Everything from the entry on belongs to the program.
    if (!arg.startsWith('-') || arg === '-') {
      options.entry = arg;
      options.args = argv.slice(i + 1);
      break;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--':
        options.entry = argv[i + 1];
        options.args = argv.slice(i + 2);
        i = argv.length;
        break;
      case '--json':
        options.format = 'json';
        break;
      case '--format':
        options.format = oneOf('--format', value(), ['table', 'json', 'sarif'] as const);
        break;
      case '--fail-on':
        options.failOn = oneOf('--fail-on', value(), ['unmanaged', 'any', 'none'] as const);
        break;
      case '--snapshot':
        options.snapshot = true;
        break;
      case '--timeout': {
        const ms = Number(value());
        if (!Number.isInteger(ms) || ms <= 0)
          throw new UsageError('--timeout must be a positive number of milliseconds');
        options.timeoutMs = ms;
        break;
      }
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}

/** The exit code a report earns under --fail-on (and --snapshot, which counts only what breaks a snapshot). */
export function exitCodeFor(report: AuditReport, failOn: FailOn, snapshot: boolean): number {
  if (failOn === 'none') return 0;
  if (report.status !== 'loaded' && !(snapshot && stoppedAtSnapshotApi(report))) return 1;
  const counted = report.resources.filter((resource) => !snapshot || resource.breaks.snapshot !== undefined);
  const failing = failOn === 'any' ? counted : counted.filter(isFinding);
  return failing.length > 0 ? 1 : 0;
}

/**
 * A snapshot entry run outside a build stops where it calls v8.startupSnapshot's setters, which throw
 * ERR_NOT_BUILDING_SNAPSHOT there: the resources it opened before are what the audit is for.
 */
export function stoppedAtSnapshotApi(report: AuditReport): boolean {
  return report.status === 'threw' && report.error?.code === 'ERR_NOT_BUILDING_SNAPSHOT';
}

/** A file, or an installed package's entry (`fork-safe-audit some-sdk`), resolved from cwd. */
function resolveEntry(entry: string, cwd: string): string {
  const path = resolve(cwd, entry);
  if (existsSync(path)) return path;
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(entry);
  } catch {
    throw new UsageError(`no such file or package: ${entry}`);
  }
}

export interface Io {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let options: Options;
  let entry: string;
  try {
    options = parseArgs(argv);
    if (options.help) {
      io.stdout.write(helpText);
      return 0;
    }
    if (!options.entry) throw new UsageError('no entry given (fork-safe-audit --help)');
    entry = resolveEntry(options.entry, io.cwd);
  } catch (error) {
    io.stderr.write(`fork-safe-audit: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const outcome = await runAudited({
    preload: new URL('./audit.mjs', import.meta.url).href,
    entry,
    args: options.args,
    cwd: io.cwd,
    timeoutMs: options.timeoutMs,
    snapshot: options.snapshot,
    output: io.stderr,
  });
  const report = outcome.report;
  if (!report) {
    const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${String(outcome.code)}`;
    io.stderr.write(`fork-safe-audit: the audited process ended (${how}) without a report\n`);
    return 2;
  }
  if (options.format === 'json') io.stdout.write(formatJson(report));
  else if (options.format === 'sarif') {
    io.stdout.write(
      formatSarif(report, io.cwd, {
        name: 'fork-safe-audit',
        version: packageJson.version,
        informationUri: 'https://github.com/eslint-plugin-fork-safe/eslint-plugin-fork-safe/blob/main/docs/audit.md',
      }),
    );
  } else io.stdout.write(formatTable(report, io.cwd));
  return exitCodeFor(report, options.failOn, options.snapshot);
}
