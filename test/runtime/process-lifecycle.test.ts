// Scenarios that end a process or depend on what a whole process does (import side effects, garbage
// collection, exit handlers, shutdown), each run in a fresh Node process against the built runtime.
import { describe, expect, it } from 'vitest';
import { builtRuntime, jsonLines, runNode, runScenario } from '../helpers/node.js';

describe('importing the runtime', () => {
  it('has no side effect: no listener, handle, timer, global, randomness or I/O until first use', async () => {
    const result = await runScenario(`
      const snapshot = () => ({
        listeners: ['exit', 'beforeExit', 'SIGTERM', 'SIGINT', 'warning'].map((e) => process.listenerCount(e)),
        resources: process.getActiveResourcesInfo(),
        symbols: Object.getOwnPropertySymbols(globalThis).map(String),
        keys: Object.keys(globalThis),
      });
      const before = snapshot();
      Math.random = () => { throw new Error('randomness at import'); };
      globalThis.crypto.randomUUID = () => { throw new Error('randomness at import'); };
      await import(RUNTIME);
      const after = snapshot();
      console.log(JSON.stringify({ before, after }));
    `);
    expect(result.code).toBe(0);
    const [{ before, after }] = jsonLines(result.stdout) as [{ before: unknown; after: unknown }];
    expect(after).toEqual(before);
  });

  it('loads with require() too, and both formats share one process-wide state', async () => {
    const result = await runScenario(`
      import { createRequire } from 'node:module';
      const esm = await import(RUNTIME);
      const cjs = createRequire(import.meta.url)(${JSON.stringify(builtRuntime('cjs'))});
      const order = [];
      esm.register({}, { afterRestore: () => order.push('esm') }, { strong: true });
      cjs.register({}, { afterRestore: () => order.push('cjs') }, { strong: true });
      const report = cjs.notifyRestored('both');
      console.log(JSON.stringify({ order, ran: report.ran, esmGeneration: esm.generation(), cjsGeneration: cjs.generation() }));
    `);
    expect(result.stderr).toBe('');
    expect(jsonLines(result.stdout)).toEqual([{ order: ['esm', 'cjs'], ran: 2, esmGeneration: 1, cjsGeneration: 1 }]);
  });
});

describe('weak registration', () => {
  it('skips and prunes a collected owner, keeps a strong anonymous one', async () => {
    const result = await runScenario(
      `
      const { register, notifyRestored } = await import(RUNTIME);
      const ran = [];
      // Hooks receive the owner, so they need not capture it: the owner stays collectable.
      const hooks = { afterRestore: (owner) => ran.push(owner.name) };
      let kept = { name: 'kept' };
      register(kept, hooks);
      (() => register({ name: 'dropped' }, hooks))();
      register({ name: 'anonymous-strong' }, hooks, { strong: true });
      for (let i = 0; i < 10; i++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const report = notifyRestored();
      console.log(JSON.stringify({ ran, reportRan: report.ran, skipped: report.skipped, kept: kept.name }));
    `,
      { nodeArgs: ['--expose-gc'] },
    );
    expect(result.stderr).toBe('');
    const [outcome] = jsonLines(result.stdout);
    expect(outcome).toMatchObject({ ran: ['kept', 'anonymous-strong'], reportRan: 2, kept: 'kept' });
    // A collected owner is pruned by the FinalizationRegistry or, if that has not run yet, skipped.
    expect(outcome?.skipped).toBeLessThanOrEqual(1);
  });

  it('a closure that captures its owner keeps it alive (why hooks take the owner as an argument)', async () => {
    const result = await runScenario(
      `
      const { register, notifyRestored } = await import(RUNTIME);
      const ran = [];
      (() => {
        const owner = { name: 'captured' };
        register(owner, { afterRestore: () => ran.push(owner.name) });
      })();
      for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
      notifyRestored();
      console.log(JSON.stringify({ ran }));
    `,
      { nodeArgs: ['--expose-gc'] },
    );
    expect(jsonLines(result.stdout)).toEqual([{ ran: ['captured'] }]);
  });
});

describe('onExit', () => {
  it('runs each handler once, newest-first, isolated, and does not stack re-registrations', async () => {
    const result = await runScenario(`
      import { writeSync } from 'node:fs';
      const { onExit, setErrorSink } = await import(RUNTIME);
      const listenersBefore = process.listenerCount('exit');
      setErrorSink((error) => writeSync(1, 'sink: ' + error.message + '\\n'));
      const flush = () => writeSync(1, 'flush\\n');
      function start() { onExit(flush); }
      start(); start(); start(); // a start() that runs after every stop()
      onExit(() => { throw new Error('broken handler'); }, { name: 'broken' });
      const remove = onExit(() => writeSync(1, 'removed\\n'));
      remove();
      onExit(() => writeSync(1, 'newest\\n'));
      writeSync(1, 'exit listeners added: ' + (process.listenerCount('exit') - listenersBefore) + '\\n');
    `);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'exit listeners added: 1',
      'newest',
      'sink: onExit (broken) failed: broken handler',
      'flush',
    ]);
  });

  it("with event 'beforeExit' lets async work finish, once", async () => {
    const result = await runScenario(`
      import { writeSync } from 'node:fs';
      const { onExit } = await import(RUNTIME);
      let runs = 0;
      onExit(async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        writeSync(1, 'flushed after async work, run ' + runs + '\\n');
      }, { event: 'beforeExit' });
    `);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('flushed after async work, run 1\n');
  });

  it('runs handlers after process.exit() too', async () => {
    const result = await runScenario(`
      import { writeSync } from 'node:fs';
      const { onExit } = await import(RUNTIME);
      onExit(() => writeSync(1, 'ran\\n'));
      process.exit(3);
    `);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('ran\n');
  });
});

describe('shutdown', () => {
  it('disposes newest-first with tasks first, is idempotent, then refuses to re-initialise', async () => {
    const result = await runScenario(`
      const rt = await import(RUNTIME);
      const order = [];
      const first = rt.perProcess(() => ({ name: 'first' }), { dispose: async (v) => { await new Promise((r) => setTimeout(r, 20)); order.push('dispose ' + v.name); } });
      const second = rt.perProcess(() => ({ name: 'second' }), { dispose: (v) => order.push('dispose ' + v.name) });
      first.get(); second.get();
      const task = rt.interval(() => {}, 1000, { name: 'flusher' });
      rt.register({}, { onShutdown: () => order.push('plain hook') }, { strong: true });
      let restoreRan = 0;
      rt.register({}, { afterRestore: () => restoreRan++ }, { strong: true });
      const a = rt.shutdown();
      const b = rt.shutdown();
      const report = await a;
      let getError;
      try { first.get(); } catch (error) { getError = error.message; }
      const restore = rt.notifyRestored();
      console.log(JSON.stringify({
        same: a === b, order, errors: report.errors.length, ran: report.ran,
        taskRunning: task.running, taskStart: task.start(), isShutdown: rt.isShutdown(),
        getError, restoreRan, restoreReport: restore.ran,
      }));
    `);
    expect(result.stderr).toBe('');
    expect(jsonLines(result.stdout)).toEqual([
      {
        same: true,
        order: ['plain hook', 'dispose second', 'dispose first'],
        errors: 0,
        ran: 4, // the four onShutdown hooks; the afterRestore-only registration takes no part
        taskRunning: false,
        taskStart: false,
        isShutdown: true,
        getError: expect.stringMatching(/has been shut down/),
        restoreRan: 0,
        restoreReport: 0,
      },
    ]);
  });

  it('is bounded: a hook that never settles is reported and shutdown still resolves', async () => {
    const result = await runScenario(`
      const rt = await import(RUNTIME);
      const order = [];
      rt.register({}, { onShutdown: () => order.push('older') }, { strong: true });
      rt.register({}, { onShutdown: () => new Promise(() => {}) }, { strong: true, name: 'stuck' });
      // The limit's own timer is unref'd (it must never keep a process alive): hold the loop open here
      // the way a real app's server would.
      const keepAlive = setTimeout(() => {}, 10_000);
      const started = Date.now();
      const report = await rt.shutdown({ timeoutMs: 200 });
      clearTimeout(keepAlive);
      console.log(JSON.stringify({ elapsed: Date.now() - started, order, errors: report.errors.map((e) => e.message) }));
    `);
    const [outcome] = jsonLines(result.stdout) as [{ elapsed: number; order: string[]; errors: string[] }];
    expect(outcome.elapsed).toBeGreaterThanOrEqual(190);
    expect(outcome.elapsed).toBeLessThan(5000);
    // The stuck hook used up the whole budget; the older hook is reported as not run, never silently dropped.
    expect(outcome.order).toEqual([]);
    expect(outcome.errors).toEqual([
      expect.stringMatching(/onShutdown \(stuck\) failed: did not finish within the shutdown time limit of 200 ms/),
      expect.stringMatching(/onShutdown failed: not run: shutdown time limit of 200 ms reached/),
    ]);
    expect(result.code).toBe(0);
  });
});

describe('interval', () => {
  it('keeps ticking after an error, never overlaps an async run, and stop() ends it', async () => {
    const result = await runScenario(`
      const rt = await import(RUNTIME);
      const errors = [];
      rt.setErrorSink((e) => errors.push(e.message));
      let ticks = 0, concurrent = 0, maxConcurrent = 0;
      const task = rt.interval(async () => {
        ticks++;
        concurrent++; maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 35));
        concurrent--;
        if (ticks === 1) throw new Error('first tick failed');
      }, 10, { name: 'slow', unref: false });
      await new Promise((r) => setTimeout(r, 300));
      await task.stop();
      const ticksAtStop = ticks;
      await new Promise((r) => setTimeout(r, 100));
      let disabledRuns = 0;
      const disabled = rt.interval(() => disabledRuns++, 5, { enabled: () => false });
      await new Promise((r) => setTimeout(r, 50));
      console.log(JSON.stringify({ ticks, ticksAtStop, maxConcurrent, errors, running: task.running, disabledRunning: disabled.running, disabledRuns }));
    `);
    const [outcome] = jsonLines(result.stdout) as [Record<string, unknown>];
    expect(outcome).toMatchObject({
      maxConcurrent: 1,
      errors: ['interval (slow) failed: first tick failed'],
      running: false,
      disabledRunning: false,
      disabledRuns: 0,
    });
    expect(outcome.ticks).toBe(outcome.ticksAtStop);
    expect(outcome.ticks as number).toBeGreaterThanOrEqual(3);
    expect(outcome.ticks as number).toBeLessThanOrEqual(9); // 300 ms / ~35 ms per run: skipped, not stacked
  });
});

describe('runOnce', () => {
  it('runs a key once per process and validates its options', async () => {
    const result = await runScenario(`
      const { runOnce } = await import(RUNTIME);
      let runs = 0;
      const results = [runOnce(() => runs++, { key: 'cron' }), runOnce(() => runs++, { key: 'cron' }), runOnce(() => runs++, { key: 'other', where: 'mainThread' })];
      let bad;
      try { runOnce(() => {}, {}); } catch (e) { bad = e.message; }
      console.log(JSON.stringify({ results, runs, bad }));
    `);
    expect(jsonLines(result.stdout)).toEqual([
      { results: [true, false, true], runs: 2, bad: expect.stringMatching(/options.key must be a non-empty string/) },
    ]);
  });
});

describe('the default error sink', () => {
  it('writes a [fork-safe] line synchronously to stderr with the cause', async () => {
    const result = await runNode([
      '--input-type=module',
      '-e',
      `const rt = await import(${JSON.stringify(builtRuntime('esm'))});
       rt.register({}, { afterRestore: () => { throw new Error('visible'); } }, { strong: true, name: 'loud' });
       rt.notifyRestored();
       process.exit(0);`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^\[fork-safe\] afterRestore \(loud\) failed: visible\nError: visible/);
  });
});
