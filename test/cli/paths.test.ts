// The built `fork-safe-lint` bin run from another directory than the one it lints: an absolute path, a
// `../` path, and a single file by absolute path. Each run must find exactly what a run from the
// directory holding the app finds, in every format, and name the files as ESLint's own CLI does
// (absolute paths in stylish and json; file URLs in sarif and absolute paths in github, since the files
// are outside the directory the CLI ran in). ESLint alone ignores every file outside its cwd, which is
// what these runs hit before ("All files matched by ... are ignored", exit 2). With --use-config the CLI
// keeps ESLint's own behaviour, compared here against ESLint's CLI.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintTargets } from '../../src/cli/paths.js';
import { makeTempDir, projectRoot, runNode, type RunResult } from '../helpers/node.js';

const cli = join(projectRoot, 'dist', 'cli.js');
const eslintCli = join(projectRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
const temp = makeTempDir('fork-safe-cli-paths-');
/** The example app, and an unrelated directory next to it that the CLI is run from. */
const app = join(temp.dir, 'telemetry-app');
const elsewhere = join(temp.dir, 'elsewhere');

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  cpSync(join(projectRoot, 'examples', 'telemetry-app'), app, { recursive: true });
  mkdirSync(elsewhere);
});
afterAll(() => temp.cleanup());

const run = (args: string[], cwd: string): Promise<RunResult> => runNode([cli, ...args], { cwd, timeoutMs: 60_000 });

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number }[];
}

/** Each finding as `absolute file:line:column rule`, sorted. */
function findings(results: JsonResult[]): string[] {
  return results
    .flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

/** The reference: the app linted from the directory that holds it, the case that always worked. */
let reference: string[];
beforeAll(async () => {
  const result = await run(['--format', 'json', 'telemetry-app'], temp.dir);
  expect(result.code).toBe(1);
  reference = findings(JSON.parse(result.stdout) as JsonResult[]);
  // Not vacuous: all four rules report, in several files.
  expect(new Set(reference.map((line) => line.split(' ')[1])).size).toBe(4);
  expect(new Set(reference.map((line) => line.split(':')[0])).size).toBeGreaterThanOrEqual(4);
});

const targets: [string, () => { path: string; expected: () => string[] }][] = [
  ['an absolute path', () => ({ path: app, expected: () => reference })],
  ['a ../ path', () => ({ path: '../telemetry-app', expected: () => reference })],
  [
    'one file by absolute path',
    () => ({
      path: join(app, 'flusher.js'),
      expected: () => reference.filter((line) => line.startsWith(`${join(app, 'flusher.js')}:`)),
    }),
  ],
];

describe.each(targets)('fork-safe-lint run from another directory on %s', (_title, target) => {
  const { path, expected } = target();

  it('json: exit 1 and exactly the findings of a run from the directory holding the app', async () => {
    const result = await run(['--format', 'json', path], elsewhere);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as JsonResult[];
    expect(findings(results)).toEqual(expected());
    expect(expected().length).toBeGreaterThan(0);
  });

  it('stylish: exit 1, each file by its absolute path, as ESLint prints it', async () => {
    const result = await run([path], elsewhere);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const files = [...new Set(expected().map((line) => line.split(':')[0]!))];
    const headers = result.stdout.split('\n').filter((line) => line.startsWith('/') || /^[A-Z]:\\/.test(line));
    expect(headers.sort()).toEqual(files.sort());
    expect(result.stdout).toContain(`✖ ${expected().length} problem`);
  });

  it('sarif: exit 1, each finding located by the file URL of the linted file', async () => {
    const result = await run(['--format', 'sarif', path], elsewhere);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    const located = log.runs[0]!.results.map((finding) => {
      const { artifactLocation, region } = finding.locations[0]!.physicalLocation;
      return `${artifactLocation.uri}:${region.startLine} ${finding.ruleId}`;
    });
    expect(located.sort()).toEqual(
      expected()
        .map((line) => {
          const [where, rule] = line.split(' ');
          const [file, lineNumber] = where!.split(':');
          return `${pathToFileURL(file!).href}:${lineNumber} ${rule}`;
        })
        .sort(),
    );
  });

  it('github: exit 1, one annotation per finding, naming the file by its absolute path', async () => {
    const result = await run(['--format', 'github', path], elsewhere);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const annotations = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => {
        const match = /^::error file=([^,]+),line=(\d+),col=(\d+),.*title=([^:]+)::/.exec(line);
        return match ? `${match[1]}:${match[2]}:${match[3]} ${match[4]}` : `unparsed: ${line}`;
      });
    expect(annotations.sort()).toEqual(expected());
  });
});

describe('fork-safe-lint paths', () => {
  it('names a path it finds nothing under as it was typed', async () => {
    const result = await run(['../telemetry-app/*.nothing'], elsewhere);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("fork-safe-lint: No files matching '../telemetry-app/*.nothing' were found.\n");
  });

  it("--use-config keeps ESLint's own behaviour: the same results as ESLint's CLI run from the same directory", async () => {
    // A project with its own config that uses the plugin (installed as a link to this repository), and
    // an unrelated directory to run from. ESLint 10 finds the config from the linted file's directory.
    const project = join(temp.dir, 'project');
    cpSync(app, join(project, 'app'), { recursive: true });
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(projectRoot, join(project, 'node_modules', 'eslint-plugin-fork-safe'), 'dir');
    writeFileSync(
      join(project, 'eslint.config.js'),
      "import forkSafe from 'eslint-plugin-fork-safe';\nexport default [{ files: ['**/*.js'] }, forkSafe.configs.recommended];\n",
    );
    const args = ['--format', 'json', '../project/app'];
    const ours = await run(['--use-config', ...args], elsewhere);
    const eslints = await runNode([eslintCli, ...args], { cwd: elsewhere, timeoutMs: 60_000 });
    expect(eslints.code).toBe(1);
    expect(ours.code).toBe(eslints.code);
    expect(ours.stderr).toBe('');
    const theirs = findings(JSON.parse(eslints.stdout) as JsonResult[]);
    expect(findings(JSON.parse(ours.stdout) as JsonResult[])).toEqual(theirs);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((line) => !line.startsWith(join(project, 'app', '/')))).toEqual([]);
  });
});

describe('lintTargets: where ESLint runs and what it is given', () => {
  it('leaves paths inside the current directory as typed, and ESLint where the CLI runs', () => {
    expect(lintTargets(['.', 'src', 'lib/*.js'], '/work/app')).toEqual({
      cwd: '/work/app',
      patterns: ['.', 'src', 'lib/*.js'],
      typed: new Map([
        ['.', '.'],
        ['src', 'src'],
        ['lib/*.js', 'lib/*.js'],
      ]),
    });
  });

  it('runs ESLint in the nearest directory holding the current one and every path, paths relative to it', () => {
    expect(lintTargets(['../other', 'src'], '/work/app')).toMatchObject({
      cwd: '/work',
      patterns: ['other', 'app/src'],
    });
    expect(lintTargets(['/tmp/app'], '/work/app')).toMatchObject({ cwd: '/', patterns: ['tmp/app'] });
    // A glob counts from its directory part: '../**/*.js' is everything under /work.
    expect(lintTargets(['../**/*.js'], '/work/app')).toMatchObject({ cwd: '/work', patterns: ['**/*.js'] });
    expect(lintTargets(['../other/*.js'], '/work/app').typed.get('other/*.js')).toBe('../other/*.js');
  });
});
