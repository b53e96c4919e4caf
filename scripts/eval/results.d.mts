// Types for results.mjs (see score.d.mts).
import type { ESLint } from 'eslint';
import type { Report } from './score.mjs';

export function reportsFromResults(
  results: ESLint.LintResult[],
  packageDir: string,
): {
  reports: Omit<Report, 'package'>[];
  unparsable: { file: string; line: number; message: string }[];
};
