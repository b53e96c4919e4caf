import { writeStderrLine } from './environment.js';
import { state } from './state.js';

/** The lifecycle phases that registered hooks take part in. */
export type LifecyclePhase = 'beforeSnapshot' | 'afterRestore' | 'onShutdown';

/** Where a contained error came from: a hook phase, or one of the runtime's own automatic paths. */
export type ErrorSource = LifecyclePhase | 'interval' | 'worker' | 'enabled' | 'dispose' | 'discard' | 'onExit';

/** An error the runtime caught on an automatic path instead of letting it escape. */
export class HookError extends Error {
  override readonly name = 'HookError';
  readonly phase: ErrorSource;
  readonly hook: string | undefined;

  constructor(phase: ErrorSource, hook: string | undefined, cause: unknown) {
    super(`${phase}${hook ? ` (${hook})` : ''} failed: ${describe(cause)}`, { cause });
    this.phase = phase;
    this.hook = hook;
  }
}

/** What one run of a lifecycle phase did. Explicit calls return it; automatic paths send its errors to the sink. */
export interface HookReport {
  readonly phase: LifecyclePhase;
  /** The process generation the phase ran in. */
  readonly generation: number;
  readonly reason: string | undefined;
  /** Hooks that were called. */
  ran: number;
  /** Hooks whose weakly held owner had already been collected. */
  skipped: number;
  /** Every error a hook threw or rejected with, in the order the hooks ran. */
  readonly errors: HookError[];
}

/** Receives every contained error, synchronously, at the moment it is caught. */
export type ErrorSink = (error: HookError) => void;

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  try {
    return String(cause);
  } catch {
    return 'unprintable error';
  }
}

function defaultSink(error: HookError): void {
  const cause = error.cause;
  const detail = cause instanceof Error && cause.stack ? `\n${cause.stack}` : '';
  writeStderrLine(`[fork-safe] ${error.message}${detail}`);
}

/**
 * Replaces where contained errors go (by default: one synchronous line on stderr). Pass `undefined` to
 * restore the default. Returns the previous sink so a caller can put it back.
 */
export function setErrorSink(sink: ErrorSink | undefined): ErrorSink | undefined {
  const s = state();
  const previous = s.errorSink;
  s.errorSink = sink;
  return previous;
}

/** Sends an error to the sink; a sink that throws falls back to stderr, so nothing is lost silently. */
export function deliver(error: HookError): void {
  const sink = state().errorSink;
  if (!sink) {
    defaultSink(error);
    return;
  }
  try {
    sink(error);
  } catch (sinkFailure) {
    defaultSink(error);
    defaultSink(new HookError(error.phase, 'error sink', sinkFailure));
  }
}

/** Contains an error from an automatic path: wraps it, delivers it, and hands it back for a report. */
export function contain(phase: ErrorSource, hook: string | undefined, cause: unknown): HookError {
  const error = new HookError(phase, hook, cause);
  deliver(error);
  return error;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Watches a promise an automatic path cannot await, so that its rejection still reaches the sink. */
export function containLater(phase: ErrorSource, hook: string | undefined, result: unknown): void {
  if (isThenable(result)) {
    result.then(undefined, (reason: unknown) => contain(phase, hook, reason));
  }
}
