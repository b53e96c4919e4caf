// fork-safe-audit on real programs: real sockets to a loopback server, real worker threads and child
// processes, real ESLint --fix. Every creation site is checked to the line and column V8 reports.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditedResource, AuditReport } from '../../src/audit/report.js';
import { builtPlugin } from '../helpers/eslint.js';
import { makeTempDir, nodeBinary, projectRoot, runNode, type RunResult } from '../helpers/node.js';

const auditCli = join(projectRoot, 'dist/audit-cli.js');
const auditPreload = join(projectRoot, 'dist/audit.mjs');

let server: Server;
let port = 0;
const connections = new Set<Socket>();

beforeAll(async () => {
  server = createServer((_request, response) => response.end('ok'));
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const temps: (() => void)[] = [];
afterAll(() => temps.forEach((cleanup) => cleanup()));

function project(files: Record<string, string>): string {
  const { dir, cleanup } = makeTempDir('fork-safe-audit-');
  temps.push(cleanup);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function audit(dir: string, args: string[]): Promise<RunResult> {
  return runNode([auditCli, ...args], { cwd: dir, env: { AUDIT_PORT: String(port) }, timeoutMs: 60_000 });
}

async function auditJson(dir: string, args: string[]): Promise<{ report: AuditReport; result: RunResult }> {
  const result = await audit(dir, ['--json', ...args]);
  expect(result.timedOut).toBe(false);
  return { report: JSON.parse(result.stdout) as AuditReport, result };
}

/** Where V8 puts a call: the line of `needle` in the file and the column of `at` within it (1-based). */
function siteOf(dir: string, file: string, needle: string, at: string): { file: string; line: number; column: number } {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  const column = lines[index]!.indexOf(needle) + needle.indexOf(at) + 1;
  return { file: join(dir, file), line: index + 1, column };
}

function byKind(report: AuditReport, kind: AuditedResource['kind']): AuditedResource[] {
  return report.resources.filter((resource) => resource.kind === kind);
}

// The same resources, as an application or an SDK opens them while loading.
const OPENS_EVERYTHING = `const port = Number(process.env.AUDIT_PORT);
const agent = new http.Agent({ keepAlive: true });
http.get({ host: '127.0.0.1', port, agent }, (response) => response.resume());
const pool = [0, 1].map(() => net.connect(port, '127.0.0.1'));
setInterval(() => {}, 1000);
setInterval(() => {}, 250).unref();
new Worker('setInterval(() => {}, 1000)', { eval: true });
spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
process.on('SIGTERM', () => process.exit(0));
`;
const CJS_IMPORTS = `const http = require('node:http');
const net = require('node:net');
const { Worker } = require('node:worker_threads');
const { spawn } = require('node:child_process');
`;

function expectEverythingFrom(report: AuditReport, dir: string, file: string): void {
  const site = (needle: string, at: string) => siteOf(dir, file, needle, at);
  const agentSockets = byKind(report, 'agent socket');
  expect(agentSockets).toHaveLength(1);
  expect(agentSockets[0]!.site).toEqual(site("http.get({ host: '127.0.0.1'", 'get'));
  const sockets = byKind(report, 'socket');
  expect(sockets).toHaveLength(2);
  for (const socket of sockets) expect(socket.site).toEqual(site('net.connect(port', 'connect'));
  const intervals = byKind(report, 'interval');
  expect(intervals.map((i) => [i.ref, i.detail, i.site])).toEqual([
    [true, 'every 1000 ms', site('setInterval(() => {}, 1000);', 'setInterval')],
    [false, 'every 250 ms', site('setInterval(() => {}, 250)', 'setInterval')],
  ]);
  expect(byKind(report, 'worker thread').map((w) => w.site)).toEqual([site('new Worker(', 'new')]);
  expect(byKind(report, 'child process').map((c) => c.site)).toEqual([site('spawn(process.execPath', 'spawn')]);
  const listeners = byKind(report, 'process listener');
  expect(listeners.map((l) => [l.detail, l.site])).toEqual([
    ["process.on('SIGTERM')", site("process.on('SIGTERM'", 'on')],
  ]);
  expect(report.resources).toHaveLength(8);
  for (const resource of report.resources) expect(resource.managed).toBeUndefined();
  // What each breaks, as measured (see src/audit/breaks.ts).
  expect(intervals[0]!.breaks.snapshot).toMatch(/^hang/);
  expect(intervals[1]!.breaks.snapshot).toMatch(/^broken/);
  expect(byKind(report, 'worker thread')[0]!.breaks.snapshot).toMatch(/ERR_NOT_SUPPORTED_IN_SNAPSHOT/);
  expect(sockets[0]!.breaks.thaw).toMatch(/ECONNRESET/);
  expect(listeners[0]!.breaks).toEqual({});
}

describe('fork-safe-audit', () => {
  it('lists what a CommonJS entry opens while loading, each at its exact line, none managed', async () => {
    const dir = project({
      'app.js': `${CJS_IMPORTS}${OPENS_EVERYTHING}console.log('main', require.main === module);\n`,
    });
    const { report, result } = await auditJson(dir, ['app.js']);
    expect(result.code).toBe(1);
    expect(report.status).toBe('loaded');
    expectEverythingFrom(report, dir, 'app.js');
    for (const resource of report.resources) expect(resource.module).toBe(join(dir, 'app.js'));
    // The entry ran once, as the main module; its output went to stderr, the report alone to stdout.
    expect(result.stderr.match(/main true/g)).toHaveLength(1);
  });

  it.each(['22', '24'] as const)('finds the same, at the same lines, on Node %s', async (major) => {
    const dir = project({ 'app.js': `${CJS_IMPORTS}${OPENS_EVERYTHING}` });
    const result = await runNode([auditCli, '--json', 'app.js'], {
      node: nodeBinary(major),
      cwd: dir,
      env: { AUDIT_PORT: String(port) },
      timeoutMs: 60_000,
    });
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.node).toMatch(new RegExp(`^v${major}\\.`));
    expectEverythingFrom(report, dir, 'app.js');
    expect(result.code).toBe(1);
  });

  it('names the package in node_modules that opened them on import, and the lines inside it', async () => {
    const dir = project({
      'node_modules/leaky-sdk/package.json': JSON.stringify({ name: 'leaky-sdk', main: 'index.js' }),
      'node_modules/leaky-sdk/index.js': `${CJS_IMPORTS}${OPENS_EVERYTHING}`,
      'main.mjs': "import 'leaky-sdk';\nconsole.log('main loaded');\n",
    });
    const { report, result } = await auditJson(dir, ['main.mjs']);
    expect(result.code).toBe(1);
    expectEverythingFrom(report, dir, 'node_modules/leaky-sdk/index.js');
    for (const resource of report.resources) {
      expect(resource.package).toBe('leaky-sdk');
      expect(resource.module).toBe(join(dir, 'node_modules/leaky-sdk/index.js'));
    }
    // A package can be audited by its name.
    const byName = await auditJson(dir, ['leaky-sdk']);
    expect(byName.report.entry).toBe(join(dir, 'node_modules/leaky-sdk/index.js'));
    expectEverythingFrom(byName.report, dir, 'node_modules/leaky-sdk/index.js');
    const table = await audit(dir, ['main.mjs']);
    expect(table.stdout).toMatch(
      /8 resources still open after loading, 8 not managed by the fork-safe runtime \(7 of them/,
    );
    expect(table.stdout).toContain('leaky-sdk (node_modules/leaky-sdk/index.js)');
  });
});

// An ES module app whose entry awaits a request at load (top-level await), so the agent's socket is
// pooled and idle when loading ends; its resources module is what the plugin's --fix rewrites.
const RESOURCES = `import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { createPool } from 'tiny-pool';

const port = Number(process.env.AUDIT_PORT);
const agent = new http.Agent({ keepAlive: true });
const pool = createPool({ port, size: 2 });
setInterval(() => {}, 1000);
setInterval(() => {}, 250).unref();
new Worker('setInterval(() => {}, 1000)', { eval: true });
spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
process.on('SIGTERM', () => process.exit(0));

export function ping() {
  return new Promise((resolve) => http.get({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve)));
}

export const poolSize = () => pool.size;
`;
const TINY_POOL = `// A connection pool that opens its connections when it is created, as many database drivers do.
const net = require('node:net');
exports.createPool = function createPool({ port, size }) {
  const connections = [];
  for (let i = 0; i < size; i++) connections.push(net.connect(port, '127.0.0.1'));
  return { size, end: () => connections.forEach((c) => c.destroy()) };
};
`;

function esmApp(): string {
  const dir = project({
    'package.json': JSON.stringify({ type: 'module' }),
    'node_modules/tiny-pool/package.json': JSON.stringify({ name: 'tiny-pool', main: 'index.js' }),
    'node_modules/tiny-pool/index.js': TINY_POOL,
    'resources.js': RESOURCES,
    'app.js': "import { ping } from './resources.js';\n\nawait ping();\nconsole.log('ready');\n",
  });
  // The fixed code imports the runtime by its package name.
  symlinkSync(projectRoot, join(dir, 'node_modules/eslint-plugin-fork-safe'), 'dir');
  return dir;
}

describe('fork-safe-audit on an ES module app with top-level await, before and after eslint --fix', () => {
  let dir: string;
  beforeAll(() => {
    dir = esmApp();
  });

  it('before: the pooled agent socket belongs to the entry that awaited the request; the rest to resources.js', async () => {
    const { report, result } = await auditJson(dir, ['app.js']);
    expect(result.code).toBe(1);
    const site = (needle: string, at: string) => siteOf(dir, 'resources.js', needle, at);
    const [agentSocket] = byKind(report, 'agent socket');
    expect(agentSocket).toMatchObject({ ref: false, module: join(dir, 'app.js') });
    expect(agentSocket!.detail).toMatch(/^127\.0\.0\.1:\d+, idle in the pool$/);
    expect(agentSocket!.site).toEqual(site("http.get({ host: '127.0.0.1'", 'get'));
    const poolSockets = byKind(report, 'socket');
    expect(poolSockets).toHaveLength(2);
    for (const socket of poolSockets) {
      expect(socket.site).toEqual(siteOf(dir, 'node_modules/tiny-pool/index.js', 'net.connect(port', 'connect'));
      // tiny-pool's function ran, but resources.js was loading.
      expect(socket.module).toBe(join(dir, 'resources.js'));
    }
    expect(byKind(report, 'interval').map((i) => i.site)).toEqual([
      site('setInterval(() => {}, 1000);', 'setInterval'),
      site('setInterval(() => {}, 250)', 'setInterval'),
    ]);
    expect(byKind(report, 'worker thread').map((w) => w.site)).toEqual([site('new Worker(', 'new')]);
    expect(byKind(report, 'child process').map((c) => c.site)).toEqual([site('spawn(process.execPath', 'spawn')]);
    expect(byKind(report, 'process listener').map((l) => l.site)).toEqual([site("process.on('SIGTERM'", 'on')]);
    expect(report.resources).toHaveLength(8);
    expect(report.resources.every((r) => r.managed === undefined)).toBe(true);
  });

  it('after: every resource still open is managed by the runtime, or gone; only the signal listener is not', async () => {
    const plugin = await builtPlugin();
    const eslint = new ESLint({
      cwd: dir,
      fix: true,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended,
        {
          rules: {
            'fork-safe/no-module-scope-client': [
              'error',
              { additionalClients: [{ package: 'tiny-pool', export: 'createPool', via: 'call', close: 'end' }] },
            ],
          },
        },
      ],
    });
    await ESLint.outputFixes(await eslint.lintFiles(['app.js', 'resources.js']));
    const fixed = readFileSync(join(dir, 'resources.js'), 'utf8');
    expect(fixed).toContain("from 'eslint-plugin-fork-safe/runtime'");

    const { report, result } = await auditJson(dir, ['app.js']);
    expect(result.stderr).toContain('ready');
    const site = (needle: string, at: string) => siteOf(dir, 'resources.js', needle, at);
    const summary = report.resources.map((r) => [r.kind, r.managed?.by, r.site]);
    expect(summary).toEqual([
      ['interval', 'interval', site('interval(() => {}, 1000', 'interval')],
      ['interval', 'interval', site('interval(() => {}, 250)', 'interval')],
      ['worker thread', 'startWorker', site('new Worker(', 'new')],
      ['child process', 'startWorker', site('spawn(process.execPath', 'spawn')],
      ['process listener', undefined, site("process.on('SIGTERM'", 'on')],
      // The pool is now created on first use, and nothing uses it at load: gone.
      ['agent socket', 'perProcess', site("http.get({ host: '127.0.0.1'", 'get')],
    ]);
    // A signal listener registered once breaks nothing: not a finding, so the default --fail-on passes.
    expect(report.resources.find((r) => r.managed === undefined)!.breaks).toEqual({});
    expect(result.code).toBe(0);
    expect((await audit(dir, ['--fail-on', 'any', 'app.js'])).code).toBe(1);
    expect((await audit(dir, ['--fail-on', 'none', 'app.js'])).code).toBe(0);
  });
});

describe('fork-safe-audit when loading fails or never ends', () => {
  it('reports an entry that throws during load, with what it opened before, and does not hang', async () => {
    const dir = project({
      'boom.cjs':
        "setInterval(() => {}, 1000);\nrequire('node:fs').watch(__filename);\nthrow new Error('no config');\n",
    });
    const { report, result } = await auditJson(dir, ['boom.cjs']);
    expect(result.code).toBe(1);
    expect(report.status).toBe('threw');
    expect(report.error).toEqual({ message: 'no config', site: { file: join(dir, 'boom.cjs'), line: 3, column: 7 } });
    expect(report.resources.map((r) => [r.kind, r.site?.line])).toEqual([
      ['interval', 1],
      ['file watcher', 2],
    ]);
    // The program failed as it does without the audit: its error on stderr.
    expect(result.stderr).toMatch(/Error: no config/);
    expect((await audit(dir, ['--fail-on', 'none', 'boom.cjs'])).code).toBe(0);
    const table = await audit(dir, ['boom.cjs']);
    expect(table.stdout).toContain('boom.cjs threw while loading, at boom.cjs:3:7: no config');
  });

  it('reports what is open when a top-level await does not settle in time, or never can', async () => {
    const dir = project({
      'slow.mjs': 'setInterval(() => {}, 1000);\nawait new Promise(() => {});\n',
      'stuck.mjs': 'setInterval(() => {}, 1000).unref();\nawait new Promise(() => {});\n',
    });
    const slow = await auditJson(dir, ['--timeout', '500', 'slow.mjs']);
    expect(slow.report).toMatchObject({ status: 'timeout', timeoutMs: 500 });
    expect(slow.report.resources.map((r) => [r.kind, r.ref])).toEqual([['interval', true]]);
    expect(slow.result.code).toBe(1);
    // Nothing keeps the loop alive: Node exits with 13 (unsettled top-level await), and the audit says so.
    const stuck = await auditJson(dir, ['stuck.mjs']);
    expect(stuck.report).toMatchObject({ status: 'exited', exitCode: 13 });
    expect(stuck.report.resources.map((r) => [r.kind, r.ref])).toEqual([['interval', false]]);
  });

  it('exits 0 for an entry that opens nothing, 2 on a usage error', async () => {
    const dir = project({ 'clean.mjs': 'export const answer = 42;\n' });
    const clean = await audit(dir, ['--fail-on', 'any', 'clean.mjs']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('0 resources still open after loading');
    expect((await audit(dir, ['--fail-on', 'sometimes', 'clean.mjs'])).code).toBe(2);
    expect((await audit(dir, ['missing.mjs'])).code).toBe(2);
  });
});

describe('fork-safe-audit --snapshot', () => {
  const naive = join(projectRoot, 'examples/snapshot-demo/naive-app.js');
  const auditNaive = (hazard: string | undefined) =>
    runNode([auditCli, '--snapshot', '--json', naive], {
      env: { HAZARD: hazard, COLLECTOR_PORT: String(port) },
      timeoutMs: 60_000,
    });

  it('loads a --build-snapshot script as one, in a normal process, and names what would break the build', async () => {
    // Outside a build the entry stops at setDeserializeMainFunction(): what it opened before is the point.
    const clean = await auditNaive(undefined);
    const cleanReport = JSON.parse(clean.stdout) as AuditReport;
    expect(cleanReport).toMatchObject({ status: 'threw', error: { code: 'ERR_NOT_BUILDING_SNAPSHOT' }, resources: [] });
    expect(clean.code).toBe(0);

    const line = (needle: string, at: string) => siteOf(dirname(naive), 'naive-app.js', needle, at);
    const cases = [
      ['interval', 'interval', /^hang/, line('setInterval(() => {}, 25)', 'setInterval')],
      ['worker', 'worker thread', /ERR_NOT_SUPPORTED_IN_SNAPSHOT/, line("new Worker('1'", 'new')],
      ['socket', 'socket', /^fatal/, line('net.connect(', 'connect')],
    ] as const;
    for (const [hazard, kind, effect, site] of cases) {
      const result = await auditNaive(hazard);
      const report = JSON.parse(result.stdout) as AuditReport;
      expect(report.resources.map((r) => r.kind)).toEqual([kind]);
      expect(report.resources[0]!.site).toEqual(site);
      expect(report.resources[0]!.breaks.snapshot).toMatch(effect);
      expect(result.code).toBe(1);
    }
  });
});

describe('the audit as a preload', () => {
  it('reports on stderr and lets the program run on, with the exit code it has without the audit', async () => {
    const dir = project({
      'app.cjs': "setTimeout(() => { console.log('ran on', require.main === module); process.exitCode = 3; }, 50);\n",
      'app.mjs':
        "await new Promise((resolve) => setTimeout(resolve, 20));\nsetTimeout(() => console.log('ran on'), 50);\n",
    });
    const plain = await runNode(['app.cjs'], { cwd: dir });
    for (const preload of [
      ['--import', auditPreload],
      ['-r', join(projectRoot, 'dist/audit.cjs')],
    ]) {
      const audited = await runNode([...preload, 'app.cjs'], { cwd: dir });
      expect(audited.stdout).toBe(plain.stdout);
      expect(audited.stdout).toBe('ran on true\n');
      expect(audited.code).toBe(3);
      expect(audited.stderr).toMatch(/^fork-safe-audit: app\.cjs loaded in \d+ ms\n1 resource still open/);
      expect(audited.stderr).toMatch(/timeout \(ref'd\) +after 50 ms +app\.cjs:1:1 /);
    }
    const esm = await runNode(['--import', auditPreload, 'app.mjs'], {
      cwd: dir,
      env: { FORK_SAFE_AUDIT_FORMAT: 'json' },
    });
    expect(esm.stdout).toBe('ran on\n');
    const report = JSON.parse(esm.stderr) as AuditReport;
    // Loading ended after the top-level await: the 20 ms timer had fired, the 50 ms one is open.
    expect(report.resources.map((r) => [r.kind, r.detail, r.site?.line])).toEqual([['timeout', 'after 50 ms', 2]]);
  });
});

interface AjvLike {
  validate(schema: object, data: unknown): boolean;
  errors?: unknown[] | null;
}

describe('fork-safe-audit --format sarif', () => {
  it('prints SARIF 2.1.0 that validates against the official schema, one result per resource', async () => {
    const dir = project({ 'app.js': `${CJS_IMPORTS}${OPENS_EVERYTHING}` });
    const result = await audit(dir, ['--format', 'sarif', 'app.js']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string; locations: object[] }[] }[];
    };
    // The schema that @microsoft/sarif-multitool ships, validated as the lint CLI's test does.
    const require = createRequire(import.meta.url);
    const multitool = dirname(require.resolve('@microsoft/sarif-multitool/package.json'));
    const platform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
    const schemaPath = createRequire(join(multitool, 'package.json')).resolve(
      `@microsoft/sarif-multitool-${platform}/sarif-2.1.0.json`,
    );
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const { default: Ajv } = (await import('ajv')) as unknown as { default: new (options: object) => AjvLike };
    const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
    expect(ajv.validate(schema, log)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);

    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('fork-safe-audit');
    expect(run.results).toHaveLength(8);
    expect(run.results.filter((r) => r.level === 'error')).toHaveLength(7);
    expect(run.results.find((r) => r.level === 'warning')).toMatchObject({ ruleId: 'unmanaged-resource' });
    const interval = siteOf(dir, 'app.js', 'setInterval(() => {}, 1000);', 'setInterval');
    expect(run.results.map((r) => r.locations[0])).toContainEqual({
      physicalLocation: {
        artifactLocation: { uri: 'app.js' },
        region: { startLine: interval.line, startColumn: interval.column },
      },
    });
  });
});
