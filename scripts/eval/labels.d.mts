// Types for labels.mjs (see score.d.mts).
import type { Label } from './score.mjs';

export interface LabelSet {
  file: string;
  package: string;
  version: string;
  labels: (Label & { also: number[] })[];
}
export function labelFileName(packageName: string): string;
export function readLabelFiles(dir: string): { sets: LabelSet[]; problems: string[] };
export function checkAgainstSource(set: LabelSet, packageDir: string): string[];
