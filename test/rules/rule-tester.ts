import { isAbsolute, join } from 'node:path';
import { RuleTester, type InvalidTestCase, type RuleTesterConfig, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { typecheckEdits } from './typecheck-edits.js';

// @typescript-eslint/rule-tester brings no test framework of its own: hand it vitest's.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * A RuleTester on vitest with typescript-eslint's parser (its default). Files are `file.ts`, parsed as
 * ES modules: the tester sets `parserOptions.sourceType: 'module'`, which wins over
 * `languageOptions.sourceType`, so a CommonJS case sets
 * `languageOptions: { parserOptions: { sourceType: 'script' } }` (or 'commonjs').
 */
export function createRuleTester(config?: RuleTesterConfig): RuleTester {
  return new RuleTester(config);
}

interface TableCase {
  name?: string;
  errors?: readonly { messageId?: unknown; line?: unknown; column?: unknown }[];
}

/**
 * The checks every rule's case table must pass: enough valid and invalid cases, and a position on every
 * expected error (what eslint-plugin-eslint-plugin's require-test-error-positions asks).
 */
export function checkCaseTable(
  rule: string,
  valid: readonly unknown[],
  invalid: readonly TableCase[],
  minimum: { valid: number; invalid: number },
): void {
  describe(`${rule} test table`, () => {
    it(`has at least ${minimum.invalid} invalid and ${minimum.valid} valid cases`, () => {
      expect(invalid.length).toBeGreaterThanOrEqual(minimum.invalid);
      expect(valid.length).toBeGreaterThanOrEqual(minimum.valid);
    });

    it('gives messageId, line and column on every error', () => {
      for (const testCase of invalid) {
        for (const error of testCase.errors ?? []) {
          expect(error, testCase.name).toEqual(
            expect.objectContaining({
              messageId: expect.any(String),
              line: expect.any(Number),
              column: expect.any(Number),
            }),
          );
        }
      }
    });
  });
}

type AnyInvalid = InvalidTestCase<string, readonly unknown[]>;

interface Edit {
  name: string;
  kind: 'fixed' | 'suggested';
  testCase: AnyInvalid;
  output: string;
}

/** The final fix output of every case, and every suggestion's output. */
function editsOf(invalid: readonly AnyInvalid[]): Edit[] {
  return invalid.flatMap((testCase) => {
    const name = testCase.name ?? testCase.code.slice(0, 60);
    const output = typeof testCase.output === 'string' ? testCase.output : testCase.output?.at(-1);
    const fixed: Edit[] =
      output !== undefined && output !== testCase.code ? [{ name, kind: 'fixed', testCase, output }] : [];
    const suggested = testCase.errors.flatMap((error) =>
      (error.suggestions ?? []).map((suggestion): Edit => ({
        name: `${name}: ${suggestion.messageId}`,
        kind: 'suggested',
        testCase,
        output: suggestion.output,
      })),
    );
    return [...fixed, ...suggested];
  });
}

/** The runtime's specifiers that cases configure (settings['fork-safe'].runtimeModule). */
function runtimeModules(invalid: readonly AnyInvalid[]): string[] {
  return invalid.flatMap((testCase) => {
    const settings = testCase.settings?.['fork-safe'] as { runtimeModule?: unknown } | undefined;
    return typeof settings?.runtimeModule === 'string' ? [settings.runtimeModule] : [];
  });
}

/**
 * Runs a rule's case table, and holds every fix and every suggestion to the same bar: its output
 * parses, the rule does not take it up again (no further fix; the finding it answers is gone, so the
 * rule reports less than on the case's code), and in TypeScript it adds no compiler error to the
 * case's code (overloads, possibly-undefined values and all). A suggestion is one click in an editor:
 * users apply it as readily as a fix.
 */
export function runRuleTests(
  name: string,
  rule: TSESLint.RuleModule<string, readonly unknown[]>,
  tests: RunTests<string, readonly unknown[]>,
  config?: RuleTesterConfig,
): void {
  createRuleTester(config).run(name, rule, tests);
  const edits = editsOf(tests.invalid);
  if (edits.length === 0) return;

  const linter = new Linter({ configType: 'flat' });
  const parserOptions = config?.languageOptions?.parserOptions;
  const tsconfigRootDir = parserOptions?.tsconfigRootDir;
  const filenameOf = (testCase: AnyInvalid): string => {
    const filename = testCase.filename ?? 'file.ts';
    return tsconfigRootDir && !isAbsolute(filename) ? join(tsconfigRootDir, filename) : filename;
  };
  const lint = (testCase: AnyInvalid, code: string): Linter.LintMessage[] => {
    const script = testCase.languageOptions?.parserOptions?.sourceType === 'script';
    return linter.verify(
      code,
      [
        {
          files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.tsx'],
          languageOptions: {
            parser: tseslint.parser as Linter.Parser,
            parserOptions: { ...parserOptions, ...testCase.languageOptions?.parserOptions },
            sourceType: script ? 'commonjs' : 'module',
          },
          plugins: { rule: { rules: { [name]: rule } } as unknown as ESLint.Plugin },
          ...(testCase.settings ? { settings: testCase.settings } : {}),
          rules: { [`rule/${name}`]: ['error', ...(testCase.options ?? [])] as Linter.RuleEntry },
        },
      ],
      filenameOf(testCase),
    );
  };

  // TypeScript outputs: ES modules in a .ts file. A CommonJS case is JavaScript written in file.ts (its
  // require() calls are untyped in TypeScript), so the compiler would judge it by rules it never meets.
  const typed = edits
    .map((edit, index) => ({ edit, index }))
    .filter(
      ({ edit }) =>
        /\.[cm]?tsx?$/.test(edit.testCase.filename ?? 'file.ts') &&
        !['script', 'commonjs'].includes(String(edit.testCase.languageOptions?.parserOptions?.sourceType)),
    );
  const newErrors = typecheckEdits(
    typed.map(({ edit }) => ({ input: edit.testCase.code, output: edit.output })),
    runtimeModules(tests.invalid),
  );

  describe(`${name}: what its fixes and suggestions produce`, () => {
    it.each(edits.map((edit) => [`${edit.kind}: ${edit.name}`, edit] as const))(
      'is stable: %s',
      (_title, { kind, testCase, output }) => {
        const before = lint(testCase, testCase.code).length;
        const after = lint(testCase, output);
        expect(after.filter((message) => message.fatal)).toEqual([]);
        if (kind === 'fixed') expect(after.filter((message) => message.fix)).toEqual([]);
        expect(after.length).toBeLessThan(before);
      },
    );
    if (typed.length === 0) return;
    it.each(typed.map(({ edit }, at) => [`${edit.kind}: ${edit.name}`, at] as const))(
      'adds no TypeScript error: %s',
      (_title, at) => {
        expect(newErrors(at)).toEqual([]);
      },
    );
  });
}
