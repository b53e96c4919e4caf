// Runs in a worker thread: compresses a batch of events and posts it back.
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

parentPort?.on('message', (batch) => {
  parentPort?.postMessage(gzipSync(JSON.stringify(batch)));
});
