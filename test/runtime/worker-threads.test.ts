// Real-process proofs for startWorker() with real worker_threads and child processes (research B4):
// module-scope recursion, startup errors with and without a listener, spawn ENOENT, enabled(), stop().
// Nothing is mocked; the fixtures import the built runtime (dist/runtime.mjs).
import { beforeAll, describe, expect, it } from 'vitest';
import { builtRuntime, jsonLines, runNode, type RunResult } from '../helpers/node.js';

const FIXTURES = 'test/fixtures/workers';
const TIMEOUT_MS = 15_000;

function fixture(file: string, ...args: string[]): Promise<RunResult> {
  return runNode([`${FIXTURES}/${file}`, ...args], { timeoutMs: TIMEOUT_MS });
}

function events(run: RunResult, event: string): Record<string, unknown>[] {
  return jsonLines(run.stdout).filter((line) => line.event === event);
}

function expectExitedZero(run: RunResult): void {
  expect(run.timedOut, run.stderr).toBe(false);
  expect(run.signal).toBeNull();
  expect(run.code, run.stderr).toBe(0);
}

const forkSafeLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('[fork-safe]'));

beforeAll(() => {
  builtRuntime('esm');
});

describe.concurrent('startWorker with real worker_threads', () => {
  it('a module-scope startWorker(() => new Worker(self), { mainThreadOnly: true }) evaluates exactly twice: main + one thread', async () => {
    const run = await fixture('guarded-recursion.mjs');
    expectExitedZero(run);
    const evaluated = events(run, 'evaluated');
    expect(evaluated).toEqual([
      { event: 'evaluated', threadId: 0, isMainThread: true, depth: 0 },
      { event: 'evaluated', threadId: 1, isMainThread: false, depth: 1 },
    ]);
    // The main thread created one worker; inside the thread, startWorker refused and created nothing.
    const started = events(run, 'started');
    expect(started).toHaveLength(2);
    expect(started).toContainEqual({ event: 'started', threadId: 0, running: true, created: 1 });
    expect(started).toContainEqual({ event: 'started', threadId: 1, running: false, created: 0 });
    // The thread ended by itself (nothing kept it alive) and the handle forgot it.
    expect(events(run, 'thread-exit')).toEqual([
      { event: 'thread-exit', threadId: 0, code: 0, runningAfterExit: false },
    ]);
  });

  it('contrast: the naive unguarded `new Worker(__filename)` recurses to its depth bound (4 evaluations)', async () => {
    const run = await fixture('unguarded-recursion.cjs');
    expectExitedZero(run);
    const evaluated = events(run, 'evaluated');
    expect(evaluated).toHaveLength(4);
    expect(evaluated.map((line) => line.depth)).toEqual([0, 1, 2, 3]);
    expect(new Set(evaluated.map((line) => line.threadId)).size).toBe(4);
    expect(evaluated.filter((line) => line.isMainThread === false)).toHaveLength(3);
  });

  it('a worker that throws at startup does not crash the parent: onError receives the error, the parent exits 0', async () => {
    const run = await fixture('startup-error.mjs', 'on-error');
    expectExitedZero(run);
    expect(events(run, 'started')).toEqual([{ event: 'started', runningAtStart: true, hasWorker: true }]);
    expect(events(run, 'alive')).toEqual([
      {
        event: 'alive',
        threadExitCode: 1,
        runningAfterExit: false,
        onErrorCalls: [{ isError: true, message: 'boom', name: 'Error' }],
        sunk: [],
      },
    ]);
    expect(forkSafeLines(run.stderr)).toEqual([]);
  });

  it('without onError the startup error goes to the error sink (setErrorSink), and the parent exits 0', async () => {
    const run = await fixture('startup-error.mjs', 'sink');
    expectExitedZero(run);
    const alive = events(run, 'alive');
    expect(alive).toHaveLength(1);
    expect(alive[0]).toMatchObject({ threadExitCode: 1, runningAfterExit: false, onErrorCalls: [] });
    const sunk = alive[0]?.sunk as Record<string, unknown>[];
    expect(sunk).toHaveLength(1);
    expect(sunk[0]).toMatchObject({
      name: 'HookError',
      phase: 'worker',
      hook: 'boomer',
      cause: { isError: true, message: 'boom', name: 'Error' },
    });
    expect(sunk[0]?.message).toMatch(/worker \(boomer\) failed: boom$/);
    expect(forkSafeLines(run.stderr)).toEqual([]);
  });

  it('without onError or a sink, the default sink prints one [fork-safe] line to stderr, and the parent exits 0', async () => {
    const run = await fixture('startup-error.mjs', 'default-sink');
    expectExitedZero(run);
    expect(events(run, 'alive')).toEqual([
      { event: 'alive', threadExitCode: 1, runningAfterExit: false, onErrorCalls: [], sunk: [] },
    ]);
    const lines = forkSafeLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[fork-safe\] .*worker \(boomer\) failed: boom$/);
  });

  it('contrast: the same worker created raw, with no error listener, crashes the parent (exit 1)', async () => {
    const run = await fixture('startup-error.mjs', 'raw');
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(events(run, 'started')).toHaveLength(1);
    expect(events(run, 'alive')).toEqual([]);
    expect(run.stderr).toContain("Emitted 'error' event on Worker instance");
    expect(run.stderr).toContain('Error: boom');
    expect(forkSafeLines(run.stderr)).toEqual([]);
  });

  it('child_process.spawn of a missing binary through startWorker: onError gets ENOENT, running becomes false, the host exits 0', async () => {
    const run = await fixture('spawn-enoent.mjs', 'managed');
    expectExitedZero(run);
    expect(events(run, 'started')).toEqual([{ event: 'started', runningAtStart: true, pidAtStart: null }]);
    expect(events(run, 'alive')).toEqual([
      {
        event: 'alive',
        errors: [
          {
            code: 'ENOENT',
            syscall: 'spawn /nonexistent-binary-fork-safe',
            path: '/nonexistent-binary-fork-safe',
            runningInOnError: false,
          },
        ],
        running: false,
        current: null,
      },
    ]);
    expect(forkSafeLines(run.stderr)).toEqual([]);
  });

  it('contrast: the same spawn with no error listener crashes the host (exit 1)', async () => {
    const run = await fixture('spawn-enoent.mjs', 'raw');
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(events(run, 'alive')).toEqual([]);
    expect(run.stderr).toContain('spawn /nonexistent-binary-fork-safe ENOENT');
  });

  it('enabled: () => false does not create the worker, not even on a later start(); once true, start() creates it', async () => {
    const run = await fixture('enabled.mjs');
    expectExitedZero(run);
    expect(jsonLines(run.stdout)).toEqual([
      {
        disabled: { created: 0, enabledCalls: 1, running: false, current: null },
        afterRetry: { startReturned: false, created: 0, running: false },
        enabled: { startReturned: true, created: 1, running: true, isWorker: true },
        afterStop: { running: false, created: 1 },
      },
    ]);
  });

  it("stop() terminates a running worker (its 'exit' fires) and it is not started again, even after a restore", async () => {
    const run = await fixture('stop.mjs');
    // The thread runs a ref'd interval: exiting at all proves stop() ended it.
    expectExitedZero(run);
    const [result] = jsonLines(run.stdout);
    expect(result).toEqual({
      beforeStop: { running: true, created: 1, exits: 0, threadId: 1 },
      afterStop: { running: false, current: null, exits: [{ code: 1 }], workerThreadId: -1 },
      restoreRan: 0,
      later: { running: false, created: 1, exits: [{ code: 1 }] },
    });
  });
});
