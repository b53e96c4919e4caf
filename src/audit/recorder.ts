// Records what a program opens while it loads: async_hooks init callbacks for handles and timers,
// process 'newListener' events for listeners, and the fork-safe runtime's observer for what it
// manages. Recording only: nothing the program calls is wrapped or replaced.
import { createHook } from 'node:async_hooks';
import { basename } from 'node:path';
import { OBSERVER_SLOT, type ManagedKind, type ManagedResourceObserver } from '../runtime/observer.js';
import { breaksOf } from './breaks.js';
import type { AuditedResource, ManagedBy, ResourceKind } from './report.js';
import { captureFrames, FrameClassifier, isInternal, packageOf, siteOf, toPath, type Frame } from './stack.js';

interface Scope {
  kind: ManagedKind;
  name: string | undefined;
}

interface Recorded {
  type: string;
  triggerAsyncId: number;
  resource: object;
  frames: Frame[];
  scope: Scope | undefined;
  /** For listeners. */
  event?: string;
  listener?: Function;
}

/** async_hooks resource types worth reporting, and what each is. */
const HANDLE_KINDS: Readonly<Record<string, ResourceKind>> = {
  Timeout: 'timeout',
  TCPWRAP: 'socket',
  PIPEWRAP: 'socket',
  TCPSERVERWRAP: 'server',
  PIPESERVERWRAP: 'server',
  PROCESSWRAP: 'child process',
  WORKER: 'worker thread',
  FSEVENTWRAP: 'file watcher',
  STATWATCHER: 'file watcher',
  FILEHANDLE: 'file handle',
  UDPWRAP: 'udp socket',
};

/**
 * Node modules that may sit between the creation site and the call that creates a resource of a type.
 * A timer made by http's own code, or a pipe made for a child's stdio, belongs to the resource that code
 * serves (reported in its own right), not to the user.
 */
const ALLOWED_INTERNALS: Readonly<Record<string, (file: string) => boolean>> = {
  Timeout: (file) => /^node:(?:internal\/)?timers(?:\/promises)?$/.test(file),
  listener: (file) => file === 'node:events' || file.startsWith('node:internal/process/'),
  PIPEWRAP: (file) => !file.includes('child_process'),
};

type Anything = { [key: string | symbol]: unknown };

function ownerOf(resource: object): Anything | undefined {
  const slot = Object.getOwnPropertySymbols(resource).find((symbol) => symbol.description === 'owner_symbol');
  return slot === undefined ? undefined : ((resource as Anything)[slot] as Anything | undefined);
}

function call(target: Anything | undefined, method: string): unknown {
  try {
    const fn = target?.[method];
    return typeof fn === 'function' ? fn.call(target) : undefined;
  } catch {
    return undefined;
  }
}

/** The names process.getActiveResourcesInfo() gives the handle types recorded here. */
const ACTIVE_INFO_NAMES: Readonly<Record<string, string>> = {
  Timeout: 'Timeout',
  TCPWRAP: 'TCPSocketWrap',
  TCPSERVERWRAP: 'TCPServerWrap',
  PIPEWRAP: 'PipeWrap',
  PIPESERVERWRAP: 'PipeServerWrap',
  PROCESSWRAP: 'ProcessWrap',
  FSEVENTWRAP: 'FSEventWrap',
  STATWATCHER: 'StatWatcher',
  UDPWRAP: 'UDPWrap',
  FILEHANDLE: 'FileHandle',
};

export function countActive(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

export interface Recorder {
  /** The audit's own timers and listeners are created inside this and never recorded. */
  untracked<T>(fn: () => T): T;
  /** Every resource recorded and still alive. */
  resources(): AuditedResource[];
  /**
   * Active resource types (process.getActiveResourcesInfo()) that neither existed before recording
   * started nor were recorded: opened by code the hooks could not see.
   */
  unattributed(before: Map<string, number>): { type: string; count: number }[];
  stop(): void;
}

export function startRecorder(auditFiles: ReadonlySet<string>): Recorder {
  const frames = new FrameClassifier(auditFiles);
  const records: Recorded[] = [];
  const byAsyncId = new Map<number, Recorded>();
  const scopes: Scope[] = [];
  const managedValues: { value: Anything; scope: Scope }[] = [];
  let paused = 0;

  const observer: ManagedResourceObserver = {
    enter(kind, name) {
      scopes.push({ kind, name });
      // The frame after this one is the runtime's: learn its file, so a bundled copy is recognised too.
      const caller = captureFrames()[1];
      if (caller?.file) frames.runtimeFiles.add(toPath(caller.file));
    },
    exit(kind, name, value) {
      scopes.pop();
      if (kind === 'perProcess' && typeof value === 'object' && value !== null) {
        managedValues.push({ value: value as Anything, scope: { kind, name } });
      }
    },
  };
  const slots = globalThis as unknown as { [key: symbol]: unknown };
  const previousObserver = slots[OBSERVER_SLOT];
  Object.defineProperty(globalThis, OBSERVER_SLOT, { value: observer, configurable: true, writable: true });

  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (paused > 0 || !(type in HANDLE_KINDS)) return;
      const record: Recorded = {
        type,
        triggerAsyncId,
        resource,
        frames: captureFrames(),
        scope: scopes.at(-1),
      };
      records.push(record);
      byAsyncId.set(asyncId, record);
    },
  });

  function onNewListener(event: string | symbol, listener: Function): void {
    if (paused > 0 || event === 'newListener' || event === 'removeListener') return;
    records.push({
      type: 'listener',
      triggerAsyncId: 0,
      resource: listener,
      frames: captureFrames(),
      scope: scopes.at(-1),
      event: String(event),
      listener,
    });
  }

  const untracked = <T>(fn: () => T): T => {
    paused++;
    try {
      return fn();
    } finally {
      paused--;
    }
  };

  untracked(() => process.on('newListener', onNewListener));
  hook.enable();

  function managedOwnerScope(owner: Anything | undefined, resource: object): Scope | undefined {
    for (const { value, scope } of managedValues) {
      if (value === owner || value === resource) return scope;
      if (owner === undefined) continue;
      for (const pool of [value.sockets, value.freeSockets]) {
        if (typeof pool !== 'object' || pool === null) continue;
        for (const list of Object.values(pool)) if (Array.isArray(list) && list.includes(owner)) return scope;
      }
    }
    return undefined;
  }

  function describe(record: Recorded): AuditedResource | undefined {
    const { type, resource } = record;
    const owner = ownerOf(resource);
    let kind: ResourceKind;
    let detail = '';
    let ref: boolean | undefined;
    let alive = true;
    const timer = resource as Anything;
    switch (type) {
      case 'listener': {
        kind = 'process listener';
        alive = process.listeners(record.event as NodeJS.Signals).includes(record.listener as never);
        detail = `process.on('${record.event}')`;
        break;
      }
      case 'Timeout': {
        alive = timer._destroyed !== true;
        const repeat = typeof timer._repeat === 'number';
        kind = repeat ? 'interval' : 'timeout';
        detail = `${repeat ? 'every' : 'after'} ${String(timer._idleTimeout)} ms`;
        ref = call(timer, 'hasRef') === true;
        break;
      }
      case 'WORKER': {
        const hasRef = call(timer, 'hasRef');
        alive = typeof hasRef === 'boolean';
        ref = hasRef === true;
        kind = 'worker thread';
        detail = `thread ${String(timer.threadId)}`;
        break;
      }
      default: {
        kind = HANDLE_KINDS[type]!;
        ref = call(timer, 'hasRef') === true;
        if (owner) {
          if ('destroyed' in owner) alive = owner.destroyed !== true;
          if (type.endsWith('SERVERWRAP')) {
            alive = owner.listening === true;
            const address = call(owner, 'address') as { address?: string; port?: number } | string | null;
            detail = typeof address === 'string' ? address : address ? `${address.address}:${address.port}` : '';
          } else if (type === 'PROCESSWRAP') {
            alive = owner.exitCode === null && owner.signalCode === null;
            detail = `pid ${String(owner.pid)} ${basename(String(owner.spawnfile ?? ''))}`.trim();
          } else if (type === 'FSEVENTWRAP' || type === 'STATWATCHER') {
            alive = owner._handle !== null && owner._handle !== undefined;
          } else if (type === 'TCPWRAP' || type === 'PIPEWRAP') {
            if (owner.remoteAddress) detail = `${String(owner.remoteAddress)}:${String(owner.remotePort)}`;
            else if (owner.connecting === true) detail = 'connecting';
          }
        }
        if (type === 'FILEHANDLE' && typeof timer.fd === 'number') {
          alive = timer.fd >= 0;
          detail = `fd ${timer.fd}`;
        }
      }
    }
    if (!alive) return undefined;

    const stack = record.frames;
    let at = frames.siteIndex(stack);
    const allowed = ALLOWED_INTERNALS[type];
    const before = at < 0 ? stack : stack.slice(0, at);
    const foreign = (frame: Frame): boolean =>
      isInternal(frame) &&
      frame.file !== undefined &&
      frame.file !== 'node:internal/async_hooks' &&
      !allowed!(frame.file);
    if (allowed && before.some(foreign)) return undefined;
    // process.stdout and process.stderr, opened lazily on first use, belong to Node.
    if (before.some((frame) => frame.file?.startsWith('node:internal/bootstrap/'))) return undefined;
    if (kind === 'socket' && before.some((frame) => frame.file === 'node:_http_agent')) {
      kind = 'agent socket';
      detail = `${detail}${detail ? ', ' : ''}${owner && owner._httpMessage ? 'in use' : 'idle in the pool'}`;
    }
    let site = at >= 0 ? siteOf(stack[at]) : undefined;
    let module = at >= 0 ? frames.moduleOf(stack, at) : undefined;
    let scope = record.scope;
    if (at < 0) {
      // Opened by Node on behalf of another recorded resource (a server's connection): that one's site.
      const parent = byAsyncId.get(record.triggerAsyncId);
      if (!parent || type === 'Timeout') return undefined;
      at = frames.siteIndex(parent.frames);
      if (at < 0) return undefined;
      site = siteOf(parent.frames[at]);
      module = frames.moduleOf(parent.frames, at);
      scope ??= parent.scope;
    }
    scope ??= managedOwnerScope(owner, resource);
    const managed = scope ? { by: scope.kind as ManagedBy, name: scope.name } : undefined;
    return {
      kind,
      detail,
      ref,
      site,
      module,
      package: packageOf(module),
      managed,
      breaks: managed ? {} : breaksOf(kind, ref, record.event),
    };
  }

  return {
    untracked,
    resources() {
      return untracked(() => records.map(describe).filter((r): r is AuditedResource => r !== undefined));
    },
    unattributed(before) {
      const seen = new Map<string, number>();
      for (const record of records) {
        const name = ACTIVE_INFO_NAMES[record.type];
        if (name === undefined || call(record.resource as Anything, 'hasRef') !== true) continue;
        if (record.type === 'Timeout' && (record.resource as Anything)._destroyed === true) continue;
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
      const result: { type: string; count: number }[] = [];
      for (const [type, count] of countActive()) {
        if (!Object.values(ACTIVE_INFO_NAMES).includes(type)) continue;
        const extra = count - (before.get(type) ?? 0) - (seen.get(type) ?? 0);
        if (extra > 0) result.push({ type, count: extra });
      }
      return result;
    },
    stop() {
      hook.disable();
      process.removeListener('newListener', onNewListener);
      if (slots[OBSERVER_SLOT] === observer) {
        if (previousObserver === undefined) delete slots[OBSERVER_SLOT];
        else slots[OBSERVER_SLOT] = previousObserver;
      }
    },
  };
}
