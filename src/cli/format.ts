// The two formats ESLint does not ship: SARIF 2.1.0 and GitHub Actions workflow-command annotations.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint, Linter } from 'eslint';
import { contains, displayPath } from './paths.js';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

type RulesMeta = Record<string, { docs?: { description?: string; url?: string } } | undefined>;

/** A file below the cwd by its relative path; one outside it (linted by absolute or `../` path) by its file URL. */
function relativeUri(file: string, cwd: string): string {
  if (!contains(cwd, file)) return pathToFileURL(file).href;
  const path = relative(cwd, file).split(sep).join('/');
  return path.split('/').map(encodeURIComponent).join('/');
}

function level(message: Linter.LintMessage): 'error' | 'warning' {
  return message.severity === 2 ? 'error' : 'warning';
}

export function formatSarif(results: ESLint.LintResult[], rulesMeta: RulesMeta, tool: ToolInfo, cwd: string): string {
  const ruleIds = [
    ...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId).filter((id): id is string => !!id))),
  ].sort();
  const rules = ruleIds.map((id) => {
    const docs = rulesMeta[id]?.docs;
    return {
      id,
      shortDescription: { text: docs?.description ?? id },
      ...(docs?.url ? { helpUri: docs.url } : {}),
    };
  });
  const sarifResults = results.flatMap((result) =>
    result.messages.map((message) => {
      const region: Record<string, number> = {
        startLine: Math.max(1, message.line || 1),
        startColumn: Math.max(1, message.column || 1),
      };
      if (message.endLine !== undefined) region.endLine = message.endLine;
      if (message.endColumn !== undefined) region.endColumn = message.endColumn;
      const index = message.ruleId ? ruleIds.indexOf(message.ruleId) : -1;
      return {
        ...(message.ruleId ? { ruleId: message.ruleId, ruleIndex: index } : {}),
        level: level(message),
        message: { text: message.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativeUri(result.filePath, cwd) },
              region,
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { ...tool, rules } }, results: sarifResults }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Escapes as GitHub's toolkit does: data escapes %, \r, \n; properties also : and ,. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function formatGithub(results: ESLint.LintResult[], cwd: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, cwd).split(sep).join('/');
    for (const message of result.messages) {
      const props = [`file=${escapeProperty(file)}`, `line=${message.line || 1}`, `col=${message.column || 1}`];
      if (message.endLine !== undefined) props.push(`endLine=${message.endLine}`);
      if (message.endColumn !== undefined) props.push(`endColumn=${message.endColumn}`);
      if (message.ruleId) props.push(`title=${escapeProperty(message.ruleId)}`);
      lines.push(`::${level(message)} ${props.join(',')}::${escapeData(message.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
