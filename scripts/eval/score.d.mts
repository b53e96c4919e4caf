// Types for score.mjs, so the TypeScript test (test/eval/score.test.ts) can import it.
export type Category = 'worker' | 'client' | 'cached-handle' | 'exit-listener';
export type Difficulty = 'local' | 'cross-function' | 'library';

export interface Label {
  package: string;
  file: string;
  line: number;
  also?: number[];
  category: Category;
  expect: 'flag' | 'no-flag';
  difficulty: Difficulty;
  why?: string;
}

export interface Report {
  package: string;
  file: string;
  line: number;
  column?: number;
  ruleId: string;
  message?: string;
}

export interface Counts {
  labels: number;
  flag: number;
  noFlag: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
}

export type Outcome = 'tp' | 'fp' | 'fn' | 'tn';

export interface Score {
  outcomes: { label: Label; outcome: Outcome; reports: Report[] }[];
  overall: Counts;
  byCategory: Record<string, Counts>;
  byDifficulty: Record<string, Counts>;
  byPackage: Record<string, Counts>;
  unlabelled: Report[];
}

export const CATEGORY_RULES: Record<Category, string>;
export const CATEGORIES: Category[];
export const DIFFICULTIES: Difficulty[];
export function matches(label: Label, report: Report): boolean;
export function score(labels: Label[], reports: Report[]): Score;
