import { currentPid, isBuildingSnapshot } from './environment.js';
import type { ErrorSink, HookReport } from './errors.js';
import type { Registration } from './registry.js';
import { installSnapshotCallbacks } from './snapshot.js';

/**
 * The runtime's process-wide state. It lives on a global symbol, not in a module variable, so that the
 * ESM and CommonJS builds of the runtime (or two bundled copies of it) loaded into one process share one
 * registry, one generation counter, one pair of snapshot callbacks and one exit listener. The slot is
 * versioned: a future incompatible layout takes a new symbol.
 */
export interface RuntimeState {
  /** Bumped on every restore: a V8 snapshot deserialize, a pid change, or notifyRestored(). */
  generation: number;
  /** The pid the current generation belongs to. */
  pid: number | undefined;
  /** True from the first use inside a `--build-snapshot` entry until that snapshot is restored. */
  building: boolean;
  shutdown: boolean;
  shutdownReport: Promise<HookReport> | undefined;
  /** Registration order; a Set keeps insertion order and deletes in O(1). */
  registrations: Set<Registration>;
  nextSequence: number;
  errorSink: ErrorSink | undefined;
  /** runOnce keys and the generation each ran in. */
  runOnceKeys: Map<string, number>;
  exitHandlers: Map<string, Map<ExitHandler, ExitEntry>>;
  /** Prunes registrations whose weakly held owner was collected. Created on first weak registration. */
  finalizer: FinalizationRegistry<Registration> | undefined;
}

export type ExitHandler = () => unknown;
export interface ExitEntry {
  name: string | undefined;
  /** The generation this handler last ran in; -1 before it ever ran. */
  ranInGeneration: number;
}

const STATE_SLOT = Symbol.for('eslint-plugin-fork-safe/runtime-state@1');

let current: RuntimeState | undefined;

/** The shared state, created on first use (never at import). */
export function state(): RuntimeState {
  return (current ??= adoptOrCreate());
}

/** The state if some copy of the runtime has already created it, without creating it. */
export function existingState(): RuntimeState | undefined {
  return current ?? (globalThis as Record<symbol, RuntimeState | undefined>)[STATE_SLOT];
}

function adoptOrCreate(): RuntimeState {
  const slots = globalThis as Record<symbol, RuntimeState | undefined>;
  const existing = slots[STATE_SLOT];
  if (existing) return existing;
  const created: RuntimeState = {
    generation: 0,
    pid: currentPid(),
    building: isBuildingSnapshot(),
    shutdown: false,
    shutdownReport: undefined,
    registrations: new Set(),
    nextSequence: 0,
    errorSink: undefined,
    runOnceKeys: new Map(),
    exitHandlers: new Map(),
    finalizer: undefined,
  };
  slots[STATE_SLOT] = created;
  // Node's snapshot callbacks cannot be removed and throw outside a build: exactly one pair, only now.
  if (created.building) installSnapshotCallbacks(created);
  return created;
}
