// The README's commands and configs, read out of README.md so that this test breaks when the README
// drifts from what works:
// - "Try it": `npm ci && npm run demo` and `npm test`. `npm run demo` runs exactly as written, in a copy
//   of the repository (its build must not replace this checkout's dist/ under the other tests) that
//   shares this checkout's node_modules, which is what `npm ci` would have installed. `npm test` is
//   this very run, so it is only checked to be the package's test script.
// - The `--fix` example (`cp -r examples/telemetry-app /tmp/app && node dist/cli.js --fix /tmp/app`), run
//   exactly as written from the copy's root: the app is outside the current directory.
// - "Use the plugin": the install lines, and the JavaScript and TypeScript configs, each loaded from a
//   directory where only what its install line names resolves, and linted with.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { makeTempDir, projectRoot, runNode, type RunResult } from './helpers/node.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const ruleIds = [
  'fork-safe/no-cached-handle',
  'fork-safe/no-module-scope-client',
  'fork-safe/no-module-scope-worker',
  'fork-safe/no-repeated-process-listener',
];

/** The text of a `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The fenced code blocks of a section with the given language, in order. */
function codeBlocks(text: string, language: string): string[] {
  return [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2]!);
}

const temp = makeTempDir('fork-safe-readme-');
afterAll(() => temp.cleanup());

/** Runs a shell command line as a user types it. */
function shell(command: string, cwd: string, timeoutMs: number): Promise<RunResult> {
  // runNode runs `node args`: node -e with execSync would hide the exit code, so spawn sh through it.
  const script = `const r = require('node:child_process').spawnSync('sh', ['-c', ${JSON.stringify(command)}], { stdio: 'inherit' }); process.exit(r.status ?? 1);`;
  return runNode(['-e', script], { cwd, timeoutMs, env: { npm_config_update_notifier: 'false' } });
}

/** A copy of the repository without its build and installs, sharing this checkout's node_modules. */
function repositoryCopy(): string {
  const copy = join(temp.dir, 'repository');
  const skipped = new Set(['node_modules', '.git', 'dist', 'dist.next', 'coverage', '.tmp']);
  cpSync(projectRoot, copy, {
    recursive: true,
    filter: (source) => {
      const path = relative(projectRoot, source);
      return !path.split(sep).some((part) => skipped.has(part)) && !path.startsWith(join('test', 'compat'));
    },
  });
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/**
 * The `--fix` example writes to a fixed path and is run exactly as written: a directory a user left
 * there is moved aside and put back, and two test runs on one machine take turns (mkdir is atomic; a
 * lock older than ten minutes was left by a run that died).
 */
async function withFixedPath<T>(path: string, run: () => Promise<T>): Promise<T> {
  const lock = `${path}.fork-safe-readme-test.lock`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} is held by another run`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const aside = `${path}.fork-safe-readme-test.aside`;
  const existed = existsSync(path);
  if (existed) renameSync(path, aside);
  try {
    return await run();
  } finally {
    rmSync(path, { recursive: true, force: true });
    if (existed) renameSync(aside, path);
    rmSync(lock, { recursive: true, force: true });
  }
}

describe('README: Try it', () => {
  const tryIt = section('Try it');
  const commands = codeBlocks(tryIt, 'sh')[0]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
  const fixExample = /`(cp -r (\S+) (\S+) && node dist\/cli\.js --fix \3)`/.exec(tryIt);

  it('has the two setup commands, and `npm test` is the package test script', () => {
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(packageJson.scripts.test).toBeDefined();
    expect(packageJson.scripts.demo).toBeDefined();
    expect(fixExample).not.toBeNull();
  });

  // One test: the --fix example needs the build that the demo command makes in the copy.
  it('`npm run demo` and then the --fix example run as written: findings, a restored snapshot, a fixed copy', async () => {
    const copy = repositoryCopy();
    const [install, demo] = commands[0]!.split(' && ');
    expect(install).toBe('npm ci');
    const demoRun = await shell(demo!, copy, 300_000);
    expect(demoRun.timedOut).toBe(false);
    expect(demoRun.code).toBe(0);
    // The CLI's report on the example app (its exit 1 is the `|| true` in the script), then the snapshot demo.
    for (const id of ruleIds) expect(demoRun.stdout).toContain(id);
    expect(demoRun.stdout).toContain(join(copy, 'examples/telemetry-app/flusher.js'));
    expect(demoRun.stdout).toContain('restored process 1 exit code: 0');
    expect(demoRun.stdout).toContain('restored process 2 exit code: 0');
    expect(demoRun.stdout).toContain('collector connections: 3 (one per process)');
    expect(demoRun.stdout).toMatch(/without the runtime[\s\S]*the build never finishes/);

    const [command, source, destination] = [fixExample![1]!, fixExample![2]!, fixExample![3]!];
    const fixRun = await withFixedPath(destination, async () => {
      const run = await shell(command, copy, 120_000);
      const fixed = (file: string) => readFileSync(join(destination, file), 'utf8');
      return { run, flusher: fixed('flusher.js'), store: fixed('store.js'), lifecycle: fixed('lifecycle.js') };
    });
    // What is left after the fixes: the worker in flusher.js, which only gets a suggestion (exit 1).
    expect(fixRun.run.timedOut).toBe(false);
    expect(fixRun.run.code).toBe(1);
    expect(fixRun.run.stdout).toContain(`${join(destination, 'flusher.js')}\n`);
    expect(fixRun.run.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
    expect(fixRun.run.stdout).toContain('fork-safe/no-module-scope-worker');
    for (const file of [fixRun.store, fixRun.lifecycle]) expect(file).toContain("'eslint-plugin-fork-safe/runtime'");
    // The example's source is untouched: it fixed the copy.
    expect(readFileSync(join(copy, source, 'store.js'), 'utf8')).not.toContain('eslint-plugin-fork-safe/runtime');
  });
});

interface Outcome {
  messages: { ruleId: string | null; line: number; fatal?: boolean; message: string }[];
}

/**
 * Loads a README config from a directory whose node_modules holds only the packages its install line
 * names (linked to this checkout: the plugin to the repository itself), and lints with it.
 */
async function loadReadmeConfig(name: string, config: string, packages: string[]): Promise<Linter.Config[]> {
  const dir = join(temp.dir, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const pkg of packages) {
    const target = pkg === packageJson.name ? projectRoot : join(projectRoot, 'node_modules', pkg);
    symlinkSync(target, join(dir, 'node_modules', pkg), 'dir');
  }
  writeFileSync(join(dir, 'eslint.config.mjs'), config);
  return ((await import(pathToFileURL(join(dir, 'eslint.config.mjs')).href)) as { default: Linter.Config[] }).default;
}

describe('README: Use the plugin', () => {
  const usePlugin = section('Use the plugin');
  const installs = codeBlocks(usePlugin, 'sh');
  const configs = codeBlocks(usePlugin, 'js');
  const packagesOf = (line: string) => line.replace(/^npm install --save-dev /, '').split(' ');
  const importsOf = (code: string) => [...code.matchAll(/^import \w+ from '([^']+)';$/gm)].map((match) => match[1]!);

  it('gives the install line for JavaScript and for TypeScript, and each config imports only what its line installs', () => {
    expect(installs.map((block) => block.trim())).toEqual([
      'npm install --save-dev eslint eslint-plugin-fork-safe',
      'npm install --save-dev eslint eslint-plugin-fork-safe typescript-eslint typescript',
    ]);
    expect(configs).toHaveLength(2);
    expect(importsOf(configs[0]!)).toEqual(['eslint-plugin-fork-safe']);
    expect(importsOf(configs[1]!)).toEqual(['eslint-plugin-fork-safe', 'typescript-eslint']);
    for (const [i, config] of configs.entries()) {
      for (const imported of importsOf(config)) expect(packagesOf(installs[i]!.trim())).toContain(imported);
    }
  });

  it('the JavaScript config, with only the plugin beside ESLint, reports a module-scope interval', async () => {
    const config = await loadReadmeConfig('js-config', configs[0]!, [packageJson.name]);
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config });
    const [result] = (await eslint.lintText('export const timer = setInterval(() => {}, 1000);\n', {
      filePath: 'app.js',
    })) as Outcome[];
    expect(result!.messages.map((m) => [m.ruleId, m.line])).toEqual([['fork-safe/no-module-scope-worker', 1]]);
  });

  it('the TypeScript config lints with type information: the typed mode finds a client no table lists', async () => {
    const config = await loadReadmeConfig('ts-config', configs[1]!, [packageJson.name, 'typescript-eslint']);
    const cwd = join(projectRoot, 'test/fixtures/typed-project');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
    const [result] = (await eslint.lintFiles(['src/app.ts'])) as Outcome[];
    expect(result!.messages.map((m) => [m.ruleId, m.line, m.message.split(':')[0]])).toEqual([
      [
        'fork-safe/no-module-scope-client',
        5,
        'new Agent() created at module load, by new TelemetryTransport() on line 11, holds sockets',
      ],
      ['fork-safe/no-module-scope-client', 11, 'new TelemetryTransport() created at module load holds sockets'],
    ]);
  });
});
