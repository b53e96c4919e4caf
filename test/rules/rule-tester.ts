import { RuleTester, type RuleTesterConfig } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

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
