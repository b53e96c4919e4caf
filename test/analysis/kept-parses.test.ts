// The other files' parses that cross-file following keeps (project-files.ts Project) are bounded by the
// size of their text: over the bound, every parse and every answer built on them is dropped at the start
// of the next linted file's questions, never during one. Identity is asserted as booleans: vitest
// formatting two whole parse trees (with their parent links) for a message does not finish.
import { join } from 'node:path';
import { SourceCode } from 'eslint';
import * as espree from 'espree';
import { KEYS } from 'eslint-visitor-keys';
import { describe, expect, it } from 'vitest';
import { beginRun } from '../../src/analysis/file-versions.js';
import { answersFor } from '../../src/analysis/project-answers.js';
import { Project, type ParseSetup } from '../../src/analysis/project-files.js';
import { crossFileFixtures } from '../helpers/cross-file-fixtures.js';

const setup = {
  parser: espree,
  parserOptions: {},
  ecmaVersion: 2022,
  sourceType: 'commonjs',
  visitorKeys: KEYS,
  SourceCode,
} as unknown as ParseSetup;
const js = join(crossFileFixtures, 'js');
const index = join(js, 'index.js');
const other = join(js, 'lib', 'setup.js');

function answersOver(parses: Project) {
  return answersFor(parses, undefined, { filename: index, projectOption: '' });
}

describe('kept parses of other files', () => {
  it('are kept from one linted file to the next while their text is within the bound', () => {
    const answers = answersOver(new Project(setup));
    beginRun();
    const first = answers.analysisOf(other);
    expect(first === undefined).toBe(false);
    beginRun();
    expect(answers.analysisOf(other) === first).toBe(true);
  });

  it('are all dropped, with the answers on them, at the next linted file once over the bound', () => {
    const parses = new Project(setup, 1);
    const answers = answersOver(parses);
    beginRun();
    const first = answers.analysisOf(other);
    expect(first === undefined).toBe(false);
    // Within the same linted file the parse stays, however large: a question in progress holds it.
    expect(answers.analysisOf(other) === first).toBe(true);
    beginRun();
    const again = answers.analysisOf(other);
    expect(again === undefined).toBe(false);
    expect(again === first).toBe(false);
    expect(again!.sourceCode === first!.sourceCode).toBe(false);
    expect(parses.generation).toBe(1);
    // The answers of another program over the same parses notice the drop too.
    expect(answersOver(parses).analysisOf(other) === again).toBe(true);
  });
});
