// What a resource left alive at the end of load breaks, by kind. The snapshot facts are those measured
// on Node 20, 22 and 24 (../shared/research/runtime-anchors.md): a `--build-snapshot` run drains the
// event loop (a ref'd handle or interval keeps it from ever finishing), then serialises the heap (an
// open native handle is fatal: CheckGlobalAndEternalHandles).
import type { Breaks, ResourceKind } from './report.js';

const SNAPSHOT = {
  hang: 'hang: the build never finishes while it is open',
  intervalHang: 'hang: the build never finishes',
  fatal: 'fatal: an open handle cannot be serialised (CheckGlobalAndEternalHandles)',
  workerThrows: 'fatal: new Worker() throws ERR_NOT_SUPPORTED_IN_SNAPSHOT',
  timerLost: 'broken: restored without its libuv timer, so later timers may never fire',
  runsTwice: 'runs twice: at the end of the build and again in every restored process',
} as const;
const PER_WORKER = 'one per cluster or PM2 worker';

export function breaksOf(kind: ResourceKind, ref: boolean | undefined, event?: string): Breaks {
  const handle = ref ? SNAPSHOT.hang : SNAPSHOT.fatal;
  switch (kind) {
    case 'interval':
      return {
        snapshot: ref ? SNAPSHOT.intervalHang : SNAPSHOT.timerLost,
        cluster: 'runs once per cluster or PM2 worker',
        thaw: 'ticks stop while frozen and resume on stale state',
      };
    case 'timeout':
      // A ref'd one-shot timer only makes a build wait for it; an unref'd one is restored without its libuv timer.
      return ref ? {} : { snapshot: SNAPSHOT.timerLost };
    case 'socket':
    case 'agent socket':
      return { snapshot: handle, cluster: PER_WORKER, thaw: 'dead after a thaw (ECONNRESET, socket hang up)' };
    case 'server':
      // Each cluster worker listening is how cluster works: nothing multiplies.
      return { snapshot: handle };
    case 'worker thread':
      return {
        snapshot: SNAPSHOT.workerThrows,
        cluster: 'one per cluster or PM2 worker, and one more per worker thread that loads the module',
      };
    case 'udp socket':
    case 'child process':
    case 'file watcher':
    case 'file handle':
      return { snapshot: handle, cluster: PER_WORKER };
    case 'process listener':
      return event === 'exit' || event === 'beforeExit' ? { snapshot: SNAPSHOT.runsTwice } : {};
  }
}

/** A few words per lifecycle for the table; the JSON and SARIF carry the full text. */
export function shortBreaks(breaks: Breaks): string {
  const parts: string[] = [];
  if (breaks.snapshot) parts.push(`snapshot ${breaks.snapshot.slice(0, breaks.snapshot.indexOf(':'))}`);
  if (breaks.cluster) parts.push('cluster ×N');
  if (breaks.thaw) parts.push('thaw');
  return parts.join(', ');
}
