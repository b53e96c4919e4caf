import { contain, isThenable } from './errors.js';
import { generation } from './lifecycle.js';
import { whileCreating } from './observer.js';
import { isEnabled, manage, type ManagedTask, type TaskOptions } from './task.js';

export interface IntervalOptions extends TaskOptions {
  /** unref() the timer so it never keeps a process or a test runner alive. Default true. */
  unref?: boolean;
  /**
   * Run `fn` one last time when the timer is stopped for a snapshot or at shutdown, so buffered data is
   * flushed instead of lost. Default false.
   */
  flushOnSnapshot?: boolean;
}

/**
 * setInterval() under the runtime's lifecycle: unref'd by default, never started while a snapshot is
 * being built (deferred until after the restore), stopped before a snapshot and restarted after it,
 * stopped at shutdown. A tick whose previous async run has not finished is skipped, not stacked. Errors
 * from `fn` go to the error sink; the timer keeps running.
 */
export function interval(fn: () => unknown, ms: number, options: IntervalOptions = {}): ManagedTask {
  if (typeof fn !== 'function') throw new TypeError('fork-safe interval(): fn must be a function');
  const name = options.name ?? (fn.name || 'interval');
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;

  const runOnce = (): Promise<void> | undefined => {
    try {
      const result = fn();
      if (!isThenable(result)) return undefined;
      return Promise.resolve(result).then(
        () => undefined,
        (error: unknown) => void contain('interval', name, error),
      );
    } catch (error) {
      contain('interval', name, error);
      return undefined;
    }
  };

  const tick = (): void => {
    generation(); // a periodic pid check: restores that only a pid change reveals are seen here too
    if (inFlight || !isEnabled(options)) return;
    const pending = runOnce();
    if (pending) inFlight = pending.finally(() => (inFlight = undefined));
  };

  return manage(
    {
      isRunning: () => timer !== undefined,
      mayLaunch: () => true,
      launch() {
        timer = whileCreating('interval', name, () => setInterval(tick, ms));
        if (options.unref !== false) (timer as { unref?: () => void }).unref?.();
        return true;
      },
      async halt(why) {
        if (timer !== undefined) clearInterval(timer);
        timer = undefined;
        await inFlight;
        // Flush whether or not a timer exists: during a snapshot build the timer was deferred and
        // never started, yet whatever the build buffered must be sent now, or every restored process
        // would send it again. Only wanted tasks are halted for a snapshot or shutdown.
        if (why !== 'stop' && options.flushOnSnapshot && isEnabled(options)) await runOnce();
      },
    },
    { ...options, name },
  );
}
