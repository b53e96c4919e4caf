import { envVar, isClusterPrimary, isMainThread } from './environment.js';
import { state } from './state.js';

/**
 * Which process of a multi-process deployment runs the work:
 * - 'primary': the cluster primary, or a process that is not part of a cluster;
 * - 'instance0': PM2's first instance (`NODE_APP_INSTANCE`, else `pm_id`, equal to 0); where neither is
 *   set, the same as 'primary';
 * - 'mainThread': every process, but never a worker thread.
 * Every choice excludes worker threads, which re-evaluate modules.
 */
export type RunOnceWhere = 'primary' | 'instance0' | 'mainThread';

export interface RunOnceOptions {
  /** Names the work: a second call with the same key in the same process generation does nothing. */
  key: string;
  /** Default 'primary'. */
  where?: RunOnceWhere;
}

function thisProcessRuns(where: RunOnceWhere): boolean {
  if (!isMainThread()) return false;
  switch (where) {
    case 'mainThread':
      return true;
    case 'instance0': {
      const instance = envVar('NODE_APP_INSTANCE') ?? envVar('pm_id');
      return instance === undefined ? isClusterPrimary() : instance === '0';
    }
    case 'primary':
      return isClusterPrimary();
    default:
      throw new TypeError(`fork-safe runOnce(): unknown where '${String(where)}'`);
  }
}

/**
 * Runs work that must not be multiplied across cluster or PM2 workers or repeated in worker threads:
 * a cron job, a migration, an unguarded cluster.fork(). Returns whether `fn` ran here. Errors from `fn`
 * propagate, as they would have without the guard.
 */
export function runOnce(fn: () => unknown, options: RunOnceOptions): boolean {
  if (typeof fn !== 'function') throw new TypeError('fork-safe runOnce(): fn must be a function');
  if (typeof options?.key !== 'string' || options.key === '') {
    throw new TypeError('fork-safe runOnce(): options.key must be a non-empty string');
  }
  if (!thisProcessRuns(options.where ?? 'primary')) return false;
  const s = state();
  if (s.runOnceKeys.get(options.key) === s.generation) return false;
  s.runOnceKeys.set(options.key, s.generation);
  fn();
  return true;
}
