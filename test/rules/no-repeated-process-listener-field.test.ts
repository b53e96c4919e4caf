import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-repeated-process-listener.js';
import { createRuleTester } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * What the field corpus asked of the listener rule: a Node-style completion callback runs once, a
 * function that first removes the listeners it finds in process.listeners(event) replaces its handler
 * instead of stacking one, and a removal inside the handler itself is no teardown.
 */
const ruleTester = createRuleTester();
const script = { parserOptions: { sourceType: 'script' } } as const;
/** Fixes and suggestions are proven in no-repeated-process-listener.test.ts; here only what is reported. */
const reportOnly: Options = [{ fix: 'off' }];

const valid: Valid[] = [
  {
    name: 'process.once in the completion callbacks of one top-level connect (amqplib callback_api examples)',
    languageOptions: script,
    code: `const amqp = require('amqplib/callback_api');
amqp.connect((err, connection) => {
  if (err) throw err;
  connection.createChannel((err, channel) => {
    process.once('SIGINT', () => channel.close(() => connection.close()));
  });
});`,
  },
  {
    name: 'an error-first callback of a one-time read',
    code: `import { readFile } from 'node:fs';
readFile('config.json', (error, data) => {
  process.on('SIGTERM', () => console.log(String(data)));
});`,
  },
  {
    name: "a replace-guard: every earlier handler marked as ours is removed before process.on (rollbar's shape)",
    languageOptions: script,
    code: `function addOrReplaceHandler(event, action) {
  var fn = function (a, b) { action(a, b); };
  fn._ourHandler = true;
  var listeners = process.listeners(event);
  for (var i = 0; i < listeners.length; ++i) {
    if (listeners[i]._ourHandler) process.removeListener(event, listeners[i]);
  }
  process.on(event, fn);
}
function Client(options) {
  addOrReplaceHandler('uncaughtException', (err) => this.report(err));
}
module.exports = Client;`,
  },
];

const invalid: Invalid[] = [
  {
    name: 'an error-first callback passed to .on() runs on every event: still a callback that runs again',
    code: `export function watch(emitter) {
  emitter.on('reconnect', (err) => {
    process.on('SIGTERM', () => emitter.close());
  });
}`,
    options: reportOnly,
    errors: [{ messageId: 'signalListener', line: 3, column: 5 }],
  },
  {
    name: 'the removal runs only inside the handler itself: until SIGTERM fires, every start() stacks one',
    code: `function onTerm() {
  process.off('SIGTERM', onTerm);
  console.log('stopping');
}
export function start() {
  process.on('SIGTERM', onTerm);
}`,
    options: reportOnly,
    errors: [{ messageId: 'signalListener', line: 6, column: 3 }],
  },
  {
    name: 'a removal after the registration in the same function is no replace-guard',
    code: `export function start(handler) {
  process.on('SIGINT', handler);
  for (const listener of process.listeners('SIGINT')) if (listener.stale) process.off('SIGINT', listener);
}`,
    options: reportOnly,
    errors: [{ messageId: 'signalListener', line: 2, column: 3 }],
  },
];

ruleTester.run('no-repeated-process-listener (field corpus)', rule, { valid, invalid });
