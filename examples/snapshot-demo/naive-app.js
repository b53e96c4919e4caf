// The same module written the usual way. Each hazard is chosen by HAZARD so run.mjs can show how
// Node fails on each one: a flush timer hangs the build, a worker cannot be created in a snapshot
// builder, and an open socket is a fatal error when the heap is serialised.
const net = require('node:net');
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');

if (process.env.HAZARD === 'interval') setInterval(() => {}, 25);
if (process.env.HAZARD === 'worker') new Worker('1', { eval: true });
if (process.env.HAZARD === 'socket') {
  const socket = net.connect(Number(process.env.COLLECTOR_PORT), '127.0.0.1');
  socket.unref(); // even unref'd, so the build reaches serialisation
}
v8.startupSnapshot.setDeserializeMainFunction(() => {});
