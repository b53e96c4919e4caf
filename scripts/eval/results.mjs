// From ESLint's LintResult objects to the scorer's reports: the plugin's messages with paths relative to
// the package root, and the files the parser could not read. No other rule is configured in a corpus
// run, but a message from anything but this plugin is left out all the same.
import { relative, sep } from 'node:path';

export function reportsFromResults(results, packageDir) {
  const reports = [];
  const unparsable = [];
  for (const result of results) {
    const file = relative(packageDir, result.filePath).split(sep).join('/');
    for (const message of result.messages) {
      if (message.fatal) unparsable.push({ file, line: message.line, message: message.message });
      else if (message.ruleId?.startsWith('fork-safe/'))
        reports.push({
          file,
          line: message.line,
          column: message.column,
          ruleId: message.ruleId,
          message: message.message,
        });
    }
  }
  return { reports, unparsable };
}
