// Scoring the rules' reports against the corpus labels (docs/evaluation.md). Pure: labels and reports
// in, counts out, so test/eval/score.test.ts checks it without the network or ESLint.
//
// A report matches a label when it is in the same file of the same package, comes from the rule of the
// label's category, and is on the label's line or one of its `also` lines. A `flag` label with a match
// is a true positive, without one a false negative; a `no-flag` label with a match is a false positive,
// without one a true negative. Reports that match no label are returned for triage (label them).

/** The rule that owns each label category. */
export const CATEGORY_RULES = {
  worker: 'fork-safe/no-module-scope-worker',
  client: 'fork-safe/no-module-scope-client',
  'cached-handle': 'fork-safe/no-cached-handle',
  'exit-listener': 'fork-safe/no-repeated-process-listener',
};
export const CATEGORIES = Object.keys(CATEGORY_RULES);
export const DIFFICULTIES = ['local', 'cross-function', 'library'];

const fileKey = (packageName, file) => `${packageName}\u0000${file}`;

/** Does `report` match `label`? */
export function matches(label, report) {
  return (
    report.package === label.package &&
    report.file === label.file &&
    report.ruleId === CATEGORY_RULES[label.category] &&
    (report.line === label.line || (label.also ?? []).includes(report.line))
  );
}

function emptyCounts() {
  return { labels: 0, flag: 0, noFlag: 0, tp: 0, fp: 0, fn: 0, tn: 0, precision: null, recall: null };
}

function add(counts, outcome, expect) {
  counts.labels++;
  if (expect === 'flag') counts.flag++;
  else counts.noFlag++;
  counts[outcome]++;
}

function finish(counts) {
  // null, not 0 or 1, when there is nothing to divide: "no reports" is not "all wrong".
  counts.precision = counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : null;
  counts.recall = counts.tp + counts.fn > 0 ? counts.tp / (counts.tp + counts.fn) : null;
  return counts;
}

/**
 * @param labels every label, each with its `package` (name) set
 * @param reports every report of the plugin's rules: { package, file, line, column?, ruleId, message? }
 * @returns the outcome of every label, counts overall / per category / per difficulty / per package,
 *   and the reports that match no label
 */
export function score(labels, reports) {
  const reportsByFile = new Map();
  for (const report of reports) {
    const key = fileKey(report.package, report.file);
    if (!reportsByFile.has(key)) reportsByFile.set(key, []);
    reportsByFile.get(key).push(report);
  }

  const matched = new Set();
  const outcomes = labels.map((label) => {
    const candidates = reportsByFile.get(fileKey(label.package, label.file)) ?? [];
    const hits = candidates.filter((report) => matches(label, report));
    for (const hit of hits) matched.add(hit);
    const outcome = label.expect === 'flag' ? (hits.length ? 'tp' : 'fn') : hits.length ? 'fp' : 'tn';
    return { label, outcome, reports: hits };
  });

  const overall = emptyCounts();
  const byCategory = Object.fromEntries(CATEGORIES.map((name) => [name, emptyCounts()]));
  const byDifficulty = Object.fromEntries(DIFFICULTIES.map((name) => [name, emptyCounts()]));
  const byPackage = {};
  for (const { label, outcome } of outcomes) {
    add(overall, outcome, label.expect);
    add((byCategory[label.category] ??= emptyCounts()), outcome, label.expect);
    add((byDifficulty[label.difficulty] ??= emptyCounts()), outcome, label.expect);
    add((byPackage[label.package] ??= emptyCounts()), outcome, label.expect);
  }
  for (const group of [byCategory, byDifficulty, byPackage]) for (const counts of Object.values(group)) finish(counts);
  finish(overall);

  const unlabelled = reports.filter((report) => !matched.has(report));
  return { outcomes, overall, byCategory, byDifficulty, byPackage, unlabelled };
}
