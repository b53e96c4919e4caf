// The audit's report: what the child process sends the bin, and what every format is made from.

/** Which runtime API created a managed resource (mirrors the runtime's observer). */
export type ManagedBy = 'perProcess' | 'interval' | 'startWorker' | 'onExit';

export type ResourceKind =
  | 'interval'
  | 'timeout'
  | 'socket'
  | 'agent socket'
  | 'server'
  | 'worker thread'
  | 'child process'
  | 'file watcher'
  | 'file handle'
  | 'udp socket'
  | 'process listener';

export interface Site {
  /** Absolute path (or URL for non-file modules). */
  file: string;
  line: number;
  column: number;
}

/** What a resource left alive at load does to each lifecycle change; undefined where it does nothing. */
export interface Breaks {
  snapshot?: string;
  cluster?: string;
  thaw?: string;
}

export interface AuditedResource {
  kind: ResourceKind;
  /** A short description: the interval's period, the socket's peer, the listener's event. */
  detail: string;
  /** Whether it keeps the event loop alive; undefined where that does not apply (listeners). */
  ref: boolean | undefined;
  /** The first frame in user or package code that created it. */
  site: Site | undefined;
  /** The module whose load created it. */
  module: string | undefined;
  /** The package (under node_modules) that module belongs to. */
  package: string | undefined;
  managed: { by: ManagedBy; name: string | undefined } | undefined;
  /** What it breaks if left alone; empty when the runtime manages it. */
  breaks: Breaks;
}

export type LoadStatus = 'loaded' | 'threw' | 'exited' | 'timeout';

export interface AuditReport {
  entry: string;
  node: string;
  status: LoadStatus;
  /** For 'threw': the error; for 'exited': the exit code; for 'timeout': the limit. */
  error?: { message: string; site: Site | undefined; code?: string };
  exitCode?: number;
  timeoutMs?: number;
  /** From the audit's start to the end of load (including the extra event-loop turn). */
  loadMs: number;
  resources: AuditedResource[];
  /**
   * Resource types Node reports as active (process.getActiveResourcesInfo()) beyond those active
   * before the entry loaded and those attributed above: handles opened by Node itself or by code the
   * audit could not see.
   */
  unattributed: { type: string; count: number }[];
}

export function isUnmanaged(resource: AuditedResource): boolean {
  return resource.managed === undefined;
}

/** Whether a resource breaks some lifecycle change (a listener registered once, for a signal, does not). */
export function breaksSomething(resource: AuditedResource): boolean {
  return Object.values(resource.breaks).some((effect) => effect !== undefined);
}

/** Unmanaged and breaking something: what `--fail-on unmanaged` fails on. */
export function isFinding(resource: AuditedResource): boolean {
  return isUnmanaged(resource) && breaksSomething(resource);
}
