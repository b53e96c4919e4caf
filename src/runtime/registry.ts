import { contain, containLater, isThenable, type HookReport, type LifecyclePhase } from './errors.js';
import { state, type RuntimeState } from './state.js';

/** Hooks for one owner. Each receives the owner, so it need not capture it and the owner can stay weak. */
export interface LifecycleHooks<Owner extends object> {
  /** Before a V8 startup snapshot is serialised: stop timers and workers, close sockets. */
  beforeSnapshot?(owner: Owner): unknown;
  /** After a restore (snapshot, pid change, notifyRestored): keep it light; drop stale state, re-create lazily. */
  afterRestore?(owner: Owner): unknown;
  /** At shutdown(): flush and close. May return a promise; shutdown() waits for it within its time limit. */
  onShutdown?(owner: Owner): unknown;
}

export interface RegisterOptions {
  /**
   * Orders groups of hooks. Higher priorities run first before a snapshot and at shutdown, and last after
   * a restore, so a restore undoes a snapshot in reverse. The runtime's own timers and workers use
   * TASK_PRIORITY, so they stop before the clients they use are disposed. Default 0.
   */
  priority?: number;
  /** Hold the owner strongly. For anonymous owners that nothing else keeps alive. Default false. */
  strong?: boolean;
  /** Shown in error reports. */
  name?: string;
}

export interface Registration {
  readonly sequence: number;
  readonly priority: number;
  readonly name: string | undefined;
  readonly hooks: LifecycleHooks<object>;
  readonly weakOwner: WeakRef<object> | undefined;
  readonly strongOwner: object | undefined;
  active: boolean;
}

/** The priority of the runtime's managed intervals and workers. */
export const TASK_PRIORITY = 100;

/**
 * Registers lifecycle hooks for `owner`. Returns a function that unregisters them (idempotent).
 * The owner is held weakly unless `strong` is set; hooks of a collected owner are skipped.
 */
export function register<Owner extends object>(
  owner: Owner,
  hooks: LifecycleHooks<Owner>,
  options: RegisterOptions = {},
): () => void {
  if ((typeof owner !== 'object' && typeof owner !== 'function') || owner === null) {
    throw new TypeError('fork-safe register(): the owner must be an object or a function');
  }
  if (typeof hooks !== 'object' || hooks === null) {
    throw new TypeError('fork-safe register(): hooks must be an object of phase functions');
  }
  const s = state();
  const strong = options.strong === true;
  const registration: Registration = {
    sequence: s.nextSequence++,
    priority: options.priority ?? 0,
    name: options.name,
    hooks: hooks as LifecycleHooks<object>,
    weakOwner: strong ? undefined : new WeakRef(owner),
    strongOwner: strong ? owner : undefined,
    active: true,
  };
  s.registrations.add(registration);
  if (!strong) finalizerOf(s).register(owner, registration, registration);
  return () => unregister(s, registration);
}

function unregister(s: RuntimeState, registration: Registration): void {
  if (!registration.active) return;
  registration.active = false;
  s.registrations.delete(registration);
  if (registration.weakOwner) s.finalizer?.unregister(registration);
}

function finalizerOf(s: RuntimeState): FinalizationRegistry<Registration> {
  return (s.finalizer ??= new FinalizationRegistry((registration) => unregister(s, registration)));
}

function ownerOf(registration: Registration): object | undefined {
  return registration.strongOwner ?? registration.weakOwner?.deref();
}

/**
 * The registrations that take part in a phase, copied so that hooks registered during the run wait for
 * the next phase. Before-phases run newest-first, the after-phase oldest-first (pthread_atfork, CPython,
 * CRaC and Lambda all agree), with priority groups around them.
 */
function participants(s: RuntimeState, phase: LifecyclePhase): Registration[] {
  const list = [...s.registrations].filter((r) => typeof r.hooks[phase] === 'function');
  if (phase === 'afterRestore') {
    list.sort((a, b) => a.priority - b.priority || a.sequence - b.sequence);
  } else {
    list.sort((a, b) => b.priority - a.priority || b.sequence - a.sequence);
  }
  return list;
}

function newReport(s: RuntimeState, phase: LifecyclePhase, reason: string | undefined): HookReport {
  return { phase, generation: s.generation, reason, ran: 0, skipped: 0, errors: [] };
}

/**
 * Runs a phase synchronously; every hook is isolated and no error escapes. A hook that returns a promise
 * is not awaited (automatic paths are synchronous), but its rejection still reaches the error sink.
 */
export function runPhase(phase: LifecyclePhase, reason?: string): HookReport {
  const s = state();
  const report = newReport(s, phase, reason);
  for (const registration of participants(s, phase)) {
    const owner = registration.active ? ownerOf(registration) : undefined;
    if (!owner) {
      report.skipped++;
      continue;
    }
    report.ran++;
    try {
      containLater(phase, registration.name, registration.hooks[phase]?.(owner));
    } catch (error) {
      report.errors.push(contain(phase, registration.name, error));
    }
  }
  return report;
}

/**
 * Runs a phase one hook at a time, awaiting each, within an overall time limit. Hooks still waiting when
 * the time is up are reported as errors, not silently dropped.
 */
export async function runPhaseAwaiting(phase: LifecyclePhase, timeoutMs: number, reason?: string): Promise<HookReport> {
  const s = state();
  const report = newReport(s, phase, reason);
  const deadline = Date.now() + timeoutMs;
  for (const registration of participants(s, phase)) {
    const owner = registration.active ? ownerOf(registration) : undefined;
    if (!owner) {
      report.skipped++;
      continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      report.errors.push(
        contain(phase, registration.name, new Error(`not run: shutdown time limit of ${timeoutMs} ms reached`)),
      );
      continue;
    }
    report.ran++;
    try {
      const result = registration.hooks[phase]?.(owner);
      if (isThenable(result)) await withinTime(result, remaining, timeoutMs);
    } catch (error) {
      report.errors.push(contain(phase, registration.name, error));
    }
  }
  return report;
}

function withinTime(work: PromiseLike<unknown>, remainingMs: number, timeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within the shutdown time limit of ${timeoutMs} ms`)),
      remainingMs,
    );
    // The limit must never be what keeps the process alive.
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Drops every registration; used once shutdown has run. */
export function clearRegistrations(): void {
  const s = state();
  for (const registration of [...s.registrations]) unregister(s, registration);
}
