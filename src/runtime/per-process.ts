import { contain, containLater } from './errors.js';
import { currentPid, startupSnapshotApi } from './environment.js';
import { generation } from './lifecycle.js';
import { whileCreating } from './observer.js';
import { register, type LifecycleHooks } from './registry.js';
import { state, type RuntimeState } from './state.js';

export interface PerProcessOptions<T> {
  /** Shown in errors and reports. */
  name?: string;
  /** Closes a value gracefully: before a snapshot, at shutdown(), and on holder.dispose(). */
  dispose?: (value: T) => unknown;
  /**
   * Drops a value inherited from before a restore without talking to its peer (the peer's end belongs to
   * the process the state was copied from). Default: just forget it.
   */
  discard?: (value: T) => unknown;
  /**
   * 'process' (default): one value per holder per process generation. 'globalThis': the holder lives on
   * a global slot named by `key`, so a module evaluated again (dev-server reload, test module registry)
   * gets the same holder and the same value instead of opening another pool.
   */
  scope?: 'process' | 'globalThis';
  /** The global slot's name; required with scope 'globalThis'. */
  key?: string;
}

/** A lazily created value that is re-created once per process generation. */
export interface PerProcess<T> {
  /** The value for this process: created on first call, and again on the first call after a restore. */
  get(): T;
  /** The current value if one exists for this generation; never creates one. */
  peek(): T | undefined;
  /** Forgets the current value (handing it to `discard`), so the next get() creates a fresh one. */
  reset(): void;
  /** Takes the current value and closes it with `dispose`. The next get() creates a fresh one. */
  dispose(): Promise<void>;
}

interface Slot<T> {
  factory: () => T;
  options: PerProcessOptions<T>;
  value: T | undefined;
  /** The generation `value` belongs to; -1 when there is no value. */
  valueGeneration: number;
  creating: boolean;
  registered: boolean;
}

const NO_VALUE = -1;

function take<T>(slot: Slot<T>): { value: T } | undefined {
  if (slot.valueGeneration === NO_VALUE) return undefined;
  const value = slot.value as T;
  slot.value = undefined;
  slot.valueGeneration = NO_VALUE;
  return { value };
}

/**
 * Before a snapshot an open handle is fatal to the build, so a value with no `dispose` is closed with its
 * own destroy() or close() when it has one. At shutdown nothing is guessed: only `dispose` runs.
 */
function closeForSnapshot(value: unknown, dispose: ((value: never) => unknown) | undefined): unknown {
  if (dispose) return dispose(value as never);
  const closable = value as { destroy?: () => unknown; close?: () => unknown } | null | undefined;
  if (typeof closable?.destroy === 'function') return closable.destroy();
  if (typeof closable?.close === 'function') return closable.close();
  return undefined;
}

const holderHooks: LifecycleHooks<Slot<unknown>> = {
  beforeSnapshot(slot) {
    const taken = take(slot);
    if (taken) containLater('dispose', slot.options.name, closeForSnapshot(taken.value, slot.options.dispose));
  },
  afterRestore(slot) {
    const s = state();
    if (slot.valueGeneration === NO_VALUE || slot.valueGeneration === s.generation) return;
    const taken = take(slot);
    if (taken && slot.options.discard) containLater('discard', slot.options.name, slot.options.discard(taken.value));
  },
  onShutdown(slot) {
    const taken = take(slot);
    return taken && slot.options.dispose ? slot.options.dispose(taken.value) : undefined;
  },
};

function globalSlotName(key: string): symbol {
  return Symbol.for(`eslint-plugin-fork-safe/perProcess:${key}`);
}

/**
 * A holder for a value that must exist once per process: an HTTP agent, a connection pool, an SDK
 * client. The value is created lazily on the first get(), re-created on the first get() after a restore
 * (heavy work lazily, never inside a hook), disposed before a snapshot and at shutdown. A value created
 * while a snapshot is being built is unref'd (when it can be) so it does not hold the build open, and is
 * disposed before the heap is serialised.
 */
export function perProcess<T>(factory: () => T, options: PerProcessOptions<T> = {}): PerProcess<T> {
  if (typeof factory !== 'function') throw new TypeError('fork-safe perProcess(): the factory must be a function');
  if (options.scope === 'globalThis') {
    if (typeof options.key !== 'string' || options.key === '') {
      throw new TypeError("fork-safe perProcess(): scope 'globalThis' needs a non-empty string key");
    }
    const slots = globalThis as Record<symbol, PerProcess<T> | undefined>;
    const name = globalSlotName(options.key);
    return (slots[name] ??= createHolder(factory, options));
  }
  return createHolder(factory, options);
}

function createHolder<T>(factory: () => T, options: PerProcessOptions<T>): PerProcess<T> {
  const s = state();
  const slot: Slot<T> = {
    factory,
    options,
    value: undefined,
    valueGeneration: NO_VALUE,
    creating: false,
    registered: false,
  };

  const create = (): T => {
    if (s.shutdown) {
      throw new Error(
        `fork-safe perProcess${label(options)}: the runtime has been shut down; no new value is created after shutdown()`,
      );
    }
    const current = generation();
    if (slot.valueGeneration === current) return slot.value as T;
    if (slot.valueGeneration !== NO_VALUE) holderHooks.afterRestore?.(slot as Slot<unknown>);
    if (slot.creating)
      throw new Error(`fork-safe perProcess${label(options)}: the factory called get() on its own holder`);
    slot.creating = true;
    let value: T;
    try {
      value = whileCreating('perProcess', options.name, () => slot.factory());
    } finally {
      slot.creating = false;
    }
    if (s.building) unrefForBuild(value);
    slot.value = value;
    slot.valueGeneration = current;
    if (!slot.registered) {
      slot.registered = true;
      register(slot, holderHooks as LifecycleHooks<Slot<T>>, { name: options.name ?? 'perProcess' });
    }
    return value;
  };

  // Fast path: one compare against the shared generation. The pid is not read here (reading
  // process.pid costs more than the whole budget); restores arrive as events instead. Only where this
  // runtime cannot observe snapshot builds does get() fall back to comparing the pid itself.
  const get = canObserveSnapshots(s)
    ? (): T => (slot.valueGeneration === s.generation ? (slot.value as T) : create())
    : (): T => (slot.valueGeneration === s.generation && !pidChanged(s) ? (slot.value as T) : create());

  return {
    get,
    peek: () => (slot.valueGeneration === s.generation ? slot.value : undefined),
    reset() {
      const taken = take(slot);
      if (!taken || !options.discard) return;
      try {
        containLater('discard', options.name, options.discard(taken.value));
      } catch (error) {
        contain('discard', options.name, error);
      }
    },
    async dispose() {
      const taken = take(slot);
      if (taken && options.dispose) await options.dispose(taken.value);
    },
  };
}

function label(options: { name?: string }): string {
  return options.name ? ` (${options.name})` : '';
}

function canObserveSnapshots(s: RuntimeState): boolean {
  return s.pid === undefined || startupSnapshotApi() !== undefined;
}

function pidChanged(s: RuntimeState): boolean {
  return currentPid() !== s.pid;
}

function unrefForBuild(value: unknown): void {
  const handle = value as { unref?: () => unknown } | null | undefined;
  try {
    if (typeof handle?.unref === 'function') handle.unref();
  } catch (error) {
    contain('beforeSnapshot', 'unref() of a value created during the snapshot build', error);
  }
}
