// How long a cross-file answer lives (issue 14). In one process (an editor's ESLint, the language
// server) a report that depends on another file must follow that file's changes on disk, and with type
// information the answers belong to one TypeScript program. Each test lints temporary copies of the
// cross-file fixtures with one Linter and one config object, as an editor does, several times.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as espree from 'espree';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import workerRule from '../../rules/no-module-scope-worker.js';
import { fixtureCopy } from '../helpers/cross-file-fixtures.js';

const plugin = { rules: { 'no-module-scope-worker': workerRule } } as unknown as NonNullable<
  Linter.Config['plugins']
>[string];

function configFor(languageOptions: Linter.Config['languageOptions']): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.ts'],
      languageOptions,
      plugins: { 'fork-safe': plugin },
      rules: { 'fork-safe/no-module-scope-worker': ['error', { fix: 'off' }] },
    },
  ];
}

/** The messages of one lint of `file` (read from disk, as ESLint reads it), with the chain they name. */
function lint(linter: Linter, config: Linter.Config[], file: string): string[] {
  return linter
    .verify(readFileSync(file, 'utf8'), config, file)
    .map((message) => `${message.line}: ${message.message}`);
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('a cross-file answer follows changes of the files it read, in the same process', () => {
  it('without type information: the entry stops and starts calling setup() at load', () => {
    const copy = fixtureCopy('js');
    afterAll(copy.cleanup);
    const linter = new Linter({ cwd: copy.dir });
    const config = configFor({ parser: espree, ecmaVersion: 2022, sourceType: 'commonjs' });
    const processor = join(copy.dir, 'lib/processor.js');
    const index = join(copy.dir, 'index.js');

    const found = lint(linter, config, processor);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('runs at load: index.js:7 `setup()` -> `new Tracer()` (lib/setup.js:9)');

    // Another file changes on disk, between two lints of the same unchanged file.
    edit(index, '\nsetup();\n', '\nfunction later() { setup(); }\n');
    expect(lint(linter, config, processor)).toEqual([]);

    // And back: a caller that the answer before had not seen (a negative answer is revalidated too).
    edit(index, '\nfunction later() { setup(); }\n', '\nsetup();\n');
    expect(lint(linter, config, processor)).toEqual(found);
  });

  it('with type information (the project service): the entry stops and starts calling startTelemetry()', () => {
    const copy = fixtureCopy('ts-paths');
    afterAll(copy.cleanup);
    const linter = new Linter({ cwd: copy.dir });
    const config = configFor({
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: copy.dir },
    });
    const flush = join(copy.dir, 'src/lib/flush.js');
    const index = join(copy.dir, 'src/index.ts');

    const found = lint(linter, config, flush);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      'runs at load: src/index.ts:6 `startTelemetry()` -> `scheduleFlush()` (src/lib/telemetry.ts:4)',
    );

    // The program still has the old src/index.ts (the project service does not watch files it has not
    // opened); the answer is revalidated against the disk all the same.
    edit(index, '\nstartTelemetry();\n', '\nexport const later = () => startTelemetry();\n');
    expect(lint(linter, config, flush)).toEqual([]);

    edit(index, '\nexport const later = () => startTelemetry();\n', '\nstartTelemetry();\n');
    expect(lint(linter, config, flush)).toEqual(found);
  }, 60_000);
});

describe('with type information, the answers belong to one program', () => {
  it('two programs over the same files (their `paths` differ) do not see each other’s answers', () => {
    const copy = fixtureCopy('ts-paths');
    afterAll(copy.cleanup);
    const linter = new Linter({ cwd: copy.dir });
    // One parser and one plugin object for both, as one ESLint config with two tsconfigs would have.
    // Watch programs, as in an editor: with CI=true typescript-eslint would infer a single run, where
    // the second parse of a file gets a one-file program (the next describe).
    const program = (project: string) =>
      configFor({
        parser: tseslint.parser,
        parserOptions: { project, tsconfigRootDir: copy.dir, disallowAutomaticSingleRunInference: true },
      });
    const lib = program('./tsconfig.json');
    const other = program('./tsconfig.other.json');
    const pool = join(copy.dir, 'src/lib/pool.ts');

    const found = lint(linter, lib, pool);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('runs at load: src/index.ts:7 `make()` -> `new Pool()` (src/lib/pool.ts:10)');
    // In the other program `@lib/pool.js` is src/other-lib/pool.ts: nothing here runs at load.
    expect(lint(linter, other, pool)).toEqual([]);
    expect(lint(linter, lib, pool)).toEqual(found);
  }, 60_000);
});

describe('in typescript-eslint’s single-run mode (CI=true, the command line)', () => {
  it('a fix pass (a second parse, on a one-file isolated program) keeps the cross-file report', () => {
    const copy = fixtureCopy('ts-paths');
    afterAll(copy.cleanup);
    const pool = join(copy.dir, 'src/lib/pool.ts');
    writeFileSync(pool, `${readFileSync(pool, 'utf8')}\nlet fixable = 1;\nexport { fixable };\n`);
    const programs: { noResolve: boolean | undefined; config: unknown }[] = [];
    const spy = {
      rules: {
        program: {
          create(context: { sourceCode: { parserServices?: { program?: unknown } } }) {
            const program = context.sourceCode.parserServices?.program as
              { getCompilerOptions(): { noResolve?: boolean; configFilePath?: unknown } } | undefined;
            const options = program?.getCompilerOptions();
            programs.push({ noResolve: options?.noResolve, config: options?.configFilePath });
            return {};
          },
        },
      },
    } as unknown as NonNullable<Linter.Config['plugins']>[string];
    const config: Linter.Config[] = [
      ...configFor({
        parser: tseslint.parser,
        parserOptions: { project: './tsconfig.json', tsconfigRootDir: copy.dir },
      }),
      { files: ['**/*.ts'], plugins: { spy }, rules: { 'spy/program': 'error', 'prefer-const': 'error' } },
    ];
    const before = process.env.TSESTREE_SINGLE_RUN;
    process.env.TSESTREE_SINGLE_RUN = 'true';
    try {
      const fixed = new Linter({ cwd: copy.dir }).verifyAndFix(readFileSync(pool, 'utf8'), config, pool);
      expect(fixed.output).toContain('const fixable = 1;');
      // The pass after the fix ran on typescript-eslint's isolated program, which knows no other file.
      expect(programs.at(-1)).toEqual({ noResolve: true, config: undefined });
      expect(programs[0]?.config).toBe(join(copy.dir, 'tsconfig.json'));
      expect(fixed.messages.map((message) => `${message.line}: ${message.message}`)).toEqual([
        expect.stringContaining('runs at load: src/index.ts:7 `make()` -> `new Pool()` (src/lib/pool.ts:10)'),
      ]);
    } finally {
      if (before === undefined) delete process.env.TSESTREE_SINGLE_RUN;
      else process.env.TSESTREE_SINGLE_RUN = before;
    }
  }, 60_000);
});
