import type { FileAnalysis } from '../analysis/file-analysis.js';

/** `base`, else `base2`, `base3`, ...: the first that is not taken. */
export function firstFreeName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * Names for the declarations a rule's fixes add: free in the file (FileAnalysis.namesInUse), and never
 * handed out twice by the one rule in one pass over the file.
 */
export class FreeNames {
  private readonly taken: Set<string>;

  constructor(analysis: FileAnalysis) {
    this.taken = new Set(analysis.namesInUse);
  }

  take(base: string): string {
    const name = firstFreeName(base, this.taken);
    this.taken.add(name);
    return name;
  }
}
