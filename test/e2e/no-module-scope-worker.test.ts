// End to end, on real Node and real ESLint: a small app written the natural way (a module-scope flush
// timer and worker thread, and a V8 startup snapshot main) cannot be built into a snapshot. After
// `eslint --fix` with the plugin's recommended config (the BUILT plugin, dist/esm/src/index.js) it
// builds, restores, the timer fires and the worker answers.
//
// The fixed app still imports node:worker_threads at the top (the fix does not move imports), so the
// snapshot builder loads that module. Measured here: Node 24 restores a process whose worker works; on
// Node 20 the restored process's worker threads die at startup (the runtime reports it and the process
// carries on); Node 22 aborts while restoring. See docs/runtime.md, "Worker threads after a snapshot
// restore". The full proof therefore runs on Node 24; 20 and 22 assert what really happens.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { builtPlugin } from '../helpers/eslint.js';
import {
  jsonLines,
  makeTempDir,
  nodeBinary,
  projectRoot,
  runNode,
  type RunResult,
  sinkLines,
} from '../helpers/node.js';
import { buildSnapshot, once, runSnapshot, type SnapshotBuild } from '../helpers/snapshot.js';

const FIXTURE = join(projectRoot, 'test/fixtures/e2e-worker/app.mjs');
const RULE = 'fork-safe/no-module-scope-worker';
const RUNTIME = 'eslint-plugin-fork-safe/runtime';
/** Bounds a build that could hang (the fixture's ref'd interval would hold a build that got past the worker). */
const BUILD_TIMEOUT_MS = 15_000;
/** The fixture's main gives up waiting after 3 s, so a restored process ends well within this. */
const RUN_TIMEOUT_MS = 15_000;

const temp = makeTempDir('fork-safe-e2e-worker-');
afterAll(() => temp.cleanup());

type Major = '20' | '22' | '24';

/** What the fixture's main prints: flush ticks seen during its wait, and the worker's answer. */
interface MainResult {
  pid: number;
  flushesAtStart: number;
  flushes: number;
  answer: string | null;
}

async function eslintFor(fix: boolean): Promise<ESLint> {
  const plugin = await builtPlugin();
  return new ESLint({ cwd: temp.dir, fix, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
}

const copied = join(temp.dir, 'app.mjs');

/** The fixture linted as it is, without fixing (on the copy, so nothing can touch the repository). */
const lintOriginal = once(async () => {
  cpSync(FIXTURE, copied);
  const [result] = await (await eslintFor(false)).lintFiles([copied]);
  return result!;
});

/** `eslint --fix` on the copy: lint with fix, then write the fixes out. */
const fixCopy = once(async () => {
  await lintOriginal();
  const results = await (await eslintFor(true)).lintFiles([copied]);
  await ESLint.outputFixes(results);
  return { result: results[0]!, fixed: readFileSync(copied, 'utf8') };
});

const bundles = once(async () => {
  await fixCopy();
  const [naive, fixed] = await Promise.all([
    bundleFixture(FIXTURE, join(temp.dir, 'naive.cjs'), 'cjs'),
    bundleFixture(copied, join(temp.dir, 'fixed.cjs'), 'cjs'),
  ]);
  return { naive, fixed };
});

function naiveBuild(major: Major) {
  return once(async (): Promise<SnapshotBuild> => {
    const { naive } = await bundles();
    return buildSnapshot(naive, join(temp.dir, `naive-${major}.blob`), {
      node: nodeBinary(major),
      timeoutMs: BUILD_TIMEOUT_MS,
    });
  });
}

function fixedBuildAndRun(major: Major) {
  return once(async (): Promise<{ build: SnapshotBuild; run: RunResult; output: Record<string, unknown>[] }> => {
    const { fixed } = await bundles();
    const node = nodeBinary(major);
    const build = await buildSnapshot(fixed, join(temp.dir, `fixed-${major}.blob`), {
      node,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    if (build.code !== 0 || build.blobBytes === 0) {
      throw new Error(
        `the fixed app's snapshot build failed on Node ${major} (code ${build.code}, signal ${build.signal}, timed out ${build.timedOut}):\n${build.stderr}`,
      );
    }
    const run = await runSnapshot(build.blob, { node, timeoutMs: RUN_TIMEOUT_MS });
    return { build, run, output: jsonLines(run.stdout) };
  });
}

const naive = { '20': naiveBuild('20'), '24': naiveBuild('24') };
const fixedApp = { '20': fixedBuildAndRun('20'), '22': fixedBuildAndRun('22'), '24': fixedBuildAndRun('24') };

function mainResult(output: Record<string, unknown>[], run: RunResult): MainResult {
  if (output.length !== 1)
    throw new Error(
      `expected one JSON line from the restored process, got ${output.length}:\n${run.stdout}\n${run.stderr}`,
    );
  return output[0] as unknown as MainResult;
}

describe('no-module-scope-worker end to end: a module-scope timer and worker, a V8 snapshot, eslint --fix', () => {
  describe('the app as written', () => {
    for (const major of ['20', '24'] as const) {
      it(`fails to build a snapshot on Node ${major}: new Worker() throws ERR_NOT_SUPPORTED_IN_SNAPSHOT`, async ({
        expect,
      }) => {
        const build = await naive[major]();
        expect(build.timedOut).toBe(false);
        expect(build.code).toBe(1);
        expect(build.stderr).toContain('ERR_NOT_SUPPORTED_IN_SNAPSHOT');
        expect(build.stderr).toContain('Creating workers is not supported in startup snapshot');
        expect(build.blobBytes).toBe(0);
      });
    }

    it('is reported by the recommended config: the interval and the worker, both fixable', async ({ expect }) => {
      const result = await lintOriginal();
      const source = readFileSync(FIXTURE, 'utf8').split('\n');
      const lineOf = (text: string) => source.findIndex((line) => line.startsWith(text)) + 1;
      expect(result.filePath).toBe(copied);
      expect(result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, fixable: m.fix !== undefined }))).toEqual([
        { ruleId: RULE, line: lineOf('setInterval('), fixable: true },
        { ruleId: RULE, line: lineOf('const enricher = new Worker('), fixable: true },
      ]);
      expect(lineOf('setInterval(')).toBeGreaterThan(0);
      expect(lineOf('const enricher = new Worker(')).toBeGreaterThan(0);
    });
  });

  describe('after eslint --fix', () => {
    it('rewrites the timer onto interval() and the worker onto startWorker(), importing the runtime once', async ({
      expect,
    }) => {
      const { result, fixed } = await fixCopy();
      expect(result.output).toBeDefined();
      expect(result.messages).toEqual([]);
      expect(fixed).not.toBe(readFileSync(FIXTURE, 'utf8'));
      // The module-scope calls are replaced (main's own setInterval, in a function, is left alone).
      expect(fixed).toMatch(/^interval\(/m);
      expect(fixed).toMatch(/^startWorker\(\(\) =>/m);
      expect(fixed).not.toMatch(/^setInterval\(/m);
      expect(fixed).not.toMatch(/^const enricher = new Worker\(/m);
      // The listeners moved into the factory with the worker: none is left at module scope.
      expect(fixed).not.toMatch(/^enricher\.on\(/m);
      const imports = fixed.split('\n').filter((line) => line.includes(`'${RUNTIME}'`));
      expect(imports).toHaveLength(1);
      expect(imports[0]).toMatch(
        /^import \{ (?=[^}]*\binterval\b)(?=[^}]*\bstartWorker\b)[^}]*\} from 'eslint-plugin-fork-safe\/runtime';$/,
      );
    });

    it('is stable: a second run reports nothing', async ({ expect }) => {
      await fixCopy();
      const [again] = await (await eslintFor(false)).lintFiles([copied]);
      expect(again?.messages).toEqual([]);
      expect(again?.fixableErrorCount).toBe(0);
      expect(again?.errorCount).toBe(0);
    });

    it('parses (node --check)', async ({ expect }) => {
      await fixCopy();
      const check = await runNode(['--check', copied], { timeoutMs: 10_000 });
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
    });

    it('Node 24: builds a snapshot; the restored process sees the timer fire and the worker answer, and exits 0', async ({
      expect,
    }) => {
      const { build, run, output } = await fixedApp['24']();
      expect(build.timedOut).toBe(false);
      expect(build.blobBytes).toBeGreaterThan(0);
      expect(sinkLines(build.stderr)).toEqual([]);
      expect(run.timedOut).toBe(false);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(0);
      const result = mainResult(output, run);
      // The timer did not tick during the build (the runtime deferred it to the restore)...
      expect(result.flushesAtStart).toBe(0);
      // ...and ticks after it; the worker, started after the restore, answered.
      expect(result.flushes).toBeGreaterThanOrEqual(3);
      expect(result.answer).toBe('pong');
      expect(sinkLines(run.stderr)).toEqual([]);
    });

    it('Node 20: builds; after the restore the timer fires, the worker dies at startup and the runtime reports it instead of crashing', async ({
      expect,
    }) => {
      const { build, run, output } = await fixedApp['20']();
      expect(build.blobBytes).toBeGreaterThan(0);
      expect(sinkLines(build.stderr)).toEqual([]);
      expect(run.timedOut).toBe(false);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(0);
      const result = mainResult(output, run);
      expect(result.flushesAtStart).toBe(0);
      expect(result.flushes).toBeGreaterThanOrEqual(3);
      // node:worker_threads was loaded by the builder (the app's top-level import): every worker thread of
      // the restored process fails at startup. The runtime's 'error' listener caught it.
      expect(result.answer).toBeNull();
      expect(sinkLines(run.stderr)).toEqual([
        expect.stringMatching(/^\[fork-safe\] worker .*failed: undefined is not an integer typed array\.$/),
      ]);
    });

    it('Node 22: builds, but the restored process aborts (node:worker_threads loaded by the builder)', async ({
      expect,
    }) => {
      const { build, run, output } = await fixedApp['22']();
      expect(build.blobBytes).toBeGreaterThan(0);
      expect(run.timedOut).toBe(false);
      expect(run.signal).toBe('SIGABRT');
      expect(run.stderr).toContain('Assertion failed: shutdown_wrap_template_.IsEmpty()');
      expect(output).toEqual([]);
    });
  });
});
