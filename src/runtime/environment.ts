// Everything the runtime needs from its host, reached lazily. Importing the runtime must have no side
// effect, and a V8 snapshot builder cannot load every builtin (node:http fails on Node 20 and is fatal on
// 22/24), so builtins are fetched on first use through process.getBuiltinModule and cached here.
// Outside Node (edge isolates, browsers) every lookup answers `undefined` and callers degrade.

interface StartupSnapshotApi {
  isBuildingSnapshot(): boolean | number;
  addSerializeCallback(callback: () => void): void;
  addDeserializeCallback(callback: () => void): void;
}
interface V8Module {
  startupSnapshot?: StartupSnapshotApi;
}
interface WorkerThreadsModule {
  isMainThread: boolean;
}
interface ClusterModule {
  isPrimary?: boolean;
  isMaster?: boolean;
  isWorker?: boolean;
}
interface FsModule {
  writeSync(fd: number, text: string): number;
}
interface HostProcess {
  pid?: number;
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

const cache = new Map<string, unknown>();

export function hostProcess(): HostProcess | undefined {
  return (globalThis as { process?: HostProcess }).process;
}

function builtin<T>(id: string): T | undefined {
  if (cache.has(id)) return cache.get(id) as T | undefined;
  let loaded: unknown;
  try {
    loaded = hostProcess()?.getBuiltinModule?.(id);
  } catch {
    loaded = undefined;
  }
  cache.set(id, loaded);
  return loaded as T | undefined;
}

/** The current process id, or undefined where there is no process (edge isolates). */
export function currentPid(): number | undefined {
  return hostProcess()?.pid;
}

export function startupSnapshotApi(): StartupSnapshotApi | undefined {
  return builtin<V8Module>('node:v8')?.startupSnapshot;
}

/** True while this process is running a `--build-snapshot` entry. Node returns a number: coerce it. */
export function isBuildingSnapshot(): boolean {
  try {
    return Boolean(startupSnapshotApi()?.isBuildingSnapshot());
  } catch {
    return false;
  }
}

// A snapshot builder is always a main thread and never a cluster worker, and these builtins must not be
// loaded while building: on Node 20 a builder that loaded node:worker_threads restores a process whose
// worker threads all fail at startup (their shared cwd counter is not carried into the snapshot).

export function isMainThread(): boolean {
  if (isBuildingSnapshot()) return true;
  return builtin<WorkerThreadsModule>('node:worker_threads')?.isMainThread ?? true;
}

/** True in the cluster primary or in a process that is not part of a cluster at all. */
export function isClusterPrimary(): boolean {
  if (isBuildingSnapshot()) return true;
  const cluster = builtin<ClusterModule>('node:cluster');
  if (!cluster) return true;
  return cluster.isPrimary ?? cluster.isMaster ?? !cluster.isWorker;
}

export function envVar(name: string): string | undefined {
  return hostProcess()?.env?.[name];
}

/**
 * Writes one line to stderr synchronously. Asynchronous stdout/stderr writes are lost when a snapshot
 * build ends right after a serialize callback, so the default error report must not go through them.
 */
export function writeStderrLine(text: string): void {
  const fs = builtin<FsModule>('node:fs');
  try {
    if (fs) {
      fs.writeSync(2, `${text}\n`);
      return;
    }
  } catch {
    // fall through to console
  }
  (globalThis as { console?: { error(...args: unknown[]): void } }).console?.error(text);
}
