// Reached at load across files (issue 14): a timer, thread or client created in a function or
// constructor of one file is reported when another file of the project runs that code at load, with the
// chain of calls in the message. The other files are fixture projects on disk
// (test/fixtures/cross-file/js and ts); each case lints one of their files, by its real path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as espree from 'espree';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import clientRule from '../../rules/no-module-scope-client.js';
import workerRule, { type MessageId, type Options } from '../../rules/no-module-scope-worker.js';
import { createRuleTester } from './rule-tester.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'cross-file');
const js = (path: string) => join(fixtures, 'js', path);
const ts = (path: string) => join(fixtures, 'ts', path);
const read = (file: string) => readFileSync(file, 'utf8');

const ruleTester = createRuleTester();
const options: Options = [{ fix: 'off' }];
/** ESLint's own parser and scope analysis (eslint-scope) for the JavaScript project, as a plain JS config has. */
const espreeOptions = { parser: espree, parserOptions: { ecmaVersion: 2022, sourceType: 'commonjs' } } as const;
const jsCase = (path: string) => ({ filename: js(path), code: read(js(path)), languageOptions: espreeOptions });
const tsCase = (path: string) => ({ filename: ts(path), code: read(ts(path)) });

/** The shared setting that keeps both rules to one-file answers. */
const crossFileOff = { 'fork-safe': { crossFile: false } };

const workerValid: ValidTestCase<Options>[] = [
  { name: 'a constructor whose class only a role-guarded branch constructs', options, ...jsCase('lib/service.js') },
  {
    name: 'a function that an unparsable file calls: no answer goes through it',
    options,
    ...jsCase('lib/starts-broken.js'),
  },
  { name: 'a chain that ends in perProcess(): created on first use', options, ...jsCase('lib/held.js') },
  { name: 'an exported start() nobody calls at load (TypeScript)', options, ...tsCase('src/start.ts') },
  {
    name: 'a chain five files long: one file more than the search follows',
    options,
    ...jsCase('deep/e.js'),
  },
  {
    name: "settings: { 'fork-safe': { crossFile: false } }: the four-file chain is not followed",
    options,
    settings: crossFileOff,
    ...jsCase('lib/processor.js'),
  },
];

const workerInvalid: InvalidTestCase<MessageId, Options>[] = [
  {
    name: 'a parameter defaulting to setInterval, its function called at load by another file without it',
    options,
    ...jsCase('thunk/poll.js'),
    errors: [
      {
        messageId: 'intervalByParameter',
        data: {
          trigger: ' (runs at load: thunk/watch.js:5 `poll()`)',
          parameter: 'schedule',
          timer: 'setInterval',
          how: 'through its default',
        },
        line: 5,
        column: 10,
      },
    ],
  },
  {
    name: "a class handed over through the project's memoiser (`lazy(() => require('./reporter').Reporter)`), constructed at load in another file",
    options,
    ...jsCase('thunk/reporter.js'),
    errors: [
      {
        messageId: 'interval',
        data: { trigger: ' (runs at load: thunk/sdk.js:9 `new (getReporter())()`)' },
        line: 6,
        column: 18,
      },
    ],
  },
  {
    name: 'init -> class -> class -> interval, four files deep, once-guarded init',
    options,
    ...jsCase('lib/processor.js'),
    errors: [
      {
        messageId: 'interval',
        data: {
          trigger:
            ' (runs at load: index.js:7 `setup()` -> `new Tracer()` (lib/setup.js:9) -> `new Processor()` (lib/tracer.js:6))',
        },
        line: 5,
        column: 18,
      },
    ],
  },
  {
    name: 'static getInstance() through a CommonJS barrel -> constructor -> worker thread',
    options,
    ...jsCase('lib/metrics.js'),
    errors: [
      {
        messageId: 'thread',
        data: {
          trigger: ' (runs at load: index.js:8 `Metrics.getInstance()` -> `new Metrics()` (lib/metrics.js:8))',
          withheld: ' No edit: it is created inside another expression; give it a const of its own.',
        },
        line: 13,
        column: 19,
      },
    ],
  },
  {
    name: "a callback handed to the project's own helper, which calls it, in a function another file calls at load",
    options,
    ...jsCase('lib/runner.js'),
    errors: [
      {
        messageId: 'interval',
        data: {
          trigger:
            " (runs at load: index.js:16 `require('./lib/runner').runForever()` -> `withRetry()` (lib/runner.js:8))",
        },
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'a cycle between files: a.tick() at load of the file a requires back',
    options,
    ...jsCase('lib/cycle-a.js'),
    errors: [
      { messageId: 'interval', data: { trigger: ' (runs at load: lib/cycle-b.js:9 `a.tick()`)' }, line: 9, column: 3 },
    ],
  },
  {
    name: 'TypeScript: static getInstance() through a barrel (export *) -> constructor -> instance field worker',
    options,
    ...tsCase('src/reporter.ts'),
    errors: [
      {
        messageId: 'thread',
        data: {
          trigger:
            ' (runs at load: src/index.ts:4 `Agent.getInstance()` -> `new Agent()` (src/agent.ts:8) -> `new Reporter()` (src/agent.ts:12))',
          withheld: ' No edit: it is created inside another expression; give it a const of its own.',
        },
        line: 4,
        column: 21,
      },
    ],
  },
];

ruleTester.run('no-module-scope-worker across files', workerRule, { valid: workerValid, invalid: workerInvalid });

ruleTester.run('no-module-scope-client across files', clientRule, {
  valid: [
    { name: 'the pool factory nobody calls at load stays quiet in its own file', ...tsCase('src/start.ts') },
    { name: "a load-time new Options() of another file's config-only class", ...jsCase('adapters/options.js') },
    {
      name: "settings: { 'fork-safe': { crossFile: false } }: factory -> factory -> pool is not followed",
      settings: crossFileOff,
      options: [{ fix: 'off' }],
      ...jsCase('lib/pool.js'),
    },
    {
      name: 'a class handed over by a thunk from another file that owns no client (config only)',
      filename: js('thunk/sdk.js'),
      code: `'use strict';
const loadOptions = () => require('../lib/options').Options;
const options = new (loadOptions())({ timeout: 5000 });
module.exports = { options };`,
      languageOptions: espreeOptions,
    },
  ],
  invalid: [
    {
      name: 'factory -> factory -> pool, reached from a bin through the package importing itself',
      ...jsCase('lib/pool.js'),
      options: [{ fix: 'off' }],
      errors: [
        {
          messageId: 'client',
          data: {
            name: 'new Pool() (runs at load: bin/cli.js:6 `createPool()` -> `makePool()` (lib/pool.js:9))',
          },
          line: 5,
          column: 10,
        },
      ],
    },
    {
      name: "a load-time new Sessions() of another file's class that keeps the HTTP/2 sessions it opens",
      ...jsCase('adapters/http2.js'),
      options: [{ fix: 'off' }],
      errors: [
        {
          messageId: 'ownsClient',
          data: { name: 'new Sessions()', verb: 'keeps', owned: 'lib/sessions.js:13: `http2.connect()`' },
          line: 5,
          column: 18,
        },
      ],
    },
    {
      // The rule skips a file when nothing it reaches names a client: what it reaches is read from the
      // text being linted, so an editor's unsaved import counts (on disk, options.js reaches no client).
      name: 'the same, typed into another file and not saved yet',
      filename: js('adapters/options.js'),
      code: read(js('adapters/http2.js')),
      languageOptions: espreeOptions,
      options: [{ fix: 'off' }],
      errors: [
        {
          messageId: 'ownsClient',
          data: { name: 'new Sessions()', verb: 'keeps', owned: 'lib/sessions.js:13: `http2.connect()`' },
          line: 5,
          column: 18,
        },
      ],
    },
    {
      name: 'a load-time new of a class handed over by a thunk (`new (loadSessions())()`) that keeps the HTTP/2 sessions it opens',
      ...jsCase('thunk/sdk.js'),
      options: [{ fix: 'off' }],
      errors: [
        {
          messageId: 'ownsClient',
          data: { name: 'new (loadSessions())()', verb: 'keeps', owned: 'lib/sessions.js:13: `http2.connect()`' },
          line: 10,
          column: 18,
        },
      ],
    },
    {
      name: 'TypeScript: `export const db = createDb()` -> createDb() re-exported by a barrel -> makePool() -> new pg.Pool()',
      ...tsCase('src/pool/index.ts'),
      options: [{ fix: 'off' }],
      errors: [
        {
          messageId: 'client',
          data: {
            name: 'new pg.Pool() (runs at load: src/index.ts:3 `createDb()` -> `makePool()` (src/db.ts:4))',
          },
          line: 4,
          column: 10,
        },
      ],
    },
  ],
});
