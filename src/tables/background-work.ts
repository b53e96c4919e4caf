/**
 * What starts background work: threads, processes, pools and thread-backed loggers. Data, not code:
 * add a row to teach no-module-scope-worker a new creator; users add their own through the rule's
 * `additionalCreators` option.
 */
export type BackgroundKind = 'thread' | 'process' | 'cluster' | 'pool' | 'logger' | 'scheduler';

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
  /** The method that shuts a pool down: the dispose when the fix holds it with perProcess(). */
  close?: string;
}

export const BACKGROUND_CREATORS: readonly BackgroundCreator[] = [
  { package: 'worker_threads', export: 'Worker', via: 'new', kind: 'thread' },
  { package: 'child_process', export: 'fork', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'spawn', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'exec', via: 'call', kind: 'process' },
  { package: 'child_process', export: 'execFile', via: 'call', kind: 'process' },
  { package: 'cluster', export: 'fork', via: 'call', kind: 'cluster' },
  { package: 'piscina', export: 'default', via: 'new', kind: 'pool', close: 'destroy' },
  { package: 'piscina', export: 'Piscina', via: 'new', kind: 'pool', close: 'destroy' },
  { package: 'tinypool', export: 'default', via: 'new', kind: 'pool', close: 'destroy' },
  { package: 'tinypool', export: 'Tinypool', via: 'new', kind: 'pool', close: 'destroy' },
  { package: 'workerpool', export: 'pool', via: 'call', kind: 'pool', close: 'terminate' },
  { package: 'threads', export: 'spawn', via: 'call', kind: 'pool' },
  { package: 'threads', export: 'Pool', via: 'any', kind: 'pool', close: 'terminate' },
  { package: 'pino', export: 'transport', via: 'call', kind: 'logger' },
  { package: 'pino', export: 'default', via: 'call', kind: 'logger', requiresOption: 'transport' },
  { package: 'pino', export: 'pino', via: 'call', kind: 'logger', requiresOption: 'transport' },
  { package: 'thread-stream', export: 'default', via: 'new', kind: 'logger' },
  // node-cron's schedule() creates a task and starts its timer (or, for a task file, forks a daemon)
  // at once; createTask() starts nothing until .start(), so it is no row.
  { package: 'node-cron', export: 'schedule', via: 'call', kind: 'scheduler' },
  { package: 'node-cron', export: 'default.schedule', via: 'call', kind: 'scheduler' },
  { package: 'node-cron', export: 'nodeCron.schedule', via: 'call', kind: 'scheduler' },
];

/** Timers that repeat: reported when started at load. */
export const INTERVAL_TIMERS = [{ global: 'setInterval', package: 'timers', export: 'setInterval' }] as const;
/** Timers that fire once: reported when their callback schedules the timer again (a poll loop) at load. */
export const ONE_SHOT_TIMERS = [{ global: 'setTimeout', package: 'timers', export: 'setTimeout' }] as const;

/**
 * Libraries that run a generator function at once when handed one, stepping it through its yields as
 * `await` steps an async function: `co(function* () { const c = yield connect(); ... })` at load runs
 * the generator's body at load, as an async IIFE's would. The runner is the module object itself
 * (`require('co')`), or its default export, which resolve.ts's isModuleMember treats as the same.
 */
export const GENERATOR_RUNNERS: readonly { package: string }[] = [{ package: 'co' }];
