// Real V8 startup snapshot builds and restores for the runtime proofs: `node --snapshot-blob X.blob
// --build-snapshot entry.js`, then `node --snapshot-blob X.blob`. Nothing about v8 is mocked.
import { existsSync, rmSync, statSync } from 'node:fs';
import { runNode, type RunOptions, type RunResult } from './node.js';

export interface SnapshotBuild extends RunResult {
  blob: string;
  /** Size of the blob the build wrote; 0 when it wrote none. */
  blobBytes: number;
}

/** Builds a snapshot from a bundled entry; any blob left from an earlier build is removed first. */
export async function buildSnapshot(entry: string, blob: string, options: RunOptions = {}): Promise<SnapshotBuild> {
  rmSync(blob, { force: true });
  const result = await runNode(['--snapshot-blob', blob, '--build-snapshot', entry], options);
  return { ...result, blob, blobBytes: existsSync(blob) ? statSync(blob).size : 0 };
}

/** Starts a process restored from `blob` (its deserialize main function runs). */
export function runSnapshot(blob: string, options: RunOptions = {}): Promise<RunResult> {
  return runNode(['--snapshot-blob', blob], options);
}

/** Runs a lazily started piece of work once; every caller awaits the same promise. */
export function once<T>(work: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= work());
}

/**
 * At most `slots` of the wrapped jobs at a time: snapshot builds are CPU-bound, and concurrent tests on
 * a small machine must not stretch a build past the bounds the tests assert.
 */
export function limiter(slots: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < slots) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  // A finished job hands its slot straight to the next waiter, so the count never exceeds `slots`.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(job: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await job();
    } finally {
      release();
    }
  };
}
