// The built `fork-safe-lint` bin (dist/cli.js; `npm test` builds first) with the options cli.test.ts
// does not cover: --strict, --type-checked, --use-config, --max-warnings, and the progress line it writes
// to a TTY stderr (checked on a real pseudo-terminal, with util-linux `script`).
//
// The fixtures are in test/fixtures/cli. The --strict and --type-checked runs lint them in place (they
// are only read). The --use-config runs lint a temporary copy whose node_modules/eslint-plugin-fork-safe
// links to this repository, as an install would, so the fixture's config imports the plugin by its
// package name from outside the repository.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, projectRoot, runNode, type RunResult } from '../helpers/node.js';

const cli = join(projectRoot, 'dist', 'cli.js');
const fixtures = join(projectRoot, 'test', 'fixtures', 'cli');

const client = 'fork-safe/no-module-scope-client';
const cachedHandle = 'fork-safe/no-cached-handle';
const processListener = 'fork-safe/no-repeated-process-listener';

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
});

const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});

function tempDir(): string {
  const temp = makeTempDir('fork-safe-cli-options-');
  temps.push(temp);
  return temp.dir;
}

/** A temporary copy of a fixture, with the plugin installed as node_modules/eslint-plugin-fork-safe. */
function installedCopy(fixture: string): string {
  const dir = join(tempDir(), fixture);
  cpSync(join(fixtures, fixture), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(projectRoot, join(dir, 'node_modules', 'eslint-plugin-fork-safe'), 'dir');
  return dir;
}

function lint(args: string[], cwd: string): Promise<RunResult> {
  return runNode([cli, ...args], { cwd, timeoutMs: 60_000 });
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: {
    ruleId: string | null;
    severity: number;
    line: number;
    column: number;
    messageId?: string;
    message: string;
  }[];
}

/** The files of a `--format json` report, relative to root, sorted. */
function lintedFiles(stdout: string, root: string): string[] {
  return (JSON.parse(stdout) as JsonResult[])
    .map((result) => relative(root, result.filePath).split(sep).join('/'))
    .sort();
}

/** Every message of a `--format json` report as `file:line:column ruleId messageId severity`, sorted. */
function findings(stdout: string, root: string): string[] {
  return (JSON.parse(stdout) as JsonResult[])
    .flatMap((result) =>
      result.messages.map(
        (m) =>
          `${relative(root, result.filePath).split(sep).join('/')}:${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.severity === 2 ? 'error' : 'warning'}`,
      ),
    )
    .sort();
}

function expectFindingsRun(result: RunResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
}

describe('fork-safe-lint --strict', () => {
  // strict differs from recommended in one option: no-module-scope-client's lazyInit.
  const dir = join(fixtures, 'strict');

  it('adds the lazyInit finding (a `??=` getter into a module variable nothing resets) that recommended does not report', async () => {
    const [recommended, strict] = await Promise.all([
      lint(['--format', 'json', '.'], dir),
      lint(['--strict', '--format', 'json', '.'], dir),
    ]);
    expectFindingsRun(recommended);
    expectFindingsRun(strict);
    expect(lintedFiles(recommended.stdout, dir)).toEqual(['agent.js', 'lazy-pool.js']);
    expect(lintedFiles(strict.stdout, dir)).toEqual(['agent.js', 'lazy-pool.js']);

    expect(findings(recommended.stdout, dir)).toEqual([`agent.js:4:22 ${client} client error`]);
    expect(findings(strict.stdout, dir)).toEqual([
      `agent.js:4:22 ${client} client error`,
      `lazy-pool.js:7:3 ${client} lazyInit error`,
    ]);
    const lazy = (JSON.parse(strict.stdout) as JsonResult[]).find((r) => r.filePath.endsWith('lazy-pool.js'))!
      .messages[0]!;
    expect(lazy.message).toMatch(/^new Pool\(\) is created lazily into the module variable \w+, which nothing resets/);
  });
});

describe('fork-safe-lint --type-checked', () => {
  const dir = join(fixtures, 'typed');
  const files = ['src/client.ts', 'src/exporter-factory.ts', 'src/legacy.js', 'src/telemetry.ts'];

  it('reports what only typeAware detection finds in TypeScript files, and still lints JavaScript files with the untyped rules', async () => {
    const [untyped, typed] = await Promise.all([
      lint(['--format', 'json', '.'], dir),
      lint(['--type-checked', '--format', 'json', '.'], dir),
    ]);
    expectFindingsRun(untyped);
    expectFindingsRun(typed);
    expect(lintedFiles(untyped.stdout, dir)).toEqual(files);
    expect(lintedFiles(typed.stdout, dir)).toEqual(files);

    // Without types: only the table's http.Agent in the JavaScript file.
    expect(findings(untyped.stdout, dir)).toEqual([`src/legacy.js:4:22 ${client} client error`]);
    // With types: a project-local factory whose return type holds a net.Socket, and a copied member typed
    // http.Agent; the JavaScript file (no type information there) keeps its untyped finding.
    expect(findings(typed.stdout, dir)).toEqual([
      `src/client.ts:14:5 ${cachedHandle} cached error`,
      `src/legacy.js:4:22 ${client} client error`,
      `src/telemetry.ts:4:25 ${client} client error`,
    ]);
    const telemetry = (JSON.parse(typed.stdout) as JsonResult[]).find((r) => r.filePath.endsWith('telemetry.ts'))!
      .messages[0]!;
    expect(telemetry.message).toMatch(/^createExporter\(\) created at module load holds sockets/);
  });
});

describe('fork-safe-lint --use-config', () => {
  it("lints with the project's eslint.config.js: a rule it turns off is not reported, a directory it ignores is not linted", async () => {
    const dir = installedCopy('use-config');
    const [zeroConfig, ownConfig] = await Promise.all([
      lint(['--format', 'json', '.'], dir),
      lint(['--use-config', '--format', 'json', '.'], dir),
    ]);

    // The CLI's own config finds all three, in all files (node_modules is ignored either way).
    expectFindingsRun(zeroConfig);
    expect(lintedFiles(zeroConfig.stdout, dir)).toEqual([
      'eslint.config.js',
      'generated/client.js',
      'src/agent.js',
      'src/server.js',
    ]);
    expect(findings(zeroConfig.stdout, dir)).toEqual([
      `generated/client.js:4:22 ${client} client error`,
      `src/agent.js:4:22 ${client} client error`,
      `src/server.js:9:3 ${processListener} signalListener error`,
    ]);

    expectFindingsRun(ownConfig);
    expect(lintedFiles(ownConfig.stdout, dir)).toEqual(['eslint.config.js', 'src/agent.js', 'src/server.js']);
    expect(findings(ownConfig.stdout, dir)).toEqual([`src/agent.js:4:22 ${client} client error`]);
  });

  it('exits 2 with one line and no stack trace in a directory without any eslint config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.js'), "import http from 'node:http';\nexport const agent = new http.Agent();\n");
    const results = await Promise.all([
      lint(['--use-config'], dir),
      lint(['--use-config', '--format', 'json', 'index.js'], dir),
    ]);
    for (const result of results) {
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('fork-safe-lint: Could not find config file.\n');
    }
  });
});

describe('fork-safe-lint --use-config with a broken config', () => {
  it('exits 2 with one line that names the config file when it does not parse', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'eslint.config.js'), 'export default [\n');
    writeFileSync(join(dir, 'index.js'), 'export const answer = 42;\n');
    const result = await lint(['--use-config', '.'], dir);
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('fork-safe-lint: eslint.config.js: Unexpected end of input\n');
  });
});

describe('fork-safe-lint --max-warnings', () => {
  const summary = '✖ 2 problems (0 errors, 2 warnings)';
  const tooMany = (max: number): string => `fork-safe-lint: too many warnings (2), maximum allowed is ${max}\n`;

  it('exits 1 with one line on stderr when the warnings exceed the limit, 0 when they equal it or there is no limit', async () => {
    const dir = installedCopy('warnings');
    const [noLimit, equal, above, zero, json] = await Promise.all([
      lint(['--use-config', '.'], dir),
      lint(['--use-config', '--max-warnings', '2', '.'], dir),
      lint(['--use-config', '--max-warnings', '1', '.'], dir),
      lint(['--use-config', '--max-warnings', '0', '.'], dir),
      lint(['--use-config', '--max-warnings', '1', '--format', 'json', '.'], dir),
    ]);
    for (const result of [noLimit, equal, above, zero, json]) expect(result.timedOut).toBe(false);

    // The config's severity is what the report shows: two warnings, no errors.
    expect(findings(json.stdout, dir)).toEqual([
      `src/agents.js:5:26 ${client} client warning`,
      `src/agents.js:6:27 ${client} client warning`,
    ]);
    expect(json.code).toBe(1);
    // The reason goes to stderr in a machine format too, never into its stdout.
    expect(json.stderr).toBe(tooMany(1));

    for (const result of [noLimit, equal]) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(summary);
    }
    expect(above.code).toBe(1);
    expect(above.stderr).toBe(tooMany(1));
    expect(above.stdout).toContain(summary);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe(tooMany(0));
  });
});

describe('fork-safe-lint progress', () => {
  interface TtyRun {
    code: number | null;
    /** What the process wrote to the pseudo-terminal (the pty turns \n into \r\n). */
    tty: string;
    /** What it wrote to the redirected stream. */
    redirected: string;
  }

  const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

  /**
   * Runs the bin under `script`, so it gets a pseudo-terminal, with one stream redirected to a file and the
   * other left on the terminal: `redirect: 'stdout'` puts stdout in the file (stderr is the TTY), 'stderr'
   * the other way round. script's own output is the terminal transcript.
   */
  function runOnTty(args: string[], cwd: string, redirect: 'stdout' | 'stderr'): Promise<TtyRun> {
    const file = join(tempDir(), 'redirected.txt');
    const command = `exec ${[process.execPath, cli, ...args].map(quote).join(' ')} ${redirect === 'stdout' ? '>' : '2>'} ${quote(file)}`;
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tty = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (tty += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (timedOut) reject(new Error(`script ${command} timed out; terminal so far: ${JSON.stringify(tty)}`));
        else if (stderr !== '') reject(new Error(`script wrote to stderr: ${stderr}`));
        else resolve({ code, tty, redirected: readFileSync(file, 'utf8') });
      });
    });
  }

  const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  function progressTranscript(paths: string, done: string): RegExp {
    return new RegExp(
      `^fork-safe-lint: linting ${escapeRegExp(paths)}\\.\\.\\.\\r(?:\\x1b\\[[02]?K)?fork-safe-lint: ${done} *\\r\\n$`,
    );
  }

  /** The lines a terminal shows for a transcript: \r returns to column 0, ESC[K / ESC[2K erase, colours dropped. */
  function screen(transcript: string): string[] {
    const lines: string[][] = [[]];
    let column = 0;
    for (let i = 0; i < transcript.length; i++) {
      const line = lines[lines.length - 1]!;
      const char = transcript[i]!;
      if (char === '\r') column = 0;
      else if (char === '\n') {
        lines.push([]);
        column = 0;
      } else if (char === '\x1b') {
        const sequence = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(transcript.slice(i));
        if (!sequence) continue;
        i += sequence[0].length - 1;
        if (sequence[2] === 'K') line.splice(sequence[1] === '2' ? 0 : column);
      } else {
        while (line.length < column) line.push(' ');
        line[column++] = char;
      }
    }
    return lines.map((line) => line.join('').trimEnd()).filter((line) => line !== '');
  }

  beforeAll(() => {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.error || !/util-linux/.test(probe.stdout))
      throw new Error('these tests need util-linux `script` (apt-get install bsdutils)');
  });

  it('on a TTY stderr, writes "linting <paths>..." then "linted N files" there, and stdout stays pure JSON', async () => {
    const [many, one] = await Promise.all([
      runOnTty(['--format', 'json', 'strict'], fixtures, 'stdout'),
      runOnTty(['--format', 'json', 'strict/agent.js'], fixtures, 'stdout'),
    ]);
    // Exactly the two progress texts, the second over the first (a \r, then optionally an erase-line
    // sequence), and nothing else on the terminal.
    expect(many.code).toBe(1);
    expect(many.tty).toMatch(progressTranscript('strict', 'linted 2 files'));
    expect(lintedFiles(many.redirected, join(fixtures, 'strict'))).toEqual(['agent.js', 'lazy-pool.js']);
    expect(many.redirected).not.toContain('fork-safe-lint');

    expect(one.code).toBe(1);
    expect(one.tty).toMatch(progressTranscript('strict/agent.js', 'linted 1 file'));
    expect(findings(one.redirected, fixtures)).toEqual([`strict/agent.js:4:22 ${client} client error`]);
  });

  // "linted N files" overwrites "linting <paths>...": with a bare \r, the longer first text's tail would
  // stay on the screen ("fork-safe-lint: linted 1 filet/agent.js...").
  it('leaves only "linted N files" on the terminal once linting is done, whatever the length of the paths', async () => {
    const run = await runOnTty(['--format', 'json', 'strict/agent.js'], fixtures, 'stdout');
    expect(run.code).toBe(1);
    expect(screen(run.tty)).toEqual(['fork-safe-lint: linted 1 file']);
  });

  it('replaces the progress line with the one-line error when linting fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'eslint.config.js'), 'export default [\n');
    writeFileSync(join(dir, 'index.js'), 'export const answer = 42;\n');
    const run = await runOnTty(['--use-config', '.'], dir, 'stdout');
    expect(run.code).toBe(2);
    expect(run.redirected).toBe('');
    expect(screen(run.tty)).toEqual(['fork-safe-lint: eslint.config.js: Unexpected end of input']);
  });

  it('writes no progress when stdout is the TTY and stderr is not, nor anywhere when neither is', async () => {
    const [stdoutTty, piped] = await Promise.all([
      runOnTty(['strict'], fixtures, 'stderr'),
      lint(['--format', 'json', 'strict'], fixtures),
    ]);
    // The stylish report on the terminal (in colour: stdout is a TTY), without a progress line; stderr
    // (the file) empty.
    expect(stdoutTty.code).toBe(1);
    expect(stdoutTty.redirected).toBe('');
    const report = stdoutTty.tty.replace(/\x1b\[[0-9;]*m/g, '');
    expect(report).toContain(join(fixtures, 'strict', 'agent.js'));
    expect(report).toMatch(
      /^ {2}4:22 {2}error {2}new http\.Agent\(\) created at module load .* fork-safe\/no-module-scope-client\r$/m,
    );
    expect(report).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(report).not.toMatch(/fork-safe-lint: lint/);

    expectFindingsRun(piped);
    expect(lintedFiles(piped.stdout, join(fixtures, 'strict'))).toEqual(['agent.js', 'lazy-pool.js']);
  });
});
