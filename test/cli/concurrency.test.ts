// Parallel linting: ESLint's --concurrency lints in worker threads, each with its own copy of the
// plugin. Every rule must keep its state per file, so the findings and the fixes must be exactly those
// of a single-threaded run: through fork-safe-lint --concurrency, and through the real eslint CLI
// (ESLint 10, and ESLint 9 from test/compat) with a user's config.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, projectRoot, runNode, type RunResult } from '../helpers/node.js';

const cli = join(projectRoot, 'dist', 'cli.js');
const exampleApp = join(projectRoot, 'examples', 'telemetry-app');
const userConfig = join(projectRoot, 'test', 'fixtures', 'concurrency', 'eslint.config.js');
const eslintBins = {
  '10': join(projectRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  '9': join(projectRoot, 'test', 'compat', 'node_modules', 'eslint', 'bin', 'eslint.js'),
};
const ruleIds = [
  'fork-safe/no-cached-handle',
  'fork-safe/no-module-scope-client',
  'fork-safe/no-module-scope-worker',
  'fork-safe/no-repeated-process-listener',
];

interface JsonResult {
  filePath: string;
  messages: {
    ruleId: string | null;
    line: number;
    column: number;
    message: string;
    fix?: unknown;
    suggestions?: unknown[];
  }[];
}

/** Each finding as one comparable line: file, position, rule, whether it has a fix, how many suggestions. */
function findings(result: RunResult): string[] {
  expect(result.timedOut).toBe(false);
  const results = JSON.parse(result.stdout) as JsonResult[];
  return results
    .flatMap((r) =>
      r.messages.map(
        (m) =>
          `${r.filePath.slice(r.filePath.lastIndexOf('/') + 1)}:${m.line}:${m.column} ${m.ruleId} fix=${m.fix ? 'yes' : 'no'} suggestions=${m.suggestions?.length ?? 0}`,
      ),
    )
    .sort();
}

function lintWithCli(args: string[], cwd = projectRoot): Promise<RunResult> {
  return runNode([cli, '--format', 'json', ...args], { cwd, timeoutMs: 90_000 });
}

function lintWithEslint(major: keyof typeof eslintBins, args: string[]): Promise<RunResult> {
  return runNode([eslintBins[major], '--config', userConfig, '--format', 'json', ...args], { timeoutMs: 90_000 });
}

let single: string[];
beforeAll(async () => {
  const result = await lintWithCli([exampleApp]);
  expect(result.code).toBe(1);
  single = findings(result);
});

describe('linting in worker threads finds exactly what a single thread finds', () => {
  it('the single-threaded baseline has findings of every rule, fixes and suggestions', () => {
    for (const id of ruleIds) expect(single.some((line) => line.includes(` ${id} `))).toBe(true);
    expect(single.some((line) => line.includes('fix=yes'))).toBe(true);
    expect(single.some((line) => !line.endsWith('suggestions=0'))).toBe(true);
  });

  it('fork-safe-lint --concurrency 2', async () => {
    const result = await lintWithCli(['--concurrency', '2', exampleApp]);
    expect(result.code).toBe(1);
    expect(findings(result)).toEqual(single);
  });

  it.each(['10', '9'] as const)(
    'eslint %s --concurrency 2 with a user config, against the same config in one thread',
    async (major) => {
      const [threaded, unthreaded] = await Promise.all([
        lintWithEslint(major, ['--concurrency', '2', exampleApp]),
        lintWithEslint(major, ['--concurrency', 'off', exampleApp]),
      ]);
      expect(threaded.code).toBe(1);
      expect(findings(unthreaded)).toEqual(single);
      expect(findings(threaded)).toEqual(single);
    },
  );
});

describe('fixing in worker threads', () => {
  let temp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    temp = makeTempDir('fork-safe-concurrency-');
    for (const name of ['single', 'threaded']) cpSync(exampleApp, join(temp.dir, name), { recursive: true });
  });
  afterAll(() => temp.cleanup());

  it('fork-safe-lint --fix --concurrency 2 writes the same files as a single-threaded --fix', async () => {
    await lintWithCli(['--fix', 'single'], temp.dir);
    await lintWithCli(['--fix', '--concurrency', '2', 'threaded'], temp.dir);
    const files = readdirSync(exampleApp).sort();
    const changed = files.filter(
      (file) => readFileSync(join(temp.dir, 'single', file), 'utf8') !== readFileSync(join(exampleApp, file), 'utf8'),
    );
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(readFileSync(join(temp.dir, 'threaded', file), 'utf8'), file).toBe(
        readFileSync(join(temp.dir, 'single', file), 'utf8'),
      );
    }
  });
});

describe('--concurrency usage errors', () => {
  it('rejects a thread count that is not a positive integer, auto or off, in one line', async () => {
    const result = await runNode([cli, '--concurrency', '0', exampleApp], { timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("fork-safe-lint: --concurrency needs a positive integer, auto or off, got '0'");
  });
});
