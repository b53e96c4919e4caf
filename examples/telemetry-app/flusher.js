// Batches telemetry events and ships them every few seconds, with the compression done off-thread.
import { Worker } from 'node:worker_threads';

const queue = [];

export function record(event) {
  queue.push({ ...event, at: Date.now() });
}

const compressor = new Worker(new URL('./compress-worker.js', import.meta.url));

setInterval(() => {
  if (queue.length === 0) return;
  compressor.postMessage(queue.splice(0, queue.length));
}, 5000);
