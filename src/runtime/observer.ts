/**
 * Lets a diagnostic tool (fork-safe-audit) tell the resources the runtime manages from those it does
 * not, without the runtime knowing the tool: the tool puts an observer on a global symbol, and the
 * runtime calls it around the code that creates a managed resource (a perProcess factory, an interval's
 * setInterval, a startWorker create(), onExit's process listener). With no observer this costs one
 * property read on a creation path, never on a fast path. The observer cannot change what happens: its
 * calls are isolated and their results ignored.
 */

/** Which runtime API is creating the resource. */
export type ManagedKind = 'perProcess' | 'interval' | 'startWorker' | 'onExit';

export interface ManagedResourceObserver {
  /** The runtime is about to run code that creates a resource it manages. Calls nest. */
  enter(kind: ManagedKind, name: string | undefined): void;
  /** That code returned (`value`, e.g. a perProcess value) or threw (`value` undefined). */
  exit(kind: ManagedKind, name: string | undefined, value: unknown): void;
}

export const OBSERVER_SLOT = Symbol.for('eslint-plugin-fork-safe/managed-resource-observer@1');

function observer(): ManagedResourceObserver | undefined {
  return (globalThis as Record<symbol, ManagedResourceObserver | undefined>)[OBSERVER_SLOT];
}

function notify(call: () => void): void {
  try {
    call();
  } catch {
    // A broken observer must not change what the runtime does.
  }
}

/** Runs `create` and tells the observer, if there is one, that what it creates is managed. */
export function whileCreating<T>(kind: ManagedKind, name: string | undefined, create: () => T): T {
  const current = observer();
  if (!current) return create();
  notify(() => current.enter(kind, name));
  let value: T | undefined;
  try {
    value = create();
    return value;
  } finally {
    notify(() => current.exit(kind, name, value));
  }
}
