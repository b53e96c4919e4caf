import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  generation,
  notifyRestored,
  perProcess,
  perProcessProxy,
  setErrorSink,
  type HookError,
} from '../../src/runtime/index.js';

afterEach(() => setErrorSink(undefined));

class Client {
  static created = 0;
  readonly serial = ++Client.created;
  closed = false;
  discarded = false;
  close(): void {
    this.closed = true;
  }
}

describe('perProcess', () => {
  it('creates lazily on the first get() and returns the same value afterwards', () => {
    const factory = vi.fn(() => new Client());
    const holder = perProcess(factory);
    expect(factory).not.toHaveBeenCalled();
    expect(holder.peek()).toBeUndefined();
    const first = holder.get();
    expect(holder.get()).toBe(first);
    expect(holder.peek()).toBe(first);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('discards the inherited value at a restore and re-creates it lazily on the next get()', () => {
    const factory = vi.fn(() => new Client());
    const holder = perProcess(factory, { discard: (client) => (client.discarded = true) });
    const inherited = holder.get();

    notifyRestored('test restore');

    expect(inherited.discarded).toBe(true);
    expect(inherited.closed).toBe(false); // discard drops without talking to the peer
    expect(holder.peek()).toBeUndefined();
    expect(factory).toHaveBeenCalledTimes(1); // light work in the hook, heavy work lazily
    const fresh = holder.get();
    expect(fresh).not.toBe(inherited);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('reset() discards and the next get() re-creates; dispose() closes and the next get() re-creates', async () => {
    const holder = perProcess(() => new Client(), {
      discard: (client) => (client.discarded = true),
      dispose: (client) => client.close(),
    });
    const first = holder.get();
    holder.reset();
    expect(first.discarded).toBe(true);
    const second = holder.get();
    expect(second).not.toBe(first);
    await holder.dispose();
    expect(second.closed).toBe(true);
    expect(holder.peek()).toBeUndefined();
    expect(holder.get()).not.toBe(second);
  });

  it('lets a factory error reach the caller and retries on the next get()', () => {
    let attempts = 0;
    const holder = perProcess(() => {
      attempts++;
      if (attempts === 1) throw new Error('connect refused');
      return new Client();
    });
    expect(() => holder.get()).toThrow('connect refused');
    expect(holder.peek()).toBeUndefined();
    expect(holder.get()).toBeInstanceOf(Client);
    expect(attempts).toBe(2);
  });

  it('reports a factory that calls get() on its own holder instead of recursing', () => {
    const holder: { get(): unknown } = perProcess((): unknown => holder.get(), { name: 'loop' });
    expect(() => holder.get()).toThrow(/\(loop\): the factory called get\(\) on its own holder/);
  });

  it('contains a throwing discard at a restore and still drops the value', () => {
    const errors: HookError[] = [];
    setErrorSink((error) => errors.push(error));
    const holder = perProcess(() => new Client(), {
      name: 'flaky',
      discard: () => {
        throw new Error('discard failed');
      },
    });
    const inherited = holder.get();
    const report = notifyRestored();
    expect(report.errors.map((error) => (error.cause as Error).message)).toEqual(['discard failed']);
    expect(errors).toHaveLength(1);
    expect(holder.get()).not.toBe(inherited);
  });

  it("with scope 'globalThis' keeps one holder and one value across a module reload", async () => {
    const key = `test-client-${Math.random()}`;
    const first = perProcess(() => new Client(), { scope: 'globalThis', key });
    const value = first.get();

    vi.resetModules();
    const reloadedUrl = '../../src/runtime/index.js?reload';
    const reloaded = (await import(/* @vite-ignore */ reloadedUrl)) as typeof import('../../src/runtime/index.js');
    expect(reloaded.perProcess).not.toBe(perProcess); // really a second copy of the runtime
    const second = reloaded.perProcess(() => new Client(), { scope: 'globalThis', key });

    expect(second).toBe(first);
    expect(second.get()).toBe(value);
    // The reloaded copy shares the process-wide state too: one generation counter, one registry.
    expect(reloaded.generation()).toBe(generation());
  });

  it("requires a key with scope 'globalThis' and a function factory", () => {
    expect(() => perProcess(() => 1, { scope: 'globalThis' })).toThrow(/needs a non-empty string key/);
    expect(() => perProcess(42 as unknown as () => number)).toThrow(/factory must be a function/);
  });
});

class Counter {
  #count = 0;
  readonly token = Math.random();
  increment(by = 1): number {
    this.#count += by;
    return this.#count;
  }
  get count(): number {
    return this.#count;
  }
}

describe('perProcessProxy', () => {
  it('forwards methods bound to the current instance, so #private fields work', () => {
    const counter = perProcessProxy(() => new Counter());
    expect(counter.increment()).toBe(1);
    expect(counter.increment(2)).toBe(3);
    expect(counter.count).toBe(3);
    const { increment } = counter;
    expect(increment()).toBe(4);
  });

  it('keeps instanceof, in, keys and writes working, and a method stable within a generation', () => {
    const counter = perProcessProxy(() => new Counter());
    expect(counter).toBeInstanceOf(Counter);
    expect('token' in counter).toBe(true);
    expect(Object.keys(counter)).toEqual(['token']);
    (counter as unknown as { extra: number }).extra = 7;
    expect((counter as unknown as { extra: number }).extra).toBe(7);
    expect(counter.increment).toBe(counter.increment);
  });

  it('reads through to a fresh instance after a restore', () => {
    const counter = perProcessProxy(() => new Counter());
    counter.increment(5);
    const token = counter.token;
    const methodBefore = counter.increment;
    notifyRestored();
    expect(counter.token).not.toBe(token);
    expect(counter.count).toBe(0);
    expect(counter.increment).not.toBe(methodBefore);
  });
});
