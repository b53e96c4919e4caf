// End to end, on real Node and real ESLint: a small app written the natural way (a ping service client
// that opens one keep-alive connection while its module loads, used from a V8 startup snapshot main)
// cannot be built into a snapshot. After `eslint --fix` with the plugin's recommended config (the BUILT
// plugin, dist/esm/src/index.js) the connection is held by perProcess(): the build opens none, and the
// restored process's first request goes out on a connection of its own and is answered.
//
// What really happens to the app as written (measured on Node 20, 22 and 24): the builder loads the
// module, the socket connects to the loopback server, and the build then waits on that ref'd socket
// forever: no V8 error, no exit, no blob. The test bounds it and asserts exactly that.
//
// One loopback ping server serves the whole file: the build and the restored process get the same
// PING_PORT (the client reads it at load, so the snapshot carries it). Every step that can connect runs
// alone, so the server's connection count says which step opened which connection.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { builtPlugin } from '../helpers/eslint.js';
import {
  jsonLines,
  makeTempDir,
  nodeBinary,
  projectRoot,
  runNode,
  type RunResult,
  sinkLines,
} from '../helpers/node.js';
import { startPingServer, type LoopbackServer } from '../helpers/servers.js';
import { buildSnapshot, limiter, once, runSnapshot, type SnapshotBuild } from '../helpers/snapshot.js';

const FIXTURE_DIR = join(projectRoot, 'test/fixtures/e2e-client');
const RULE = 'fork-safe/no-module-scope-client';
const RUNTIME = 'eslint-plugin-fork-safe/runtime';
/**
 * Bounds the original app's build, which waits on its socket forever. A build of the fixed app takes
 * well under a second here, so a build still running at this deadline is waiting, not slow.
 */
const HANG_TIMEOUT_MS = 8_000;
/** Bounds the fixed app's build. */
const BUILD_TIMEOUT_MS = 15_000;
/** The fixture's ping() gives up after 3 s, so a restored process ends well within this. */
const RUN_TIMEOUT_MS = 15_000;

const temp = makeTempDir('fork-safe-e2e-client-');
let server: LoopbackServer | undefined;
afterAll(async () => {
  await server?.close();
  temp.cleanup();
});

type Major = '20' | '22' | '24';

/** What the fixture's main prints: ping()'s reply, or the error it failed with. */
interface MainResult {
  pid: number;
  reply: string | null;
  error: string | null;
}

/** The one ping server; started on first use. */
const pingServer = once(async () => (server = await startPingServer()));

/** Steps that can open connections run one at a time, so each sees only its own in the count. */
const alone = limiter(1);

/** Runs `step` alone and reports how many connections the server accepted meanwhile. */
async function counting<T>(step: (port: number) => Promise<T>): Promise<T & { before: number; opened: number }> {
  const { port, connections } = await pingServer();
  return alone(async () => {
    const before = connections();
    const result = await step(port);
    return { ...result, before, opened: connections() - before };
  });
}

async function eslintFor(fix: boolean): Promise<ESLint> {
  const plugin = await builtPlugin();
  return new ESLint({ cwd: temp.dir, fix, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
}

/** The fixture copied, so nothing can touch the repository: the entry and the client module. */
const copied = { app: join(temp.dir, 'app.mjs'), client: join(temp.dir, 'client.mjs') };
const files = [copied.app, copied.client];
const originalClient = readFileSync(join(FIXTURE_DIR, 'client.mjs'), 'utf8');
const originalApp = readFileSync(join(FIXTURE_DIR, 'app.mjs'), 'utf8');

/** The fixture linted as it is, without fixing. */
const lintOriginal = once(async () => {
  cpSync(FIXTURE_DIR, temp.dir, { recursive: true });
  return (await eslintFor(false)).lintFiles(files);
});

/** `eslint --fix` on the copy: lint with fix, then write the fixes out. */
const fixCopy = once(async () => {
  await lintOriginal();
  const results = await (await eslintFor(true)).lintFiles(files);
  await ESLint.outputFixes(results);
  return { results, client: readFileSync(copied.client, 'utf8'), app: readFileSync(copied.app, 'utf8') };
});

const bundles = once(async () => {
  await fixCopy();
  const [naive, fixed] = await Promise.all([
    bundleFixture(join(FIXTURE_DIR, 'app.mjs'), join(temp.dir, 'naive.cjs'), 'cjs'),
    bundleFixture(copied.app, join(temp.dir, 'fixed.cjs'), 'cjs'),
  ]);
  return { naive, fixed };
});

function naiveBuild(major: Major) {
  return once(async () => {
    const { naive } = await bundles();
    return counting(async (port): Promise<{ build: SnapshotBuild }> => ({
      build: await buildSnapshot(naive, join(temp.dir, `naive-${major}.blob`), {
        node: nodeBinary(major),
        env: { PING_PORT: String(port) },
        timeoutMs: HANG_TIMEOUT_MS,
      }),
    }));
  });
}

function fixedBuildAndRun(major: Major) {
  return once(async () => {
    const { fixed } = await bundles();
    const node = nodeBinary(major);
    const build = await counting(async (port): Promise<{ build: SnapshotBuild }> => ({
      build: await buildSnapshot(fixed, join(temp.dir, `fixed-${major}.blob`), {
        node,
        env: { PING_PORT: String(port) },
        timeoutMs: BUILD_TIMEOUT_MS,
      }),
    }));
    if (build.build.code !== 0 || build.build.blobBytes === 0) {
      const { code, signal, timedOut, stderr } = build.build;
      throw new Error(
        `the fixed app's snapshot build failed on Node ${major} (code ${code}, signal ${signal}, timed out ${timedOut}):\n${stderr}`,
      );
    }
    const run = await counting(async (port): Promise<{ run: RunResult; afterRun: number }> => {
      const result = await runSnapshot(build.build.blob, {
        node,
        env: { PING_PORT: String(port) },
        timeoutMs: RUN_TIMEOUT_MS,
      });
      return { run: result, afterRun: (await pingServer()).connections() };
    });
    return { build, run };
  });
}

const naive = { '20': naiveBuild('20'), '24': naiveBuild('24') };
const fixedApp = { '20': fixedBuildAndRun('20'), '22': fixedBuildAndRun('22'), '24': fixedBuildAndRun('24') };

function mainResult(run: RunResult): MainResult {
  const output = jsonLines(run.stdout);
  if (output.length !== 1)
    throw new Error(
      `expected one JSON line from the restored process, got ${output.length}:\n${run.stdout}\n${run.stderr}`,
    );
  return output[0] as unknown as MainResult;
}

describe('no-module-scope-client end to end: a module-scope keep-alive socket, a V8 snapshot, eslint --fix', () => {
  describe('the app as written', () => {
    for (const major of ['20', '24'] as const) {
      it(`cannot be snapshotted on Node ${major}: the socket connects at load and the build waits on it, writing no blob`, async ({
        expect,
      }) => {
        const { build, opened } = await naive[major]();
        // The client module ran in the builder and its socket reached the server...
        expect(opened).toBe(1);
        // ...and the build never finished: still running at the deadline, killed there, no blob.
        expect(build.timedOut).toBe(true);
        expect(build.signal).toBe('SIGKILL');
        expect(build.code).toBeNull();
        expect(build.blobBytes).toBe(0);
        expect(build.durationMs).toBeGreaterThanOrEqual(HANG_TIMEOUT_MS);
      });
    }

    it('is reported by the recommended config: the net.connect() in the client module, fixable; the entry is clean', async ({
      expect,
    }) => {
      const [app, client] = await lintOriginal();
      const lineOf = (text: string) => originalClient.split('\n').findIndex((line) => line.startsWith(text)) + 1;
      expect(lineOf('const socket = net.connect(')).toBeGreaterThan(0);
      expect(app?.filePath).toBe(copied.app);
      expect(app?.messages).toEqual([]);
      expect(client?.filePath).toBe(copied.client);
      expect(
        client?.messages.map((m) => ({
          ruleId: m.ruleId,
          line: m.line,
          message: m.message,
          fixable: m.fix !== undefined,
        })),
      ).toEqual([
        {
          ruleId: RULE,
          line: lineOf('const socket = net.connect('),
          message: expect.stringMatching(/^net\.connect\(\) created at module load holds sockets/),
          fixable: true,
        },
      ]);
    });
  });

  describe('after eslint --fix', () => {
    it('holds the socket with perProcess(), disposed with destroy(), and reads it with .get() at every use', async ({
      expect,
    }) => {
      const { results, client, app } = await fixCopy();
      expect(results.map((result) => result.messages)).toEqual([[], []]);
      // The entry had nothing to fix; the client module was rewritten.
      expect(results[0]?.output).toBeUndefined();
      expect(app).toBe(originalApp);
      expect(results[1]?.output).toBeDefined();
      expect(client).toContain(
        "const socket = perProcess(() => net.connect(port, '127.0.0.1'), { dispose: (client) => client.destroy() });\n",
      );
      expect(client).toContain("  socket.get().write('ping\\n');\n");
      expect(client).toContain(
        "  const [reply] = await once(socket.get(), 'data', { signal: AbortSignal.timeout(3000) });\n",
      );
      // No use of the holder itself is left: every reference is the declaration or a .get().
      expect(client.match(/\bsocket\b/g)).toHaveLength(3);
      expect(client.match(/\bsocket\.get\(\)/g)).toHaveLength(2);
      // The runtime is imported once, after the module's own imports; the port is still read at load.
      const imports = client.split('\n').filter((line) => line.includes(`'${RUNTIME}'`));
      expect(imports).toEqual([`import { perProcess } from '${RUNTIME}';`]);
      expect(client).toContain(`import net from 'node:net';\nimport { perProcess } from '${RUNTIME}';\n`);
      expect(client).toContain('const port = Number(process.env.PING_PORT);\n');
      // Nothing else changed: undo the three edits and the import, and it is the original again.
      const undone = client
        .replace(`import { perProcess } from '${RUNTIME}';\n`, '')
        .replace(
          "perProcess(() => net.connect(port, '127.0.0.1'), { dispose: (client) => client.destroy() })",
          "net.connect(port, '127.0.0.1')",
        )
        .replaceAll('socket.get()', 'socket');
      expect(undone).toBe(originalClient);
    });

    it('is stable: a second run reports nothing and fixes nothing', async ({ expect }) => {
      await fixCopy();
      const again = await (await eslintFor(false)).lintFiles(files);
      expect(again.map((result) => result.messages)).toEqual([[], []]);
      expect(again.map((result) => result.fixableErrorCount + result.fixableWarningCount)).toEqual([0, 0]);
      const fixedAgain = await (await eslintFor(true)).lintFiles(files);
      expect(fixedAgain.map((result) => result.output)).toEqual([undefined, undefined]);
    });

    it('parses (node --check)', async ({ expect }) => {
      await fixCopy();
      const check = await runNode(['--check', copied.client], { timeoutMs: 10_000 });
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
    });

    for (const major of ['20', '24', '22'] as const) {
      it(`Node ${major}: builds a snapshot without connecting; the restored process's first ping goes out on a new connection and is answered`, async ({
        expect,
      }) => {
        const { build, run } = await fixedApp[major]();
        // The build finished by itself and wrote a blob; the holder created nothing while it ran.
        expect(build.build.timedOut).toBe(false);
        expect(build.build.code).toBe(0);
        expect(build.build.blobBytes).toBeGreaterThan(0);
        expect(build.opened).toBe(0);
        expect(sinkLines(build.build.stderr)).toEqual([]);
        // The restored process connected once, and that connection answered its first request.
        expect(run.run.timedOut).toBe(false);
        expect(run.run.signal).toBeNull();
        expect(run.run.code).toBe(0);
        expect(run.opened).toBe(1);
        const result = mainResult(run.run);
        expect(result.error).toBeNull();
        expect(result.reply).toBe(`pong ${run.afterRun}`);
        expect(run.afterRun).toBe(run.before + 1);
        expect(sinkLines(run.run.stderr)).toEqual([]);
      });
    }
  });
});
