import { RuleTester, type RuleTesterConfig } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';

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
