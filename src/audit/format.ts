// The audit's three formats: a table for people, JSON for scripts, SARIF 2.1.0 for code scanning.
import { relative, sep } from 'node:path';
import { shortBreaks } from './breaks.js';
import { isFinding, isUnmanaged, type AuditedResource, type AuditReport, type Site } from './report.js';

function shortPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path.startsWith('..') || path === '' ? file : path.split(sep).join('/');
}

export function formatSite(site: Site | undefined, cwd: string): string {
  return site ? `${shortPath(site.file, cwd)}:${site.line}:${site.column}` : '(unknown)';
}

function kindLabel(resource: AuditedResource): string {
  if (resource.ref === undefined) return resource.kind;
  return `${resource.kind} (${resource.ref ? "ref'd" : "unref'd"})`;
}

// The names the runtime gives what the caller did not name: not worth showing.
const DEFAULT_NAMES = new Set(['interval', 'worker', 'perProcess']);

function managedLabel(resource: AuditedResource): string {
  if (!resource.managed) return 'no';
  const { by, name } = resource.managed;
  return name && !DEFAULT_NAMES.has(name) ? `${by} '${name}'` : by;
}

function moduleLabel(resource: AuditedResource, cwd: string): string {
  if (!resource.module) return '';
  return resource.package
    ? `${resource.package} (${shortPath(resource.module, cwd)})`
    : shortPath(resource.module, cwd);
}

export function statusLine(report: AuditReport, cwd: string): string {
  const entry = shortPath(report.entry, cwd);
  switch (report.status) {
    case 'loaded':
      return `${entry} loaded in ${report.loadMs} ms`;
    case 'threw':
      if (report.error?.code === 'ERR_NOT_BUILDING_SNAPSHOT') {
        return `${entry} ran as a snapshot entry up to ${formatSite(report.error.site, cwd)}, where v8.startupSnapshot works only while building`;
      }
      return `${entry} threw while loading, at ${formatSite(report.error?.site, cwd)}: ${report.error?.message ?? ''}`;
    case 'exited':
      return `${entry} exited while loading (exit code ${report.exitCode ?? '?'})`;
    case 'timeout':
      return `${entry} was still loading after ${report.timeoutMs ?? '?'} ms (a top-level await that does not settle?); what it opened so far`;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd()).join('\n');
}

export function formatTable(report: AuditReport, cwd: string): string {
  const unmanaged = report.resources.filter(isUnmanaged).length;
  const findings = report.resources.filter(isFinding).length;
  const lines = [`fork-safe-audit: ${statusLine(report, cwd)}`];
  lines.push(
    `${report.resources.length} resource${report.resources.length === 1 ? '' : 's'} still open after loading, ${unmanaged} not managed by the fork-safe runtime` +
      (unmanaged > findings ? ` (${findings} of them break a lifecycle change)` : ''),
  );
  if (report.resources.length > 0) {
    const rows = [['', 'RESOURCE', 'DETAIL', 'CREATED AT', 'MODULE', 'MANAGED BY', 'BREAKS']];
    for (const resource of report.resources) {
      rows.push([
        resource.managed ? 'ok' : isFinding(resource) ? '✗' : '·',
        kindLabel(resource),
        resource.detail,
        formatSite(resource.site, cwd),
        moduleLabel(resource, cwd),
        managedLabel(resource),
        shortBreaks(resource.breaks),
      ]);
    }
    lines.push('', table(rows));
  }
  if (report.unattributed.length > 0) {
    lines.push(
      '',
      `Also active, opened where the audit could not see: ${report.unattributed.map((u) => `${u.count} ${u.type}`).join(', ')}`,
    );
  }
  if (findings > 0) {
    lines.push(
      '',
      'BREAKS: snapshot hang/fatal/broken = what `node --build-snapshot` does with it; cluster ×N = one per',
      'cluster or PM2 worker; thaw = stale after a serverless freeze. `--json` has the full text.',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

const RULES = [
  {
    id: 'unmanaged-resource',
    shortDescription: {
      text: 'A resource opened while the module loads and still open afterwards, not managed by the fork-safe runtime (an error where it breaks a snapshot, cluster workers or a thaw)',
    },
  },
  {
    id: 'managed-resource',
    shortDescription: { text: 'A resource opened while the module loads and managed by the fork-safe runtime' },
  },
  { id: 'load-failure', shortDescription: { text: 'The entry did not finish loading' } },
] as const;

function location(site: Site | undefined, cwd: string): object[] {
  if (!site) return [];
  const uri = shortPath(site.file, cwd).split('/').map(encodeURIComponent).join('/');
  return [
    {
      physicalLocation: {
        artifactLocation: { uri },
        region: { startLine: Math.max(1, site.line), startColumn: Math.max(1, site.column) },
      },
    },
  ];
}

function describeBreaks(resource: AuditedResource): string {
  const { snapshot, cluster, thaw } = resource.breaks;
  return [
    snapshot && `V8 snapshot build: ${snapshot}`,
    cluster && `cluster: ${cluster}`,
    thaw && `serverless thaw: ${thaw}`,
  ]
    .filter(Boolean)
    .join('; ');
}

export function formatSarif(report: AuditReport, cwd: string, tool: ToolInfo): string {
  const results: object[] = report.resources.map((resource) => {
    const unmanaged = isUnmanaged(resource);
    const finding = isFinding(resource);
    const what = `${kindLabel(resource)}${resource.detail ? ` ${resource.detail}` : ''} still open after loading${
      resource.module ? ` ${shortPath(resource.module, cwd)}` : ''
    }`;
    const text = unmanaged
      ? `${what}, not managed by the fork-safe runtime. ${describeBreaks(resource)}`
      : `${what}, managed by ${managedLabel(resource)}`;
    const ruleIndex = unmanaged ? 0 : 1;
    return {
      ruleId: RULES[ruleIndex].id,
      ruleIndex,
      level: finding ? 'error' : unmanaged ? 'warning' : 'note',
      message: { text: text.trim() },
      locations: location(resource.site, cwd),
    };
  });
  if (report.status !== 'loaded') {
    results.push({
      ruleId: RULES[2].id,
      ruleIndex: 2,
      level: 'error',
      message: { text: statusLine(report, cwd) },
      locations: location(report.error?.site, cwd),
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { ...tool, rules: RULES } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
