import { currentPid } from './environment.js';
import type { HookReport } from './errors.js';
import { clearRegistrations, runPhase, runPhaseAwaiting } from './registry.js';
import { existingState, state, type RuntimeState } from './state.js';

/**
 * The current process generation. Compares the pid with the one the generation belongs to; when the
 * process changed (a snapshot restore reveals itself this way too), it bumps the generation and runs the
 * after-restore hooks, exactly once. Cheap enough to call on any slow path; holders keep it off their
 * per-call fast path and compare generations instead.
 */
export function generation(): number {
  const s = state();
  const pid = currentPid();
  if (pid !== s.pid) restore(s, `process changed (pid ${s.pid ?? 'unknown'} -> ${pid ?? 'unknown'})`);
  return s.generation;
}

/**
 * Tells the runtime that this process was restored from a snapshot that keeps the pid (a VM snapshot,
 * CRIU, Lambda SnapStart for container images, a platform's after-restore hook). Starts a new
 * generation and runs the after-restore hooks; returns their report.
 */
export function notifyRestored(reason = 'notifyRestored()'): HookReport {
  return restore(state(), reason);
}

/**
 * Starts a new generation. The pid and the counter change before any hook runs, so a hook that calls
 * generation() (or a holder's get()) sees the new generation and the hooks do not run twice.
 */
export function restore(s: RuntimeState, reason: string): HookReport {
  s.pid = currentPid();
  s.generation++;
  s.building = false;
  if (s.shutdown) {
    return {
      phase: 'afterRestore',
      generation: s.generation,
      reason: `${reason}; skipped after shutdown`,
      ran: 0,
      skipped: 0,
      errors: [],
    };
  }
  return runPhase('afterRestore', reason);
}

export interface ShutdownOptions {
  /** The most the whole shutdown may take; hooks not finished by then are reported. Default 5000. */
  timeoutMs?: number;
}

/**
 * Shuts the runtime down: runs every onShutdown hook (managed timers and workers first, then holders'
 * dispose, newest-first), bounded by `timeoutMs`, and drops all registrations. Idempotent: later calls
 * return the first call's report. Afterwards nothing re-initialises, get() refuses and tasks do not start.
 */
export function shutdown(options: ShutdownOptions = {}): Promise<HookReport> {
  const s = state();
  if (s.shutdownReport) return s.shutdownReport;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!(timeoutMs >= 0)) throw new RangeError('fork-safe shutdown(): timeoutMs must be a number >= 0');
  s.shutdown = true;
  s.shutdownReport = runPhaseAwaiting('onShutdown', timeoutMs, 'shutdown()').finally(clearRegistrations);
  return s.shutdownReport;
}

/** Whether shutdown() has been called in this process. Never creates runtime state. */
export function isShutdown(): boolean {
  return existingState()?.shutdown ?? false;
}
