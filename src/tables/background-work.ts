/**
 * What starts background work: threads, processes, pools and thread-backed loggers. Data, not code:
 * add a row to teach no-module-scope-worker a new creator; users add their own through the rule's
 * `additionalCreators` option.
 */
export type BackgroundKind = 'thread' | 'process' | 'cluster' | 'pool' | 'logger';

export interface BackgroundCreator {
  /** The module as imported (a `node:` prefix is accepted too). */
  package: string;
  /** The export, as a dotted path from the module object: 'Worker', 'default', 'promises.x'. */
  export: string;
  /** How it is started: `new X()`, `X()`, or either. */
  via: 'new' | 'call' | 'any';
  kind: BackgroundKind;
  /** Only when the first argument is an object literal with this property (pino's `transport`). */
  requiresOption?: string;
}

export const BACKGROUND_CREATORS: readonly BackgroundCreator[] = [
  { package: 'worker_threads', export: 'Worker', via: 'new', kind: 'thread' },
  { package: 'child_process', export: 'fork', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'spawn', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'exec', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'execFile', via: 'call', kind: 'process' },
  { package: 'cluster', export: 'fork', via: 'call', kind: 'cluster' },
  { package: 'piscina', export: 'default', via: 'new', kind: 'pool' },
  { package: 'piscina', export: 'Piscina', via: 'new', kind: 'pool' },
  { package: 'tinypool', export: 'default', via: 'new', kind: 'pool' },
  { package: 'tinypool', export: 'Tinypool', via: 'new', kind: 'pool' },
  { package: 'workerpool', export: 'pool', via: 'call', kind: 'pool' },
  { package: 'threads', export: 'spawn', via: 'call', kind: 'pool' },
  { package: 'threads', export: 'Pool', via: 'any', kind: 'pool' },
  { package: 'pino', export: 'transport', via: 'call', kind: 'logger' },
  { package: 'pino', export: 'default', via: 'call', kind: 'logger', requiresOption: 'transport' },
  { package: 'pino', export: 'pino', via: 'call', kind: 'logger', requiresOption: 'transport' },
  { package: 'thread-stream', export: 'default', via: 'new', kind: 'logger' },
];

/** Timers that repeat: reported when started at load. */
export const INTERVAL_TIMERS = [{ global: 'setInterval', package: 'timers', export: 'setInterval' }] as const;
/** Timers that fire once: reported when their callback schedules the timer again (a poll loop) at load. */
export const ONE_SHOT_TIMERS = [{ global: 'setTimeout', package: 'timers', export: 'setTimeout' }] as const;
