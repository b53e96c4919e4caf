// Reading corpus/labels/*.json (the format is in docs/evaluation.md). Every file in the directory is
// read, whoever wrote it; a malformed label is reported with its file and index, never skipped silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, DIFFICULTIES } from './score.mjs';

/** `@slack/bolt` -> `slack__bolt.json`, `pg` -> `pg.json`. */
export function labelFileName(packageName) {
  return `${packageName.replace(/^@/, '').replace('/', '__')}.json`;
}

function labelErrors(label, where) {
  const errors = [];
  const bad = (what) => errors.push(`${where}: ${what}`);
  if (typeof label.file !== 'string' || !label.file || label.file.includes('\\') || label.file.startsWith('/'))
    bad('`file` must be a /-separated path relative to the package root');
  if (!Number.isInteger(label.line) || label.line < 1) bad('`line` must be a 1-based integer');
  if (label.also !== undefined && !(Array.isArray(label.also) && label.also.every((n) => Number.isInteger(n) && n > 0)))
    bad('`also` must be an array of line numbers');
  if (!CATEGORIES.includes(label.category)) bad(`\`category\` must be one of ${CATEGORIES.join(', ')}`);
  if (label.expect !== 'flag' && label.expect !== 'no-flag') bad('`expect` must be flag or no-flag');
  if (!DIFFICULTIES.includes(label.difficulty)) bad(`\`difficulty\` must be one of ${DIFFICULTIES.join(', ')}`);
  if (typeof label.why !== 'string' || !label.why.trim()) bad('`why` must say why');
  return errors;
}

/**
 * Reads every label file. Returns the label sets ({ file, package, version, labels }, each label with
 * its package name) and the problems found (bad shape, a file name that does not match the package).
 */
export function readLabelFiles(dir) {
  const sets = [];
  const problems = [];
  if (!existsSync(dir)) return { sets, problems };
  for (const name of readdirSync(dir)
    .filter((entry) => entry.endsWith('.json'))
    .sort()) {
    let content;
    try {
      content = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: not valid JSON (${error.message})`);
      continue;
    }
    const { package: packageName, version, labels } = content ?? {};
    if (typeof packageName !== 'string' || typeof version !== 'string' || !Array.isArray(labels)) {
      problems.push(`${name}: needs "package", "version" and a "labels" array`);
      continue;
    }
    if (labelFileName(packageName) !== name) problems.push(`${name}: should be named ${labelFileName(packageName)}`);
    const good = [];
    labels.forEach((label, index) => {
      const errors = labelErrors(label ?? {}, `${name} label ${index} (${label?.file}:${label?.line})`);
      if (errors.length) problems.push(...errors);
      else good.push({ ...label, also: label.also ?? [], package: packageName });
    });
    sets.push({ file: name, package: packageName, version, labels: good });
  }
  return { sets, problems };
}

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Problems a label set has against the unpacked package: missing files, lines past the end. */
export function checkAgainstSource(set, packageDir) {
  const problems = [];
  const lengths = new Map();
  for (const label of set.labels) {
    const path = join(packageDir, label.file);
    if (!lengths.has(path)) lengths.set(path, existsSync(path) ? lineCount(readFileSync(path, 'utf8')) : 0);
    const length = lengths.get(path);
    if (!length) problems.push(`${set.file}: ${label.file} is not in ${set.package}@${set.version}`);
    else if ([label.line, ...label.also].some((line) => line > length))
      problems.push(`${set.file}: ${label.file}:${label.line} is past the end of the file (${length} lines)`);
  }
  return problems;
}
