// `npm run demo`: builds the example into a real V8 startup snapshot and restores it twice, then shows
// how Node fails on the same module written without the runtime. Everything stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fork-safe-demo-'));

let connections = 0;
const server = createServer((socket) => {
  const id = ++connections;
  socket.on('error', () => {});
  socket.on('data', () => socket.write(`pong from connection ${id}\n`));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = String(server.address().port);

async function bundle(entry) {
  const outfile = join(work, entry.replace('.js', '.bundle.js'));
  await build({
    entryPoints: [join(here, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    alias: { 'eslint-plugin-fork-safe/runtime': join(here, '../../dist/runtime.cjs') },
  });
  return outfile;
}

// Children run asynchronously: a synchronous spawn would block this process's collector server.
function node(args, env = {}, timeoutMs = 20_000) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, COLLECTOR_PORT: port, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, timedOut: signal === 'SIGKILL' });
    });
  });
}

const heading = (text) => process.stdout.write(`\n== ${text}\n`);
try {
  heading('With eslint-plugin-fork-safe/runtime: build a snapshot, then restore it twice');
  const blob = join(work, 'app.blob');
  const builtApp = await bundle('app.js');
  const buildRun = await node(['--snapshot-blob', blob, '--build-snapshot', builtApp]);
  process.stdout.write(buildRun.out + `build exit code: ${buildRun.code}\n`);
  for (const run of [1, 2]) {
    const restored = await node(['--snapshot-blob', blob]);
    process.stdout.write(restored.out + `restored process ${run} exit code: ${restored.code}\n`);
    if (restored.code !== 0) process.stdout.write(restored.err);
  }
  process.stdout.write(`collector connections: ${connections} (one per process)\n`);

  heading('The same module without the runtime');
  const naive = await bundle('naive-app.js');
  const failures = {
    interval: 'a module-scope setInterval: the build never finishes',
    worker: 'a module-scope new Worker()',
    socket: 'a socket left open at build time',
  };
  for (const [hazard, what] of Object.entries(failures)) {
    const result = await node(
      ['--snapshot-blob', join(work, `naive-${hazard}.blob`), '--build-snapshot', naive],
      { HAZARD: hazard },
      5_000,
    );
    const lines = result.err.split('\n');
    const firstError =
      lines.find((line) => /global handle|Check failed/.test(line)) ??
      lines.find((line) => /Error|Fatal/.test(line)) ??
      '';
    const outcome = result.timedOut
      ? 'still running after 5 s, killed'
      : `exit code ${result.code}${result.signal ? `, signal ${result.signal}` : ''}: ${firstError.trim()}`;
    process.stdout.write(`${what}: ${outcome}\n`);
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
