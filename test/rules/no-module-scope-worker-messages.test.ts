// Messages that are true for the exact code: an unref'd timer does not hang a snapshot build or a test
// runner, and a timer in a constructor runs at load only because of a `new C()` somewhere else.
import { Linter, type ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-worker.js';
import { checkCaseTable, createRuleTester } from './rule-tester.js';

const ruleTester = createRuleTester();

// Messages only, with edits off: the edits are the main suite's (and change with the fixes).
const options: Options = [{ fix: 'off' }];

const metrics = (start: string, extra = '') => `class Metrics {
  constructor() {
    this.timer = ${start};${extra}
  }
  flush() {}
}

export const metrics = new Metrics();`;

const valid: ValidTestCase<Options>[] = [
  {
    name: 'a constructor timer in a class that is never instantiated at load',
    options,
    code: `export class Metrics {
  constructor() {
    this.timer = setInterval(() => this.flush(), 5000);
    this.timer.unref();
  }
  flush() {}
}`,
  },
  {
    name: "an unref'd timer started in a function nobody calls at load",
    options,
    code: `export function start() {
  setInterval(flush, 5000).unref();
}`,
  },
];

const invalid: InvalidTestCase<MessageId, Options>[] = [
  {
    name: "setInterval(...).unref(): lost after a restore and once per worker, not 'hangs a build'",
    options,
    code: 'setInterval(flush, 5000).unref();',
    errors: [{ messageId: 'unrefInterval', data: { trigger: '' }, line: 1, column: 1 }],
  },
  {
    name: 'const t = setInterval(...); t.unref()',
    options,
    code: `const t = setInterval(flush, 5000);
t.unref();`,
    errors: [{ messageId: 'unrefInterval', data: { trigger: '' }, line: 1, column: 11 }],
  },
  {
    name: "a stored timer unref'd only through another name is still ref'd: t.ref() is not t.unref()",
    options,
    code: `const t = setInterval(flush, 5000);
t.ref();`,
    errors: [{ messageId: 'interval', data: { trigger: '' }, line: 1, column: 11 }],
  },
  {
    name: 'a constructor timer: the message names the new Metrics() that runs it at load',
    options,
    code: metrics('setInterval(() => this.flush(), 5000)'),
    errors: [
      {
        messageId: 'interval',
        data: { trigger: ' by new Metrics() on line 8' },
        line: 3,
        column: 18,
      },
    ],
  },
  {
    name: "an unref'd constructor timer (this.timer.unref() in the constructor), instantiated at load",
    options,
    code: metrics('setInterval(() => this.flush(), 5000)', '\n    this.timer.unref();'),
    errors: [
      {
        messageId: 'unrefInterval',
        data: { trigger: ' by new Metrics() on line 9' },
        line: 3,
        column: 18,
      },
    ],
  },
  {
    name: 'an instance field timer names the instantiation too',
    options,
    code: `class Poller {
  timer = setInterval(() => this.poll(), 1000).unref();
  poll() {}
}
const poller = new Poller();
export default poller;`,
    errors: [
      {
        messageId: 'unrefInterval',
        data: { trigger: ' by new Poller() on line 5' },
        line: 2,
        column: 11,
      },
    ],
  },
];

checkCaseTable('no-module-scope-worker (messages)', valid, invalid, { valid: 2, invalid: 6 });
ruleTester.run('no-module-scope-worker (messages)', rule, { valid, invalid });

// The words a user reads, checked whole: data alone would let a template drift into a false claim.
describe('no-module-scope-worker message text', () => {
  const linter = new Linter({ configType: 'flat' });
  const messages = (code: string) =>
    linter
      .verify(
        code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tseslint.parser as Linter.Parser },
            plugins: { 'fork-safe': { rules: { 'no-module-scope-worker': rule } } as unknown as ESLint.Plugin },
            rules: { 'fork-safe/no-module-scope-worker': 'error' },
          },
        ],
        { filename: 'file.ts' },
      )
      .map((message) => message.message);

  it("an unref'd timer is not said to hang a build or keep test runners alive", () => {
    expect(messages('setInterval(flush, 5000).unref();')).toEqual([
      "Unref'd interval started at module load: it never fires in a process restored from a V8 snapshot (its timer is not carried over) and runs once per cluster worker. Start it through the fork-safe runtime (interval()), which starts it again after a restore.",
    ]);
  });

  it('a constructor timer names the load-time instantiation', () => {
    expect(messages(metrics('setInterval(() => this.flush(), 5000)'))).toEqual([
      'Interval started at module load by new Metrics() on line 8: it hangs a V8 snapshot build, runs once per cluster worker and keeps test runners alive. Start it through the fork-safe runtime (interval()).',
    ]);
  });
});
