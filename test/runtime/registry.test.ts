import { afterEach, describe, expect, it } from 'vitest';
import {
  generation,
  HookError,
  notifyRestored,
  register,
  setErrorSink,
  type HookReport,
} from '../../src/runtime/index.js';

// The registry is process-wide; every test registers its own owners and unregisters them afterwards.
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
  setErrorSink(undefined);
});

function track(unregister: () => void): () => void {
  cleanups.push(unregister);
  return unregister;
}

function collectErrors(): HookError[] {
  const errors: HookError[] = [];
  setErrorSink((error) => errors.push(error));
  return errors;
}

describe('register and the after-restore phase', () => {
  it('runs after-restore hooks oldest-first, lower priorities first, passing each its owner', () => {
    const order: string[] = [];
    const owners = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const hooks = { afterRestore: (owner: { name: string }) => order.push(owner.name) };
    track(register(owners[0]!, hooks));
    track(register(owners[1]!, hooks));
    track(register(owners[2]!, hooks, { priority: 10 }));
    track(register(owners[3]!, hooks, { priority: -5 }));

    const report = notifyRestored('test');

    expect(order).toEqual(['d', 'a', 'b', 'c']);
    expect(report).toMatchObject({ phase: 'afterRestore', reason: 'test', ran: 4, skipped: 0, errors: [] });
  });

  it('starts a new generation, visible to hooks while they run', () => {
    const before = generation();
    let seenInHook = -1;
    track(register({}, { afterRestore: () => (seenInHook = generation()) }, { strong: true }));
    const report = notifyRestored();
    expect(report.generation).toBe(before + 1);
    expect(generation()).toBe(before + 1);
    expect(seenInHook).toBe(before + 1);
  });

  it('isolates a throwing hook: the others run, the error is reported and sent to the sink synchronously', () => {
    const errors = collectErrors();
    const ran: string[] = [];
    track(register({}, { afterRestore: () => ran.push('first') }, { strong: true }));
    track(
      register(
        {},
        {
          afterRestore: () => {
            throw new Error('boom');
          },
        },
        { strong: true, name: 'exploding' },
      ),
    );
    track(register({}, { afterRestore: () => ran.push('third') }, { strong: true }));

    let report: HookReport | undefined;
    expect(() => (report = notifyRestored())).not.toThrow();

    expect(ran).toEqual(['first', 'third']);
    expect(report?.ran).toBe(3);
    expect(report?.errors).toHaveLength(1);
    const [error] = report!.errors;
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ phase: 'afterRestore', hook: 'exploding' });
    expect((error?.cause as Error).message).toBe('boom');
    expect(errors).toEqual(report!.errors);
  });

  it('sends an async hook rejection to the sink once it settles', async () => {
    const errors = collectErrors();
    track(register({}, { afterRestore: () => Promise.reject(new Error('late')) }, { strong: true, name: 'async' }));
    const report = notifyRestored();
    expect(report.errors).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => [error.hook, (error.cause as Error).message])).toEqual([['async', 'late']]);
  });

  it('makes a hook registered during a phase wait for the next phase', () => {
    const ran: string[] = [];
    track(
      register(
        {},
        {
          afterRestore: () => {
            ran.push('outer');
            if (ran.length === 1) track(register({}, { afterRestore: () => ran.push('inner') }, { strong: true }));
          },
        },
        { strong: true },
      ),
    );
    notifyRestored();
    expect(ran).toEqual(['outer']);
    notifyRestored();
    expect(ran).toEqual(['outer', 'outer', 'inner']);
  });

  it('skips a hook unregistered by an earlier hook of the same run', () => {
    const ran: string[] = [];
    let unregisterLater: () => void = () => {};
    track(register({}, { afterRestore: () => (ran.push('first'), unregisterLater()) }, { strong: true }));
    unregisterLater = track(register({}, { afterRestore: () => ran.push('second') }, { strong: true }));
    notifyRestored();
    expect(ran).toEqual(['first']);
  });

  it('unregisters idempotently', () => {
    let calls = 0;
    const unregister = register({}, { afterRestore: () => calls++ }, { strong: true });
    unregister();
    unregister();
    notifyRestored();
    expect(calls).toBe(0);
  });

  it('runs after-restore hooks exactly once when the pid changes, however often generation() is asked', () => {
    let calls = 0;
    track(register({}, { afterRestore: () => calls++ }, { strong: true }));
    const before = generation();
    const realPid = process.pid;
    // process.pid is a plain data property that Node rewrites after a snapshot restore; the real
    // restore is proven in snapshot.test.ts, this checks the exactly-once bookkeeping around it.
    Object.defineProperty(process, 'pid', { value: realPid + 100_000, configurable: true, writable: true });
    try {
      expect(generation()).toBe(before + 1);
      expect(generation()).toBe(before + 1);
      expect(calls).toBe(1);
    } finally {
      Object.defineProperty(process, 'pid', { value: realPid, configurable: true, writable: true });
    }
    expect(generation()).toBe(before + 2);
    expect(calls).toBe(2);
  });

  it('refuses owners that cannot be held weakly and hooks that are not an object', () => {
    expect(() => register(42 as unknown as object, {})).toThrow(/owner must be an object/);
    expect(() => register({}, null as unknown as object)).toThrow(/hooks must be an object/);
  });

  it('falls back to stderr when the sink itself throws, and keeps going', () => {
    setErrorSink(() => {
      throw new Error('sink broke');
    });
    const ran: string[] = [];
    track(
      register(
        {},
        {
          afterRestore: () => {
            throw new Error('hook broke');
          },
        },
        { strong: true },
      ),
    );
    track(register({}, { afterRestore: () => ran.push('after') }, { strong: true }));
    const report = notifyRestored();
    expect(report.errors).toHaveLength(1);
    expect(ran).toEqual(['after']);
  });
});
