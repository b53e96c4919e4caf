// The human-readable form of an eval result (scripts/eval.mjs): one section per config with precision
// and recall per category, difficulty and package, every miss and false positive with its why, every
// unlabelled report, crashes, unparsable files and fix validity.
import { CATEGORIES, DIFFICULTIES } from './score.mjs';

const percent = (value) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

export function table(rows, header) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(all[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...all.slice(1).map(line)];
}

function countsTable(title, groups, order) {
  const names = [
    ...order.filter((name) => groups[name]),
    ...Object.keys(groups)
      .filter((name) => !order.includes(name))
      .sort(),
  ];
  const rows = names.map((name) => {
    const c = groups[name];
    return [name, c.labels, c.flag, c.tp, c.fp, c.fn, c.tn, percent(c.precision), percent(c.recall)];
  });
  return table(rows, [title, 'labels', 'flag', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall']);
}

export function printReport(result, print) {
  print(`fork-safe field corpus evaluation, ${result.date}`);
  print(
    `plugin ${result.plugin}${result.commit ? ` (${result.commit})` : ''}, ESLint ${result.eslint}, typescript-eslint ${result.typescriptEslint}, Node ${result.node}`,
  );
  print(
    `packages: ${result.packages.map((p) => `${p.name}@${p.version}${p.labelled ? '*' : ''}`).join(', ')}  (* = labelled)`,
  );
  if (result.labelProblems.length) {
    print(`\nLabel problems (${result.labelProblems.length}):`);
    for (const problem of result.labelProblems) print(`  ${problem}`);
  }
  for (const [name, config] of Object.entries(result.configs)) {
    const o = config.overall;
    print(`\n=== ${name}: ${config.files} files, ${config.reports} reports, ${config.seconds} s ===`);
    print(
      `overall: ${o.labels} labels (${o.flag} flag), TP ${o.tp} FP ${o.fp} FN ${o.fn} TN ${o.tn}, precision ${percent(o.precision)}, recall ${percent(o.recall)}`,
    );
    print('');
    for (const line of countsTable('category', config.byCategory, CATEGORIES)) print(line);
    print('');
    for (const line of countsTable('difficulty', config.byDifficulty, DIFFICULTIES)) print(line);
    print('');
    for (const line of countsTable('package', config.byPackage, [])) print(line);
    const wrong = config.outcomes.filter(({ outcome }) => outcome === 'fn' || outcome === 'fp');
    print(`\nMisses and false positives (${wrong.length}):`);
    for (const { label, outcome, reports } of wrong) {
      const seen = reports.length ? ` [reported: ${reports[0].message}]` : '';
      print(
        `  ${outcome.toUpperCase()} ${label.category}/${label.difficulty} ${label.package} ${label.file}:${label.line}: ${label.why}${seen}`,
      );
    }
    print(
      `\nUnlabelled reports (${config.unlabelled.length}${config.unlabelledHidden ? `; ${config.unlabelledHidden} more in unlabelled packages, --all-reports lists them` : ''}):`,
    );
    for (const report of config.unlabelled)
      print(
        `  ${report.package} ${report.file}:${report.line} ${report.ruleId.replace('fork-safe/', '')} ${report.message}`,
      );
    print(`\nRule crashes: ${config.crashes.length}`);
    if (config.crashes.length) {
      for (const crash of config.crashes)
        print(`  ${crash.package} ${crash.file}: ${crash.rule ?? '?'}: ${crash.message}`);
      print(`first stack:\n${config.crashes[0].stack}`);
    }
    const reparsed = config.reparsedAsModule ?? [];
    if (reparsed.length)
      print(
        `Files with ES module syntax where package.json says CommonJS, linted as modules: ${reparsed.length} (${[...new Set(reparsed.map((entry) => entry.package))].join(', ')})`,
      );
    print(`Files the parser cannot read: ${config.unparsable.length}`);
    for (const entry of config.unparsable) print(`  ${entry.package} ${entry.file}:${entry.line} ${entry.message}`);
    const bad = config.fixes.filter((fix) => !fix.ok);
    print(`Fix validity on labelled files: ${config.fixes.length} fixed, ${bad.length} invalid`);
    for (const fix of bad) print(`  ${fix.package} ${fix.file}: ${fix.problem}`);
  }
  print('\n=== summary ===');
  const rows = Object.entries(result.configs).map(([name, config]) => {
    const o = config.overall;
    const local = config.byDifficulty.local;
    const library = config.byDifficulty.library;
    return [
      name,
      `${o.tp}/${o.fp}/${o.fn}/${o.tn}`,
      percent(o.precision),
      percent(o.recall),
      percent(local?.recall ?? null),
      percent(library?.recall ?? null),
      config.unlabelled.length + config.unlabelledHidden,
      config.crashes.length,
      `${config.fixes.filter((fix) => !fix.ok).length}/${config.fixes.length}`,
    ];
  });
  const header = [
    'config',
    'TP/FP/FN/TN',
    'precision',
    'recall',
    'recall local',
    'recall library',
    'unlabelled',
    'crashes',
    'bad fixes',
  ];
  for (const line of table(rows, header)) print(line);
}
