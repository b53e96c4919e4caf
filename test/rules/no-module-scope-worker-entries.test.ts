// Worker entry files, role checks spelled the way bundlers and SDKs spell them, and the CommonJS
// sourceType: cases found on real code after the main suite was written.
import rule from '../../rules/no-module-scope-worker.js';
import { runRuleTests } from './rule-tester.js';

runRuleTests('no-module-scope-worker (entries and guards)', rule, {
  valid: [
    {
      name: 'a bundled SDK: the role check is stored in a var first (esbuild main.js)',
      code: `var worker_threads;
try { worker_threads = require('worker_threads'); } catch { worker_threads = void 0; }
var isInternalWorkerThread = (worker_threads == null ? void 0 : worker_threads.workerData) != null;
function startService() { require('child_process').spawn('esbuild', ['--service']); }
if (isInternalWorkerThread) {
  startService();
}`,
    },
    {
      name: 'a role check stored in a const and negated',
      code: `import { isMainThread, Worker } from 'node:worker_threads';
const inWorker = !isMainThread;
if (!inWorker) new Worker('./w.js');`,
    },
  ],
  invalid: [
    {
      name: 'a worker entry that starts itself again recurses: still reported',
      code: `import { Worker, parentPort } from 'node:worker_threads';
new Worker(new URL(import.meta.url));
parentPort?.on('message', (m) => parentPort?.postMessage(m));`,
      errors: [{ messageId: 'thread', line: 2, column: 1 }],
      output: `import { Worker, parentPort } from 'node:worker_threads';
import { startWorker } from 'eslint-plugin-fork-safe/runtime';
startWorker(() => new Worker(new URL(import.meta.url)), { mainThreadOnly: true });
parentPort?.on('message', (m) => parentPort?.postMessage(m));`,
    },
    {
      name: 'a CommonJS worker entry forking __filename',
      code: `const { Worker, workerData } = require('worker_threads');
new Worker(__filename, { workerData: workerData + 1 });`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'thread', line: 2, column: 1 }],
      output: `const { Worker, workerData } = require('worker_threads');
const { startWorker } = require('eslint-plugin-fork-safe/runtime');
startWorker(() => new Worker(__filename, { workerData: workerData + 1 }), { mainThreadOnly: true });`,
    },
    {
      name: 'a role check stored in a variable that is reassigned is not trusted',
      code: `import { isMainThread } from 'node:worker_threads';
let primary = isMainThread;
primary = true;
if (primary) setInterval(flush, 1000);`,
      errors: [
        {
          messageId: 'interval',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'useUnrefInterval',
              output: `import { isMainThread } from 'node:worker_threads';
import { interval } from 'eslint-plugin-fork-safe/runtime';
let primary = isMainThread;
primary = true;
if (primary) interval(flush, 1000);`,
            },
          ],
        },
      ],
      output: `import { isMainThread } from 'node:worker_threads';
import { interval } from 'eslint-plugin-fork-safe/runtime';
let primary = isMainThread;
primary = true;
if (primary) interval(flush, 1000, { unref: false });`,
    },
    {
      name: 'a stored interval id with a type annotation: only a suggestion, which drops the annotation (the handle has another type)',
      code: `const timer: NodeJS.Timeout = setInterval(flush, 1000);
export function stop() { clearInterval(timer); }`,
      errors: [
        {
          messageId: 'interval',
          line: 1,
          column: 31,
          suggestions: [
            {
              messageId: 'useInterval',
              data: { unrefNote: ', keeping the process alive as setInterval does' },
              output: `import { interval } from 'eslint-plugin-fork-safe/runtime';
const timer = interval(flush, 1000, { unref: false });
export function stop() { timer.stop(); }`,
            },
            {
              messageId: 'useUnrefInterval',
              output: `import { interval } from 'eslint-plugin-fork-safe/runtime';
const timer = interval(flush, 1000);
export function stop() { timer.stop(); }`,
            },
          ],
        },
      ],
    },
    {
      name: 'listeners moved into the factory keep their continuation lines indented with them',
      code: `import { Worker } from 'node:worker_threads';
const w = new Worker('./w.js', {
  resourceLimits: { maxOldGenerationSizeMb: 64 },
});
w.on('message', (message) => {
  handle(message);
});`,
      errors: [{ messageId: 'thread', line: 2, column: 11 }],
      output: `import { Worker } from 'node:worker_threads';
import { startWorker } from 'eslint-plugin-fork-safe/runtime';
startWorker(() => {
  const w = new Worker('./w.js', {
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  w.on('message', (message) => {
    handle(message);
  });
  return w;
}, { mainThreadOnly: true });`,
    },
  ],
});
