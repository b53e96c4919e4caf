// The field-corpus scorer (scripts/eval/score.mjs) and what feeds it: ESLint results turned into reports
// (results.mjs) and label files read and checked (labels.mjs). Fake labels and fake ESLint results, so
// `npm test` covers the scoring without the network; `npm run eval` runs it on the real corpus.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAgainstSource, labelFileName, readLabelFiles } from '../../scripts/eval/labels.mjs';
import { reportsFromResults } from '../../scripts/eval/results.mjs';
import { matches, score, type Label, type Report } from '../../scripts/eval/score.mjs';

const label = (overrides: Partial<Label>): Label => ({
  package: 'pg',
  file: 'lib/client.js',
  line: 10,
  also: [],
  category: 'client',
  expect: 'flag',
  difficulty: 'local',
  why: 'test',
  ...overrides,
});
const report = (overrides: Partial<Report>): Report => ({
  package: 'pg',
  file: 'lib/client.js',
  line: 10,
  ruleId: 'fork-safe/no-module-scope-client',
  message: 'm',
  ...overrides,
});

describe('matches: same package, file, the category rule, and the line or an also line', () => {
  const base = label({ also: [12] });
  it.each([
    ['the label line', report({}), true],
    ['an also line', report({ line: 12 }), true],
    ['another line', report({ line: 11 }), false],
    ['another file', report({ file: 'lib/pool.js' }), false],
    ['another package', report({ package: 'ioredis' }), false],
    ["another category's rule", report({ ruleId: 'fork-safe/no-module-scope-worker' }), false],
  ])('%s', (_, candidate, expected) => {
    expect(matches(base, candidate)).toBe(expected);
  });
});

describe('score', () => {
  const labels: Label[] = [
    label({ line: 10, also: [11] }), // flag, reported on its also line: TP
    label({ line: 20, difficulty: 'library' }), // flag, not reported: FN
    label({ line: 30, expect: 'no-flag', category: 'worker', difficulty: 'cross-function' }), // reported: FP
    label({ line: 40, expect: 'no-flag', category: 'exit-listener' }), // not reported: TN
    label({ line: 50, category: 'cached-handle' }), // flag, reported by the wrong rule only: FN
  ];
  const reports: Report[] = [
    report({ line: 11 }),
    report({ line: 11, column: 30 }), // a second report on the same label counts once
    report({ line: 30, ruleId: 'fork-safe/no-module-scope-worker' }),
    report({ line: 50, ruleId: 'fork-safe/no-module-scope-client' }),
    report({ line: 99 }),
  ];
  const result = score(labels, reports);

  it('gives every label its outcome and the reports that matched it', () => {
    expect(result.outcomes.map(({ outcome }) => outcome)).toEqual(['tp', 'fn', 'fp', 'tn', 'fn']);
    expect(result.outcomes[0]!.reports).toHaveLength(2);
  });

  it('counts overall, with precision and recall', () => {
    expect(result.overall).toEqual({
      labels: 5,
      flag: 3,
      noFlag: 2,
      tp: 1,
      fp: 1,
      fn: 2,
      tn: 1,
      precision: 0.5,
      recall: 1 / 3,
    });
  });

  it('counts per category and per difficulty, null where nothing divides', () => {
    expect(result.byCategory.client).toMatchObject({ tp: 1, fn: 1, precision: 1, recall: 0.5 });
    expect(result.byCategory.worker).toMatchObject({ fp: 1, precision: 0, recall: null });
    expect(result.byCategory['exit-listener']).toMatchObject({ tn: 1, precision: null, recall: null });
    expect(result.byDifficulty.library).toMatchObject({ fn: 1, recall: 0 });
    expect(result.byDifficulty['cross-function']).toMatchObject({ fp: 1, precision: 0 });
    expect(result.byPackage.pg).toMatchObject({ labels: 5, tp: 1, fp: 1, fn: 2, tn: 1 });
  });

  it('returns the reports that match no label, for triage', () => {
    expect(result.unlabelled.map(({ line, ruleId }) => `${line} ${ruleId}`)).toEqual([
      '50 fork-safe/no-module-scope-client',
      '99 fork-safe/no-module-scope-client',
    ]);
  });
});

describe('reportsFromResults: ESLint results to reports', () => {
  const message = (overrides: Partial<Linter.LintMessage>): Linter.LintMessage => ({
    ruleId: 'fork-safe/no-module-scope-worker',
    message: 'timer at load',
    line: 3,
    column: 1,
    severity: 2,
    ...overrides,
  });
  const result = (filePath: string, messages: Linter.LintMessage[]) => ({ filePath, messages }) as ESLint.LintResult;

  it('keeps the plugin messages with package-relative paths and lists parse failures apart', () => {
    const { reports, unparsable } = reportsFromResults(
      [
        result('/cache/pg@1.0.0/lib/timer.js', [message({}), message({ ruleId: 'no-undef', message: 'other rule' })]),
        result('/cache/pg@1.0.0/dist/bundle.min.js', [
          message({ ruleId: null, fatal: true, message: 'Parsing error: Unexpected token', line: 1 }),
        ]),
      ],
      '/cache/pg@1.0.0',
    );
    expect(reports).toEqual([
      {
        file: 'lib/timer.js',
        line: 3,
        column: 1,
        ruleId: 'fork-safe/no-module-scope-worker',
        message: 'timer at load',
      },
    ]);
    expect(unparsable).toEqual([{ file: 'dist/bundle.min.js', line: 1, message: 'Parsing error: Unexpected token' }]);
  });
});

describe('label files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fork-safe-labels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => writeFileSync(join(dir, name), JSON.stringify(content));

  it('names a file after its package', () => {
    expect(labelFileName('@slack/bolt')).toBe('slack__bolt.json');
    expect(labelFileName('pg')).toBe('pg.json');
  });

  it('reads every file, keeps the good labels and names each problem', () => {
    const good = { file: 'lib/a.js', line: 2, category: 'worker', expect: 'flag', difficulty: 'local', why: 'timer' };
    write('pg.json', { package: 'pg', version: '1.0.0', labels: [good, { ...good, category: 'timers' }] });
    write('wrong-name.json', { package: '@slack/bolt', version: '2.0.0', labels: [] });
    write('broken.json', { package: 'ws' });
    const { sets, problems } = readLabelFiles(dir);
    expect(sets.map((set) => `${set.package}@${set.version}:${set.labels.length}`)).toEqual([
      'pg@1.0.0:1',
      '@slack/bolt@2.0.0:0',
    ]);
    expect(sets[0]!.labels[0]).toMatchObject({ package: 'pg', also: [] });
    expect(problems).toEqual([
      'broken.json: needs "package", "version" and a "labels" array',
      'pg.json label 1 (lib/a.js:2): `category` must be one of worker, client, cached-handle, exit-listener',
      'wrong-name.json: should be named slack__bolt.json',
    ]);
  });

  it('checks labels against the unpacked source', () => {
    const packageDir = join(dir, 'pkg');
    mkdirSync(join(packageDir, 'lib'), { recursive: true });
    writeFileSync(join(packageDir, 'lib/a.js'), 'one\ntwo\nthree\n');
    const set = {
      file: 'pg.json',
      package: 'pg',
      version: '1.0.0',
      labels: [
        label({ file: 'lib/a.js', line: 2 }),
        label({ file: 'lib/a.js', line: 9 }),
        label({ file: 'lib/missing.js', line: 1 }),
      ].map((entry) => ({ ...entry, also: entry.also ?? [] })),
    };
    expect(checkAgainstSource(set, packageDir)).toEqual([
      'pg.json: lib/a.js:9 is past the end of the file (3 lines)',
      'pg.json: lib/missing.js is not in pg@1.0.0',
    ]);
  });
});
