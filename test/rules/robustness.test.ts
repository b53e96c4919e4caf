import { Linter, type ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule, { type Options } from '../../rules/no-module-scope-worker.js';

/**
 * Odd inputs for no-module-scope-worker: the rule must never throw, must report exactly what is listed,
 * and its fixes must give code that parses and needs no further fixing.
 */

type Report = [line: number, column: number, messageId: string];

interface OddInput {
  name: string;
  code: string;
  expected: Report[];
  /** Use ESLint's own parser (espree) instead of typescript-eslint's. */
  espree?: boolean;
  languageOptions?: Linter.LanguageOptions;
  options?: Options[0];
}

const linter = new Linter({ configType: 'flat' });
const plugin = { rules: { 'no-module-scope-worker': rule } } as unknown as ESLint.Plugin;

function config(input: OddInput): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.tsx'],
      plugins: { 'fork-safe': plugin },
      languageOptions: {
        ...(input.espree ? {} : { parser: tseslint.parser as Linter.Parser }),
        ...input.languageOptions,
      },
      rules: { 'fork-safe/no-module-scope-worker': ['error', ...(input.options ? [input.options] : [])] },
    },
  ];
}

function lint(input: OddInput, code = input.code): Linter.LintMessage[] {
  return linter.verify(code, config(input), { filename: input.espree ? 'file.js' : 'file.tsx' });
}

function nested(depth: number, open: string, inner: string, close: string): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

const oddInputs: OddInput[] = [
  { name: 'an empty file', code: '', expected: [] },
  { name: 'only whitespace', code: '\n\n   \n', expected: [] },
  {
    name: 'only comments that mention everything the rule looks for',
    code: `// setInterval(flush, 1000)
/* import { Worker } from 'node:worker_threads'; new Worker('./w.js'); setTimeout */`,
    expected: [],
  },
  {
    name: 'names in strings only',
    code: `export const names = ['setInterval', 'worker_threads', "child_process"];`,
    expected: [],
  },
  {
    name: 'only a hashbang, with the hashbang exemption off',
    code: '#!/usr/bin/env node\n',
    expected: [],
    options: { allowInHashbangFiles: false },
  },
  {
    name: '300 nested ifs at the top level',
    code: nested(300, 'if (a) {\n', 'setInterval(f, 1);\n', '}\n'),
    expected: [[301, 1, 'interval']],
  },
  {
    name: '40 nested top-level IIFEs (walking out of them is not limited)',
    code: nested(40, '(() => {\n', 'setInterval(f, 1);\n', '})();\n'),
    expected: [[41, 1, 'interval']],
  },
  {
    name: '100 nested functions that nothing calls',
    code: nested(100, 'function f() {\n', 'setInterval(f, 1);\n', '}\n'),
    expected: [],
  },
  {
    name: 'a call chain longer than the rule follows (4 levels) is not reported; 4 levels are',
    code: `function a() { b(); }
function b() { c(); }
function c() { d(); }
function d() { e(); }
function e() { setInterval(f, 5); }
a();
function a1() { b1(); }
function b1() { c1(); }
function c1() { d1(); }
function d1() { setInterval(f, 10); }
a1();`,
    expected: [[10, 17, 'interval']],
  },
  {
    name: 'direct and mutual recursion',
    code: `function again() { again(); setInterval(f, 1); }
again();
function ping() { pong(); setInterval(f, 3); }
function pong() { ping(); }
pong();`,
    expected: [
      [1, 29, 'interval'],
      [3, 27, 'interval'],
    ],
  },
  {
    name: 'self-referencing and mutually referencing bindings',
    code: `let A = B;
let B = A;
new A.Worker('./w.js');
var wt = wt || require('worker_threads');
new wt.Worker('./w.js');
let C = require('node:worker_threads');
C = C;
new C.Worker('./w.js');`,
    expected: [],
  },
  {
    name: 'computed members: static keys resolve, dynamic keys do not',
    code: `import * as wt from 'node:worker_threads';
globalThis['setInterval'](f, 1);
globalThis[\`setInterval\`](f, 2);
globalThis[name](f, 3);
new wt['Worker']('./w.js');
new wt[kind]('./w.js');`,
    expected: [
      [2, 1, 'interval'],
      [3, 1, 'interval'],
      [5, 1, 'thread'],
    ],
  },
  {
    name: 'optional calls and optional members',
    code: `import * as cp from 'node:child_process';
setInterval?.(f, 1);
cp?.spawn?.('ls');
(cp?.fork)('./child.js');`,
    expected: [
      [2, 1, 'interval'],
      [3, 1, 'process'],
      [4, 1, 'process'],
    ],
  },
  {
    name: 'anonymous classes constructed on the spot',
    code: `new (class {})();
new (class {
  constructor() {
    setInterval(f, 1);
  }
})();
new (class {
  static {
    setInterval(f, 2);
  }
})();`,
    expected: [
      [4, 5, 'interval'],
      [9, 5, 'interval'],
    ],
  },
  {
    name: 'getters and setters are not followed',
    code: `const config = {
  get timer() { return setInterval(f, 1); },
  set timer(value) { setInterval(f, 2); },
};
config.timer;
config.timer = 1;
class Lazy {
  static get timer() { return setInterval(f, 3); }
}
Lazy.timer;`,
    expected: [],
  },
  {
    name: 'generators do not run when called; async functions do',
    code: `function* ticks() { setInterval(f, 1); }
ticks();
async function main() {
  await ready;
  setInterval(f, 5);
}
main();
const run = async () => setInterval(f, 8);
await run();`,
    expected: [
      [5, 3, 'interval'],
      [8, 25, 'interval'],
    ],
  },
  {
    name: 'labels, switch, do-while, comma and parenthesised callees',
    code: `outer: for (;;) {
  setInterval(f, 1);
  break outer;
}
switch (mode) {
  case 'a':
    setInterval(f, 7);
}
do setInterval(f, 9); while (false);
(0, setInterval)(f, 10);
(setInterval)(f, 11);`,
    expected: [
      [2, 3, 'interval'],
      [7, 5, 'interval'],
      [9, 4, 'interval'],
      [10, 1, 'interval'],
      [11, 1, 'interval'],
    ],
  },
  {
    name: 'with in a script (espree)',
    code: `with (scope) {
  setInterval(f, 1);
}
var setTimeout = function () {};
setTimeout(function again() { setTimeout(again); });`,
    espree: true,
    languageOptions: { sourceType: 'script' },
    expected: [[2, 3, 'interval']],
  },
  {
    name: 'JSX: a handler is not run at load',
    code: `import { Worker } from 'node:worker_threads';
export const button = <button onClick={() => new Worker('./w.js')}>{setInterval.name}</button>;
export const app = <App worker={new Worker('./w.js')} />;`,
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    expected: [[3, 33, 'thread']],
  },
  {
    name: 'TypeScript syntax: decorators, private and accessor fields, enums, namespaces, overloads, declare, satisfies, generics',
    code: `@sealed
class Service {
  @observable static timer = setInterval(tick, 1000);
  static #timer = setInterval(tick, 2000);
  #instanceTimer = setInterval(tick, 3000);
  static accessor every = setInterval(tick, 4000);
  declare field: string;
  constructor(private readonly name: string) {}
}
enum Mode { Fast = 1, Slow = Fast * 2 }
namespace Jobs {
  setInterval(tick, 12);
}
declare module 'x' {
  export function setInterval(): void;
}
declare function setTimeout2(): void;
function start(name: string): void;
function start(name: any) { setInterval(tick, 19); }
start('x');
const options = { every: 1000 } satisfies Record<string, number>;
setInterval<[]>(tick, options.every)!;
export default setInterval(tick, 5000) as unknown as number;
type Timer = ReturnType<typeof setInterval>;
abstract class Base { abstract run(): void; }`,
    expected: [
      [3, 30, 'interval'],
      [4, 19, 'interval'],
      [6, 27, 'interval'],
      [12, 3, 'interval'],
      [19, 29, 'interval'],
      [22, 1, 'interval'],
      [23, 16, 'interval'],
    ],
  },
  {
    name: 'odd require and destructuring forms',
    code: `const { Worker = Fallback, ...rest } = require('worker_threads');
const [first] = require('child_process');
new Worker('./a.js');
new rest.Worker('./b.js');
first('ls');
require();
require(name)();
new (require('node:worker_threads').Worker)('./c.js');
new Worker;`,
    expected: [
      [3, 1, 'thread'],
      [8, 1, 'thread'],
      [9, 1, 'thread'],
    ],
  },
  {
    name: 'tagged templates and new.target are not calls of a creator',
    code: `setInterval\`tick\`;
function F() { if (new.target) setInterval(f, 2); }
const meta = import.meta.url;`,
    expected: [],
  },
  {
    name: 'an early exit by break or continue guards the rest of its statement list',
    code: `import { isMainThread, Worker } from 'node:worker_threads';
switch (mode) {
  case 'worker':
    if (!isMainThread) break;
    new Worker('./a.js');
}
for (const file of files) {
  if (!isMainThread) continue;
  new Worker(file);
}
new Worker('./b.js');`,
    expected: [[11, 1, 'thread']],
  },
  {
    name: 'a var re-declared by a second require',
    code: `var wt = require('worker_threads');
var wt = require('worker_threads');
new wt.Worker('./w.js');`,
    languageOptions: { sourceType: 'script' },
    expected: [],
  },
  {
    name: 'many timers in one file',
    code: Array.from({ length: 500 }, (_, i) => `setInterval(f, ${i});`).join('\n'),
    expected: Array.from({ length: 500 }, (_, i): Report => [i + 1, 1, 'interval']),
  },
];

describe('no-module-scope-worker on odd inputs', () => {
  it.each(oddInputs.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const messages = lint(input);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(
      messages.map((message): Report => [message.line, message.column, message.messageId ?? message.message]),
    ).toEqual(input.expected);

    // Fixing converges on code that parses, and what is left has no further fix.
    const fixed = linter.verifyAndFix(input.code, config(input), { filename: input.espree ? 'file.js' : 'file.tsx' });
    expect(fixed.messages.filter((message) => message.fatal)).toEqual([]);
    expect(fixed.messages.filter((message) => message.fix)).toEqual([]);
    const again = lint(input, fixed.output);
    expect(again.filter((message) => message.fatal || message.fix)).toEqual([]);
  });
});
