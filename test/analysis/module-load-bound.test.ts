// FileAnalysis.moduleLoadBound (module-load.ts over other-files.ts `MaybeOtherFileCallers`): from the
// linted file alone, an upper bound of `moduleLoad`. The client rule asks ownership (which parses other
// files) only of a line the bound says may run at load, so a line the full answer has at load must never
// be "no" here; and the bound must say "no" where no other file can make a line run at load, or it saves
// nothing. Checked on every call and `new` of the cross-file fixtures, linted on their real paths.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { crossFileFixtures as fixtures, visitCallSites } from '../helpers/cross-file-fixtures.js';

interface Answer {
  line: number;
  full: boolean;
  bound: boolean;
}

function answers(file: string): Answer[] {
  const found: Answer[] = [];
  const messages = visitCallSites(file, (node, analysis) => {
    found.push({
      line: node.loc.start.line,
      full: analysis.moduleLoad.runsAtLoad(node),
      bound: analysis.moduleLoadBound.runsAtLoad(node),
    });
  });
  // A fixture that does not parse on purpose gives no answers.
  return messages.some((message) => message.fatal) ? [] : found;
}

const sources = readdirSync(fixtures, { recursive: true, encoding: 'utf8' })
  .filter((path) => /\.(js|ts)$/.test(path) && !path.endsWith('.d.ts') && !path.includes('node_modules'))
  .map((path) => join(fixtures, path));

describe('moduleLoadBound', () => {
  it('says "may run at load" for every line the full answer has at load, across every fixture file', () => {
    let atLoad = 0;
    for (const file of sources) {
      for (const answer of answers(file)) {
        if (answer.full) atLoad++;
        expect({ file, ...answer, bound: answer.full ? answer.bound : true }).toEqual({ file, ...answer, bound: true });
      }
    }
    expect(atLoad).toBeGreaterThan(10);
  });

  it('says "no" for lines no other file can make run at load (instance methods, unexported unused functions)', () => {
    const all = sources.flatMap((file) => answers(file));
    const settled = all.filter((answer) => !answer.bound);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.every((answer) => !answer.full)).toBe(true);
  });
});
