import { contain } from './errors.js';
import { register, TASK_PRIORITY, type LifecycleHooks } from './registry.js';
import { state } from './state.js';

/** Background work whose lifecycle the runtime manages. */
export interface ManagedTask {
  /** Whether the work is running right now. */
  readonly running: boolean;
  /**
   * Starts the work if the runtime allows it now; returns whether it runs. While a snapshot is being
   * built the start is deferred until after the restore; after shutdown() it is refused.
   */
  start(): boolean;
  /** Stops the work and forgets it: it is not restarted after a restore. */
  stop(): Promise<void>;
}

/** What the runtime does with a task it stopped for a snapshot: start it again after the restore, or not. */
export type RestartPolicy = 'afterRestore' | 'never';

export interface TaskOptions {
  /** Shown in error reports. */
  name?: string;
  /** Start (and, for intervals, run each tick) only while this returns true. */
  enabled?: () => boolean;
  /** Default 'afterRestore'. */
  restart?: RestartPolicy;
}

/** The part that differs between an interval and a worker. */
export interface TaskEngine {
  isRunning(): boolean;
  /** Extra conditions for starting, beyond enabled(): e.g. the main thread only. */
  mayLaunch(): boolean;
  /** Starts the underlying resource; returns whether it runs. Never throws. */
  launch(): boolean;
  /** Stops the underlying resource. `why` lets an interval flush before a snapshot or at shutdown. */
  halt(why: 'snapshot' | 'shutdown' | 'stop'): Promise<void>;
}

class Task implements ManagedTask {
  /** The user wants this running: set by start(), cleared by stop() and shutdown. */
  private wanted = false;
  /** start() was called while a snapshot was being built; start after the restore whatever the policy. */
  private deferred = false;
  private unregister: (() => void) | undefined;

  constructor(
    readonly engine: TaskEngine,
    readonly options: TaskOptions,
  ) {}

  get running(): boolean {
    return this.engine.isRunning();
  }

  start(): boolean {
    const s = state();
    if (s.shutdown) return false;
    this.wanted = true;
    // Held strongly: `interval(flush, 1000)` is often called for its effect alone, and a deferred task
    // that nothing else references must still start after the restore.
    this.unregister ??= register(this, taskHooks, { priority: TASK_PRIORITY, strong: true, name: this.options.name });
    if (s.building) {
      this.deferred = true;
      return false;
    }
    return this.launchIfAllowed();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.deferred = false;
    this.unregister?.();
    this.unregister = undefined;
    await this.engine.halt('stop');
  }

  launchIfAllowed(): boolean {
    if (this.engine.isRunning()) return true;
    if (!this.engine.mayLaunch() || !isEnabled(this.options)) return false;
    return this.engine.launch();
  }

  afterRestore(): void {
    const resume = this.deferred || (this.wanted && this.options.restart !== 'never');
    this.deferred = false;
    if (resume) this.launchIfAllowed();
  }

  beforeShutdown(): Promise<void> {
    this.wanted = false;
    this.deferred = false;
    return this.engine.halt('shutdown');
  }
}

const taskHooks: LifecycleHooks<Task> = {
  beforeSnapshot: (task) => task.engine.halt('snapshot'),
  afterRestore: (task) => task.afterRestore(),
  onShutdown: (task) => task.beforeShutdown(),
};

/** Calls the user's enabled(); one that throws counts as disabled and is reported. */
export function isEnabled(options: TaskOptions): boolean {
  if (!options.enabled) return true;
  try {
    return options.enabled() === true;
  } catch (error) {
    contain('enabled', options.name, error);
    return false;
  }
}

/** Wraps an engine in the shared lifecycle (deferral during builds, restart, shutdown) and starts it. */
export function manage(engine: TaskEngine, options: TaskOptions): ManagedTask {
  const task = new Task(engine, options);
  task.start();
  return task;
}
