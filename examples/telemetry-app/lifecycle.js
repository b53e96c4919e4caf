// Starts and stops the telemetry pipeline; tests call start() and stop() around each case.
import { record } from './flusher.js';

let started = false;

function flush() {
  record({ type: 'shutdown' });
}

export function start() {
  started = true;
  process.on('exit', flush);
}

export function stop() {
  started = false;
}

export function isStarted() {
  return started;
}
