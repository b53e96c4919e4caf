// Across files with type information (issue 14): module names resolve through the TypeScript program
// (a `paths` alias, JavaScript under allowJs), the files that may call a declaration are the program's,
// a dependency's declaration file is not analysed (its factory is a client by its type alone), and two
// programs resolve with their own options (that their answers stay apart is cross-file-lifetime.test.ts:
// this tester gives each case a parser of its own). The project is a temporary copy of
// test/fixtures/cross-file/ts-paths with its dependency installed; each case lints one of its files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import clientRule, {
  type MessageId as ClientMessageId,
  type Options as ClientOptions,
} from '../../rules/no-module-scope-client.js';
import workerRule, { type MessageId, type Options } from '../../rules/no-module-scope-worker.js';
import { fixtureCopy } from '../helpers/cross-file-fixtures.js';
import { createRuleTester } from './rule-tester.js';

const copy = fixtureCopy('ts-paths');
afterAll(copy.cleanup);
const root = copy.dir;
const at = (path: string) => ({ filename: join(root, path), code: readFileSync(join(root, path), 'utf8') });
/** The same, named relative to the root: the tester joins tsconfigRootDir and the name when `project` is set. */
const atRelative = (path: string) => ({ ...at(path), filename: path });

/** The project's own tsconfig.json, found by typescript-eslint's project service. */
const typed = createRuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
});
/** A second program over the same files: tsconfig.other.json maps `@lib/*` to src/other-lib/. */
const otherProgram = createRuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.other.json', tsconfigRootDir: root } },
});
/** No type information: typescript-eslint's parser alone. */
const untyped = createRuleTester();

const options: Options = [{ fix: 'off' }];

const typedWorkerInvalid: InvalidTestCase<MessageId, Options>[] = [
  {
    name: 'a `paths` alias to a TypeScript file, then to a JavaScript file (allowJs) that starts an interval',
    options,
    ...at('src/lib/flush.js'),
    errors: [
      {
        messageId: 'interval',
        data: {
          trigger: ' (runs at load: src/index.ts:6 `startTelemetry()` -> `scheduleFlush()` (src/lib/telemetry.ts:4))',
        },
        line: 3,
        column: 10,
      },
    ],
  },
  {
    name: 'a generic factory make<T>() through the alias -> new Pool<T>() -> an instance field interval',
    options,
    ...at('src/lib/pool.ts'),
    errors: [
      {
        messageId: 'interval',
        data: { trigger: ' (runs at load: src/index.ts:7 `make()` -> `new Pool()` (src/lib/pool.ts:10))' },
        line: 4,
        column: 30,
      },
    ],
  },
];

typed.run('no-module-scope-worker across files, typed', workerRule, {
  valid: [{ name: 'the entry itself starts nothing in its own code', options, ...at('src/index.ts') }],
  invalid: typedWorkerInvalid,
});

const typeAware: ClientOptions = [{ typeAware: true, fix: 'off' }];

typed.run('no-module-scope-client across files, typed', clientRule, {
  valid: [
    {
      name: "the dependency's factory is not followed into node_modules: openDb() in its own file is no load-time line",
      options: typeAware,
      ...at('src/lib/db.ts'),
    },
  ],
  invalid: [
    {
      name: "a chain ending in a dependency's .d.ts: not analysed, the returned Connection is a client by its type (it holds an Agent)",
      options: typeAware,
      ...at('src/index.ts'),
      errors: [{ messageId: 'client', line: 8, column: 19 }],
    },
  ] satisfies InvalidTestCase<ClientMessageId, ClientOptions>[],
});

otherProgram.run('no-module-scope-worker, a second program over the same files', workerRule, {
  valid: [
    {
      name: '`@lib/pool.js` is src/other-lib/pool.ts in this program, whose make() builds no Pool',
      options,
      ...atRelative('src/lib/pool.ts'),
    },
    {
      name: '`@lib/telemetry.js` names no file in this program: nothing reaches scheduleFlush()',
      options,
      ...atRelative('src/lib/flush.js'),
    },
  ],
  invalid: [],
});

untyped.run('no-module-scope-worker across files, untyped', workerRule, {
  valid: [
    {
      name: 'without the program, `@lib/telemetry.js` is no relative path nor the package itself: not followed',
      options,
      ...at('src/lib/flush.js'),
    },
    { name: 'nor `@lib/pool.js`: make<T>() has no caller at load', options, ...at('src/lib/pool.ts') },
  ],
  invalid: [],
});
