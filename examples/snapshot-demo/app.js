// A telemetry-style module written with the fork-safe runtime: a connection, a flush timer and a
// worker, all created while the module loads, as SDKs do. Built into a V8 startup snapshot, restored
// twice. (run.mjs bundles this file with the runtime: a snapshot entry cannot load other modules.)
const net = require('node:net');
const v8 = require('node:v8');
const { writeSync } = require('node:fs');
const { perProcess, interval, startWorker, generation, shutdown } = require('eslint-plugin-fork-safe/runtime');

const say = (text) =>
  writeSync(1, `[${v8.startupSnapshot.isBuildingSnapshot() ? 'build ' : 'run   '} pid ${process.pid}] ${text}\n`);

// The collector address is read when the connection is made, so each restored process uses its own
// environment instead of the one captured at build time.
const collector = perProcess(
  () => {
    const socket = net.connect(Number(process.env.COLLECTOR_PORT), '127.0.0.1');
    socket.setEncoding('utf8');
    say(`connecting to the collector on port ${process.env.COLLECTOR_PORT}`);
    return socket;
  },
  { name: 'collector', dispose: (socket) => socket.destroy() },
);

function send(line) {
  return new Promise((resolve, reject) => {
    const socket = collector.get();
    socket.once('data', (reply) => resolve(reply.trim()));
    socket.once('error', reject);
    socket.write(`${line}\n`);
  });
}

let flushes = 0;
const flusher = interval(() => flushes++, 25, { name: 'flush' });

// node:worker_threads is loaded inside the factory, after the restore: on Node 20 a snapshot whose
// builder loaded it restores a process in which every worker thread fails at startup.
const worker = startWorker(
  () => {
    const { Worker } = require('node:worker_threads');
    const created = new Worker(
      "require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m + ' from a worker thread'))",
      { eval: true },
    );
    created.unref();
    return created;
  },
  { name: 'enricher', mainThreadOnly: true },
);

// Work at build time, as an SDK warming up would: the connection is used during the build. The runtime
// unref()s values created while building so they cannot hold the build open; a build that must wait
// for an answer keeps the loop alive itself, here with a timer cleared on the reply.
const warmUp = setTimeout(() => say('no answer from the collector during the build'), 5000);
send('ping').then((reply) => {
  clearTimeout(warmUp);
  say(
    `collector answered "${reply}" while building; the runtime will dispose this socket before the heap is serialised`,
  );
  say(
    `flush timer running during the build: ${flusher.running} (deferred until restore); worker running: ${worker.running}`,
  );
});

v8.startupSnapshot.setDeserializeMainFunction(async () => {
  say(`restored: generation ${generation()}, build-time socket carried over: ${collector.peek() !== undefined}`);
  say(`collector answered "${await send('ping')}" over a fresh connection`);
  await new Promise((resolve) => setTimeout(resolve, 120));
  say(`flush timer ticked ${flushes} times since the restore`);
  const answer = await new Promise((resolve) => {
    worker.current.once('message', resolve);
    worker.current.postMessage('hello');
  });
  say(`worker answered "${answer}"`);
  const report = await shutdown({ timeoutMs: 2000 });
  say(`shutdown: ${report.ran} hooks ran, ${report.errors.length} errors; exiting on its own`);
});
