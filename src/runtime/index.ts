/**
 * eslint-plugin-fork-safe/runtime: the reinit lifecycle for resources that must not outlive the
 * process, thread or isolate that made them. No dependencies; importing it does nothing until first use.
 * See docs/runtime.md.
 */
export { setErrorSink, HookError } from './errors.js';
export type { ErrorSink, ErrorSource, HookReport, LifecyclePhase } from './errors.js';
export { isBuildingSnapshot } from './environment.js';
export { register, TASK_PRIORITY } from './registry.js';
export type { LifecycleHooks, RegisterOptions } from './registry.js';
export { generation, notifyRestored, shutdown, isShutdown } from './lifecycle.js';
export type { ShutdownOptions } from './lifecycle.js';
export { perProcess } from './per-process.js';
export type { PerProcess, PerProcessOptions } from './per-process.js';
export { perProcessProxy } from './proxy.js';
export { interval } from './interval.js';
export type { IntervalOptions } from './interval.js';
export { startWorker } from './worker.js';
export type { ManagedWorker, StartWorkerOptions, WorkerLike } from './worker.js';
export type { ManagedTask, RestartPolicy, TaskOptions } from './task.js';
export { runOnce } from './run-once.js';
export type { RunOnceOptions, RunOnceWhere } from './run-once.js';
export { onExit } from './on-exit.js';
export type { OnExitOptions } from './on-exit.js';
