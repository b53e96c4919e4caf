import { hostProcess } from './environment.js';
import { contain, containLater } from './errors.js';
import { whileCreating } from './observer.js';
import { state, type ExitEntry, type ExitHandler } from './state.js';

export interface OnExitOptions {
  /** Shown in error reports. */
  name?: string;
  /**
   * 'exit' (default): synchronous, also after process.exit(). 'beforeExit': when the event loop empties,
   * so async work a handler starts can finish; not emitted after process.exit() or a fatal error.
   */
  event?: 'exit' | 'beforeExit';
}

/**
 * Runs `fn` when the process exits, at most once per process generation. One process listener per event
 * is installed, lazily, for all handlers; registering the same function again (a start() that runs after
 * every stop()) does not stack it. Handlers never run while a snapshot is being built: Node runs the
 * build's exit listeners at the end of the build and again in every restored process. Newest-first, each
 * isolated. Returns a function that removes the handler.
 */
export function onExit(fn: ExitHandler, options: OnExitOptions = {}): () => void {
  if (typeof fn !== 'function') throw new TypeError('fork-safe onExit(): fn must be a function');
  const event = options.event ?? 'exit';
  if (event !== 'exit' && event !== 'beforeExit') {
    throw new TypeError(`fork-safe onExit(): event must be 'exit' or 'beforeExit', not '${String(event)}'`);
  }
  const s = state();
  let handlers = s.exitHandlers.get(event);
  if (!handlers) {
    handlers = new Map<ExitHandler, ExitEntry>();
    s.exitHandlers.set(event, handlers);
    const table = handlers;
    whileCreating('onExit', options.name, () => hostProcess()?.on?.(event, () => runExitHandlers(table, event)));
  }
  const table = handlers;
  if (!table.has(fn)) table.set(fn, { name: options.name ?? (fn.name || undefined), ranInGeneration: -1 });
  return () => {
    table.delete(fn);
  };
}

function runExitHandlers(handlers: Map<ExitHandler, ExitEntry>, event: string): void {
  const s = state();
  if (s.building) return;
  for (const [fn, entry] of [...handlers].reverse()) {
    if (entry.ranInGeneration === s.generation) continue;
    entry.ranInGeneration = s.generation;
    try {
      const result = fn();
      if (event === 'beforeExit') containLater('onExit', entry.name, result);
    } catch (error) {
      contain('onExit', entry.name, error);
    }
  }
}
