// Proofs through real V8 startup snapshots, on Node 20 (this machine), 22 and 24 (test/compat):
// `node --snapshot-blob X.blob --build-snapshot entry.cjs`, then `node --snapshot-blob X.blob`. The
// fixtures in test/fixtures/snapshot/ are bundled with the built runtime into one file each (a snapshot
// entry cannot load user modules). Nothing about v8 is mocked.
//
// The three majors run concurrently (describe.concurrent); CPU-bound processes share two slots, the
// builds that are expected to hang (idle until the deadline) do not take a slot.
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { jsonLines, makeTempDir, nodeBinary, projectRoot, type RunResult, sinkLines } from '../helpers/node.js';
import { startPingServer, type LoopbackServer } from '../helpers/servers.js';
import { buildSnapshot, limiter, once, runSnapshot, type SnapshotBuild } from '../helpers/snapshot.js';

const MAJORS = ['20', '22', '24'] as const;
type Major = (typeof MAJORS)[number];

/** How long a build that should hang is given; a working build of the same fixture takes well under 1 s. */
const HANG_BOUND_MS = 7000;
/** Hard deadlines for processes that should finish; the tests assert tighter bounds where it matters. */
const BUILD_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 20_000;

const temp = makeTempDir('fork-safe-snapshot-');
const servers: LoopbackServer[] = [];
const cpu = limiter(2);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  temp.cleanup();
});

const bundles = once(async () => {
  const bundle = (name: string) =>
    bundleFixture(join(projectRoot, 'test/fixtures/snapshot', `${name}.ts`), join(temp.dir, `${name}.cjs`), 'cjs');
  const [managed, naive, eagerWorkerThreads, lifecycle] = await Promise.all(
    ['managed', 'naive', 'eager-worker-threads', 'lifecycle'].map(bundle),
  );
  return { managed: managed!, naive: naive!, eagerWorkerThreads: eagerWorkerThreads!, lifecycle: lifecycle! };
});

async function pingServer(): Promise<LoopbackServer> {
  const server = await startPingServer();
  servers.push(server);
  return server;
}

function portEnv(server: LoopbackServer): Record<string, string> {
  return { FORK_SAFE_PING_PORT: String(server.port) };
}

/** The build's pid, as managed.ts reports it on stderr once the build-time ping was answered. */
function managedBuildPid(build: SnapshotBuild): number {
  const match = /\[managed\] build pid (\d+) got/.exec(build.stderr);
  if (!match) throw new Error(`the managed build did not report its ping:\n${build.stderr}`);
  return Number(match[1]);
}

/** What the restored main of managed.ts prints. */
interface ManagedResult {
  pid: number;
  generation: number;
  build: {
    pid: number;
    building: boolean;
    generation: number;
    tickerRunning: boolean;
    workerRunning: boolean;
    pong: string;
    ticksAtSnapshot: number;
    socketDestroyedAtSnapshot: boolean;
  };
  created: { pid: number; building: boolean }[];
  disposed: { pid: number; building: boolean; destroyedBefore: boolean }[];
  ticksAtMainStart: number;
  peekBeforeUse: string;
  buildSocketDestroyed: boolean;
  tickerRunning: boolean;
  workerRunning: boolean;
  freshSocket: boolean;
  pong: string;
  workerAnswer: string;
  ticksAfterRestore: number;
  shutdown: { ran: number; errors: string[] };
  afterShutdown: { tickerRunning: boolean; workerRunning: boolean; peek: string; socketDestroyed: boolean };
}

interface Restored {
  run: RunResult;
  output: Record<string, unknown>[];
  /** The loopback server's connection count once the process had ended. */
  connectionsAfter: number;
}

interface LifecycleEvent {
  event: 'hook' | 'flush' | 'onExit' | 'main' | 'shutdown' | 'build-end';
  phase?: 'beforeSnapshot' | 'afterRestore';
  hook?: string;
  pid: number;
  generation: number;
  building: boolean;
  owners?: string[];
  flushes?: number;
}

function lifecycleEvents(stdout: string): LifecycleEvent[] {
  return jsonLines(stdout) as unknown as LifecycleEvent[];
}

function hooksOf(events: LifecycleEvent[], phase: 'beforeSnapshot' | 'afterRestore'): string[] {
  return events.filter((e) => e.event === 'hook' && e.phase === phase).map((e) => e.hook ?? '?');
}

/** Every process a major's tests need, each started once, on first demand. */
function scenarios(major: Major) {
  const node = (): string => nodeBinary(major);
  const blob = (name: string): string => join(temp.dir, `${name}-${major}.blob`);

  const managedBuild = once(async () => {
    const { managed } = await bundles();
    const server = await pingServer();
    const build = await cpu(() =>
      buildSnapshot(managed, blob('managed'), { node: node(), env: portEnv(server), timeoutMs: BUILD_TIMEOUT_MS }),
    );
    return { server, build, connectionsAfterBuild: server.connections() };
  });
  const restoreManaged = async (): Promise<Restored> => {
    const { server, build } = await managedBuild();
    const run = await cpu(() =>
      runSnapshot(build.blob, { node: node(), env: portEnv(server), timeoutMs: RUN_TIMEOUT_MS }),
    );
    return { run, output: jsonLines(run.stdout), connectionsAfter: server.connections() };
  };
  // Sequential, so each run's connection count is its own.
  const managedRun1 = once(restoreManaged);
  const managedRun2 = once(async () => {
    await managedRun1();
    return restoreManaged();
  });

  const naiveBuild = (hazard: string, expectHang: boolean) =>
    once(async (): Promise<SnapshotBuild & { server: LoopbackServer }> => {
      const { naive } = await bundles();
      const server = await pingServer();
      const options = {
        node: node(),
        env: { ...portEnv(server), FORK_SAFE_HAZARD: hazard },
        timeoutMs: expectHang ? HANG_BOUND_MS : BUILD_TIMEOUT_MS,
      };
      const build = await (expectHang
        ? buildSnapshot(naive, blob(`naive-${hazard}`), options)
        : cpu(() => buildSnapshot(naive, blob(`naive-${hazard}`), options)));
      return { ...build, server };
    });
  const naive = {
    interval: naiveBuild('interval', true),
    worker: naiveBuild('worker', false),
    socket: naiveBuild('socket', false),
    socketRef: naiveBuild('socket-ref', true),
  };
  const eagerWorkerThreadsBuild = once(async () => {
    const { eagerWorkerThreads } = await bundles();
    return cpu(() =>
      buildSnapshot(eagerWorkerThreads, blob('eager-worker-threads'), { node: node(), timeoutMs: BUILD_TIMEOUT_MS }),
    );
  });
  const eagerWorkerThreadsRun = once(async () => {
    const build = await eagerWorkerThreadsBuild();
    return cpu(() => runSnapshot(build.blob, { node: node(), timeoutMs: RUN_TIMEOUT_MS }));
  });

  const lifecycleBuild = once(async () => {
    const { lifecycle } = await bundles();
    return cpu(() => buildSnapshot(lifecycle, blob('lifecycle'), { node: node(), timeoutMs: BUILD_TIMEOUT_MS }));
  });
  const restoreLifecycle = async (): Promise<RunResult> => {
    const build = await lifecycleBuild();
    return cpu(() => runSnapshot(build.blob, { node: node(), timeoutMs: RUN_TIMEOUT_MS }));
  };
  const lifecycleRun1 = once(restoreLifecycle);
  const lifecycleRun2 = once(async () => {
    await lifecycleRun1();
    return restoreLifecycle();
  });

  return {
    managedBuild,
    managedRun1,
    managedRun2,
    naive,
    eagerWorkerThreadsBuild,
    eagerWorkerThreadsRun,
    lifecycleBuild,
    lifecycleRun1,
    lifecycleRun2,
  };
}

function managedResult(restored: Restored): ManagedResult {
  const [result, ...rest] = restored.output;
  if (!result || rest.length > 0) {
    throw new Error(
      `expected one JSON line from the restored process, got ${restored.output.length}:\n${restored.run.stdout}\n${restored.run.stderr}`,
    );
  }
  return result as unknown as ManagedResult;
}

describe.concurrent.each(MAJORS)('V8 startup snapshot on Node %s', (major) => {
  const s = scenarios(major);

  describe('a fixture written with the runtime: perProcess socket, interval and startWorker', () => {
    it('builds: exits 0 well within the bound a hanging build hits, writes a blob, used the socket during the build', async ({
      expect,
    }) => {
      const { build, connectionsAfterBuild } = await s.managedBuild();
      expect(build.timedOut).toBe(false);
      expect(build.signal).toBeNull();
      expect(build.code).toBe(0);
      expect(build.durationMs).toBeLessThan(HANG_BOUND_MS);
      expect(build.blobBytes).toBeGreaterThan(1_000_000);
      // The socket was live during the build: it connected and got the server's answer.
      expect(build.stderr).toMatch(/\[managed\] build pid \d+ got "pong 1"/);
      expect(connectionsAfterBuild).toBe(1);
      // Nothing was contained: no hook, dispose or worker error.
      expect(sinkLines(build.stderr)).toEqual([]);
    });

    it('restores into generation 1 with the build-time socket disposed, not carried', async ({ expect }) => {
      const { build } = await s.managedBuild();
      const restored = await s.managedRun1();
      const result = managedResult(restored);
      const buildPid = managedBuildPid(build);
      expect(result.generation).toBe(1);
      expect(result.pid).not.toBe(buildPid);
      // What the build saw, carried in the heap: generation 0, building, nothing started yet.
      expect(result.build).toEqual({
        pid: buildPid,
        building: true,
        generation: 0,
        tickerRunning: false,
        workerRunning: false,
        pong: 'pong 1',
        ticksAtSnapshot: 0,
        socketDestroyedAtSnapshot: true,
      });
      // The build-time socket was destroyed in the build's serialize phase (by the holder's dispose), and
      // the holder has no value in the restored process until get().
      expect(result.disposed[0]).toEqual({ pid: buildPid, building: true, destroyedBefore: false });
      expect(result.peekBeforeUse).toBe('undefined');
      expect(result.buildSocketDestroyed).toBe(true);
    });

    it('get() after the restore creates a fresh socket that talks to the server', async ({ expect }) => {
      const { build, connectionsAfterBuild } = await s.managedBuild();
      const restored = await s.managedRun1();
      const result = managedResult(restored);
      expect(result.freshSocket).toBe(true);
      expect(result.created).toEqual([
        { pid: managedBuildPid(build), building: true },
        { pid: result.pid, building: false },
      ]);
      expect(result.pong).toBe('pong 2');
      expect(restored.connectionsAfter).toBe(connectionsAfterBuild + 1);
    });

    it('the interval never ticked during the build and ticks after the restore; the worker starts and answers', async ({
      expect,
    }) => {
      const result = managedResult(await s.managedRun1());
      expect(result.build.ticksAtSnapshot).toBe(0);
      expect(result.ticksAtMainStart).toBe(0);
      expect(result.tickerRunning).toBe(true);
      expect(result.ticksAfterRestore).toBeGreaterThanOrEqual(3);
      expect(result.workerRunning).toBe(true);
      expect(result.workerAnswer).toBe('pong');
    });

    it('after await shutdown() everything is stopped and the process exits 0 by itself', async ({ expect }) => {
      const restored = await s.managedRun1();
      const result = managedResult(restored);
      expect(restored.run.timedOut).toBe(false);
      expect(restored.run.signal).toBeNull();
      expect(restored.run.code).toBe(0);
      // Interval, worker and holder each ran their shutdown hook, without error.
      expect(result.shutdown).toEqual({ ran: 3, errors: [] });
      expect(result.afterShutdown).toEqual({
        tickerRunning: false,
        workerRunning: false,
        peek: 'undefined',
        socketDestroyed: true,
      });
      expect(result.disposed[1]).toEqual({ pid: result.pid, building: false, destroyedBefore: false });
      expect(sinkLines(restored.run.stderr)).toEqual([]);
    });

    it('each process restored from the same blob gets its own fresh resources', async ({ expect }) => {
      const { build } = await s.managedBuild();
      const first = await s.managedRun1();
      const second = await s.managedRun2();
      const one = managedResult(first);
      const two = managedResult(second);
      expect(second.run.code).toBe(0);
      const buildPid = managedBuildPid(build);
      expect(new Set([buildPid, one.pid, two.pid]).size).toBe(3);
      // Every run starts from the build's heap: generation 1 again, the build's socket already gone.
      expect(two.generation).toBe(1);
      expect(two.peekBeforeUse).toBe('undefined');
      expect(two.created).toEqual([
        { pid: buildPid, building: true },
        { pid: two.pid, building: false },
      ]);
      // Two restores, two new connections.
      expect([one.pong, two.pong]).toEqual(['pong 2', 'pong 3']);
      expect([first.connectionsAfter, second.connectionsAfter]).toEqual([2, 3]);
      expect(two.ticksAfterRestore).toBeGreaterThanOrEqual(3);
      expect(two.workerAnswer).toBe('pong');
    });
  });

  describe("the same fixture written the naive way: Node's own failures", () => {
    it("a ref'd setInterval at module scope: the build never finishes", async ({ expect }) => {
      const build = await s.naive.interval();
      expect(build.timedOut).toBe(true);
      expect(build.signal).toBe('SIGKILL');
      // The interval really ran during the build, and nothing ever reached the serialize step.
      expect(build.stderr).toContain('[naive] build tick 3');
      expect(build.blobBytes).toBe(0);
    });

    it('new Worker() at module scope: the build fails with ERR_NOT_SUPPORTED_IN_SNAPSHOT', async ({ expect }) => {
      const build = await s.naive.worker();
      expect(build.timedOut).toBe(false);
      expect(build.code).toBe(1);
      // The builder prints the throwing source line (`throw new ERR_NOT_SUPPORTED_IN_SNAPSHOT(reason)`)
      // and the message; it does not print the error's `code` property (measured on 20, 22 and 24).
      expect(build.stderr).toContain('ERR_NOT_SUPPORTED_IN_SNAPSHOT');
      expect(build.stderr).toContain('Creating workers is not supported in startup snapshot');
      expect(build.blobBytes).toBe(0);
    });

    it("a socket left open (unref'd so it does not hold the build): V8 fatal error, no blob", async ({ expect }) => {
      const build = await s.naive.socket();
      expect(build.stderr).toContain('[naive] build got "pong 1"');
      expect(build.timedOut).toBe(false);
      // V8's fatal error ends in a trap instruction: SIGTRAP on 20, 22 and 24 (exit status 133 in a shell).
      expect(build.code).toBeNull();
      expect(build.signal).toBe('SIGTRAP');
      // 20 prints "Check failed: handle_checker.CheckGlobalAndEternalHandles()", 22 and 24
      // "CheckGlobalAndEternalHandles failed", on stderr; V8 dumps the offending handle (the Socket's
      // native wrap) on stdout first.
      expect(build.stdout).toMatch(/global handle not serialized[\s\S]*Socket/);
      expect(build.stderr).toMatch(/# Fatal error[\s\S]*CheckGlobalAndEternalHandles/);
      expect(build.blobBytes).toBe(0);
    });

    it("the same socket left ref'd: the build never reaches the serialize step", async ({ expect }) => {
      // Serialize callbacks run only once the build's event loop has drained, so a ref'd socket hangs the
      // build before anything could close it (the reason perProcess unrefs values created in a build).
      const build = await s.naive.socketRef();
      expect(build.stderr).toContain('[naive] build got "pong 1"');
      expect(build.timedOut).toBe(true);
      expect(build.blobBytes).toBe(0);
    });

    it('node:worker_threads loaded at build time, the worker created only after the restore', async ({ expect }) => {
      // Not in the research notes; measured here. The build succeeds on every major (with Node's warning
      // that worker_threads is not verified in snapshot builders), but the restored process differs:
      // 20: the worker dies at startup (its process.cwd() reads a counter the snapshot did not restore);
      // 22: the process aborts in a native assertion; 24: works. managed.ts therefore loads
      // node:worker_threads inside startWorker's factory, after the restore, which works on all three.
      const build = await s.eagerWorkerThreadsBuild();
      expect(build.code).toBe(0);
      expect(build.blobBytes).toBeGreaterThan(0);
      expect(build.stderr).toContain('"node:worker_threads" works in user snapshot builder scripts');
      const run = await s.eagerWorkerThreadsRun();
      expect(run.timedOut).toBe(false);
      const answer = jsonLines(run.stdout)[0]?.workerAnswer;
      if (major === '20') {
        expect(run.code).toBe(0);
        expect(answer).toBe('error: undefined is not an integer typed array.');
      } else if (major === '22') {
        expect(run.signal).toBe('SIGABRT');
        expect(run.stderr).toContain('Assertion failed: shutdown_wrap_template_.IsEmpty()');
        expect(answer).toBeUndefined();
      } else {
        expect(run.code).toBe(0);
        expect(answer).toBe('message: pong');
      }
    });
  });

  describe('lifecycle semantics through a real build and restore', () => {
    it('before-snapshot hooks run newest-first, higher priorities first; after-restore hooks oldest-first, higher priorities last', async ({
      expect,
    }) => {
      const build = await s.lifecycleBuild();
      const run = await s.lifecycleRun1();
      const built = lifecycleEvents(build.stdout);
      const restored = lifecycleEvents(run.stdout);
      // Registration order: a, high-1 (10), thrower, low (-5), b, high-2 (10), registrar.
      expect(hooksOf(built, 'beforeSnapshot')).toEqual(['high-2', 'high-1', 'registrar', 'b', 'thrower', 'a', 'low']);
      expect(hooksOf(restored, 'afterRestore')).toEqual([
        'low',
        'a',
        'thrower',
        'b',
        'registrar',
        'late',
        'high-1',
        'high-2',
      ]);
      const buildPid = built[0]?.pid;
      for (const event of built) expect(event).toMatchObject({ pid: buildPid, generation: 0, building: true });
      for (const event of restored) expect(event).toMatchObject({ generation: 1, building: false });
      expect(restored[0]?.pid).not.toBe(buildPid);
    });

    it('a before-snapshot hook that throws skips no other hook, the build succeeds, the default sink reports it on stderr', async ({
      expect,
    }) => {
      const build = await s.lifecycleBuild();
      expect(build.code).toBe(0);
      expect(build.blobBytes).toBeGreaterThan(0);
      const order = hooksOf(lifecycleEvents(build.stdout), 'beforeSnapshot');
      expect(order.slice(order.indexOf('thrower') + 1)).toEqual(['a', 'low']);
      expect(sinkLines(build.stderr)).toEqual([
        '[fork-safe] beforeSnapshot (thrower) failed: boom before the snapshot',
      ]);
    });

    it('an after-restore hook that throws does not kill the restored process, and the other hooks still run', async ({
      expect,
    }) => {
      const run = await s.lifecycleRun1();
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(0);
      const events = lifecycleEvents(run.stdout);
      const order = hooksOf(events, 'afterRestore');
      expect(order.slice(order.indexOf('thrower') + 1)).toEqual(['b', 'registrar', 'late', 'high-1', 'high-2']);
      expect(events.filter((e) => e.event === 'main')).toHaveLength(1);
      expect(sinkLines(run.stderr)).toEqual(['[fork-safe] afterRestore (thrower) failed: boom after the restore']);
    });

    it('a hook registered during the before-snapshot phase waits for the next phase', async ({ expect }) => {
      const build = await s.lifecycleBuild();
      const run = await s.lifecycleRun1();
      expect(hooksOf(lifecycleEvents(build.stdout), 'beforeSnapshot')).not.toContain('late');
      expect(hooksOf(lifecycleEvents(run.stdout), 'afterRestore').filter((hook) => hook === 'late')).toEqual(['late']);
      const main = lifecycleEvents(run.stdout).find((e) => e.event === 'main');
      expect(main?.owners).toEqual(['a', 'high-1', 'thrower', 'low', 'b', 'high-2', 'registrar', 'late']);
    });

    it('onExit registered at build time does not run at the end of the build, and runs exactly once in each restored process', async ({
      expect,
    }) => {
      const build = await s.lifecycleBuild();
      const first = await s.lifecycleRun1();
      const second = await s.lifecycleRun2();
      expect(lifecycleEvents(build.stdout).filter((e) => e.event === 'onExit')).toEqual([]);
      for (const run of [first, second]) {
        expect(run.code).toBe(0);
        const events = lifecycleEvents(run.stdout);
        const exits = events.filter((e) => e.event === 'onExit');
        expect(exits).toHaveLength(1);
        expect(exits[0]).toMatchObject({ pid: events[0]?.pid, generation: 1, building: false });
        // It is the last thing the process does.
        expect(events.at(-1)?.event).toBe('onExit');
      }
      expect(lifecycleEvents(first.stdout)[0]?.pid).not.toBe(lifecycleEvents(second.stdout)[0]?.pid);
    });

    it('interval flushOnSnapshot: flushes once more when stopped at shutdown after the restore', async ({ expect }) => {
      const run = await s.lifecycleRun1();
      const events = lifecycleEvents(run.stdout);
      const main = events.find((e) => e.event === 'main');
      // The counter lives in the heap: the build's own flush (next test) is carried over as 1.
      expect(main).toMatchObject({ flushes: 1 });
      expect(events.filter((e) => e.event === 'flush')).toEqual([
        expect.objectContaining({ flushes: 2, pid: main?.pid, generation: 1, building: false }),
      ]);
      expect(events.find((e) => e.event === 'shutdown')).toMatchObject({ flushes: 2, errors: 0 });
    });

    it('interval flushOnSnapshot: calls fn one last time before the snapshot', async ({ expect }) => {
      // During a --build-snapshot the interval's timer is deferred until the restore, so no timer
      // exists when the snapshot is taken; the flush must happen anyway, or what the build buffered
      // would be carried in the heap and sent again by every restored process.
      const build = await s.lifecycleBuild();
      const flushes = lifecycleEvents(build.stdout).filter((e) => e.event === 'flush');
      expect(flushes).toEqual([expect.objectContaining({ flushes: 1, generation: 0, building: true })]);
    });
  });
});
