import { contain } from './errors.js';
import { isMainThread } from './environment.js';
import { whileCreating } from './observer.js';
import { manage, type ManagedTask, type TaskOptions } from './task.js';

/** What startWorker() needs of a worker: a worker_threads Worker or a child_process ChildProcess fit. */
export interface WorkerLike {
  on(event: string, listener: (...args: any[]) => void): unknown;
  terminate?(): unknown;
  kill?(signal?: any): unknown;
  readonly pid?: number | undefined;
  readonly exitCode?: number | null;
  readonly signalCode?: string | null;
}

export interface StartWorkerOptions extends TaskOptions {
  /** Do not start inside a worker thread: a module-scope worker would otherwise recurse. Default false. */
  mainThreadOnly?: boolean;
  /** Receives spawn failures, thrown or emitted as 'error'. Default: the runtime's error sink. */
  onError?: (error: unknown) => void;
  /** How long stop() waits for a child process to exit after kill(). Default 5000. */
  stopTimeoutMs?: number;
}

export interface ManagedWorker<W extends WorkerLike> extends ManagedTask {
  /** The worker running now, if any. */
  readonly current: W | undefined;
}

/**
 * Starts a worker thread or child process under the runtime's lifecycle: not while a snapshot is being
 * built (Node throws ERR_NOT_SUPPORTED_IN_SNAPSHOT; the start waits for the restore), only while
 * enabled(), only on the main thread with `mainThreadOnly`, restarted after a restore unless
 * `restart: 'never'`, stopped at shutdown. A failure to spawn, thrown or emitted, is reported and the
 * host keeps running: the worker always has an 'error' listener.
 */
export function startWorker<W extends WorkerLike>(create: () => W, options: StartWorkerOptions = {}): ManagedWorker<W> {
  if (typeof create !== 'function') throw new TypeError('fork-safe startWorker(): create must be a function');
  const name = options.name ?? (create.name || 'worker');
  let current: W | undefined;

  const report = (error: unknown): void => {
    if (!options.onError) {
      contain('worker', name, error);
      return;
    }
    try {
      options.onError(error);
    } catch (handlerError) {
      contain('worker', `${name} onError`, handlerError);
    }
  };

  const task = manage(
    {
      isRunning: () => current !== undefined,
      mayLaunch: () => !options.mainThreadOnly || isMainThread(),
      launch() {
        let worker: W;
        try {
          worker = whileCreating('startWorker', name, () => create());
        } catch (error) {
          report(error);
          return false;
        }
        if (!worker || typeof worker.on !== 'function') {
          report(new TypeError('fork-safe startWorker(): create() must return a Worker or a ChildProcess'));
          return false;
        }
        current = worker;
        worker.on('error', (error: unknown) => {
          // A child process that failed to spawn (ENOENT) has no pid and never emits 'exit'.
          if (current === worker && typeof worker.kill === 'function' && worker.pid === undefined) current = undefined;
          report(error);
        });
        worker.on('exit', () => {
          if (current === worker) current = undefined;
        });
        return true;
      },
      async halt() {
        const worker = current;
        current = undefined;
        if (worker) await stopWorker(worker, options.stopTimeoutMs ?? 5000, report);
      },
    },
    { ...options, name },
  );

  return Object.defineProperty(task, 'current', { get: () => current, enumerable: true }) as ManagedWorker<W>;
}

async function stopWorker(worker: WorkerLike, timeoutMs: number, report: (error: unknown) => void): Promise<void> {
  try {
    if (typeof worker.terminate === 'function') {
      await worker.terminate();
      return;
    }
    if (typeof worker.kill !== 'function' || worker.exitCode != null || worker.signalCode != null) return;
    const exited = new Promise<void>((resolve) => {
      worker.on('exit', () => resolve());
      const timer = setTimeout(resolve, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    worker.kill();
    await exited;
  } catch (error) {
    report(error);
  }
}
