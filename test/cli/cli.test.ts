// The built `fork-safe-lint` bin (dist/cli.js; `npm test` builds first) on a temporary copy of the
// example app: exit codes, each output format, and --fix.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, projectRoot, runNode, type RunResult } from '../helpers/node.js';

const cli = join(projectRoot, 'dist', 'cli.js');
const exampleApp = join(projectRoot, 'examples', 'telemetry-app');
const ruleIds = [
  'fork-safe/no-cached-handle',
  'fork-safe/no-module-scope-client',
  'fork-safe/no-module-scope-worker',
  'fork-safe/no-repeated-process-listener',
];

let temp: { dir: string; cleanup: () => void };
let app: string;

beforeEach(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  temp = makeTempDir('fork-safe-cli-');
  app = join(temp.dir, 'telemetry-app');
  cpSync(exampleApp, app, { recursive: true });
});
afterEach(() => temp.cleanup());

/** Runs the bin with the temp dir as cwd, so paths in the output are relative to it. */
function lint(args: string[]): Promise<RunResult> {
  return runNode([cli, ...args], { cwd: temp.dir, timeoutMs: 60_000 });
}

function expectOneLineUsageError(result: RunResult): void {
  expect(result.timedOut).toBe(false);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^fork-safe-lint: /);
  expect(result.stderr).not.toMatch(/^\s*at /m);
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; helpUri: string; shortDescription: { text: string } }[];
      };
    };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
    }[];
  }[];
}

describe('fork-safe-lint exit codes', () => {
  it('exits 0 on a clean file, with nothing on stderr when stderr is not a TTY', async () => {
    const result = await lint(['telemetry-app/clean.js']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('exits 1 on the example app and reports each of the four rules (stylish by default)', async () => {
    const result = await lint(['telemetry-app']);
    expect(result.code).toBe(1);
    for (const id of ruleIds) expect(result.stdout).toContain(id);
    expect(result.stdout).toContain('exporter.ts');
    expect(result.stderr).toBe('');
  });

  it('exits 2 with one line and no stack trace on a missing path', async () => {
    const result = await lint(['telemetry-app/does-not-exist.js']);
    expectOneLineUsageError(result);
    expect(result.stderr).toContain('does-not-exist.js');
  });

  it('exits 2 with one line and no stack trace on an unknown option, a bad format and a bad --max-warnings', async () => {
    for (const args of [
      ['--bogus', 'telemetry-app'],
      ['--format', 'xml', 'telemetry-app'],
      ['--max-warnings', 'many', 'telemetry-app'],
    ]) {
      expectOneLineUsageError(await lint(args));
    }
  });

  it('exits 2 with a one-line install hint when eslint is not installed', async () => {
    // The package alone (its dist and package.json) in a directory with no node_modules above it.
    const bare = join(temp.dir, 'bare-package');
    cpSync(join(projectRoot, 'dist'), join(bare, 'dist'), { recursive: true });
    cpSync(join(projectRoot, 'package.json'), join(bare, 'package.json'));
    const result = await runNode([join(bare, 'dist', 'cli.js'), 'dist'], { cwd: bare, timeoutMs: 60_000 });
    expectOneLineUsageError(result);
    expect(result.stderr).toMatch(/run `npm install --save-dev eslint`$/m);
  });

  it('prints usage with --help and exits 0', async () => {
    const result = await lint(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: fork-safe-lint/);
  });
});

describe('fork-safe-lint formats', () => {
  it('--format json prints ESLint JSON that lists the four rule ids', async () => {
    const result = await lint(['--format', 'json', 'telemetry-app']);
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const found = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect([...found].sort()).toEqual(ruleIds);
  });

  it('--format github prints one workflow-command annotation per finding, escaping properties', async () => {
    // A comma in a file name must reach GitHub escaped, or it would end the `file` property.
    cpSync(join(app, 'lifecycle.js'), join(app, 'life,cycle.js'));
    const result = await lint(['--format', 'github', 'telemetry-app']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const annotation =
      /^::error file=telemetry-app\/[\w.%-]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=fork-safe\/[a-z-]+::[^\r\n]+$/;
    for (const line of lines) expect(line).toMatch(annotation);
    expect(lines.some((line) => line.startsWith('::error file=telemetry-app/life%2Ccycle.js,line=12,'))).toBe(true);
    expect(new Set(lines.map((line) => /title=([^:]+)::/.exec(line)?.[1]))).toEqual(new Set(ruleIds));
  });

  it('--format sarif prints SARIF 2.1.0 that validates against the official schema', async () => {
    const result = await lint(['--format', 'sarif', 'telemetry-app']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;

    // The OASIS SARIF 2.1.0 schema as shipped in @microsoft/sarif-multitool's platform package (a
    // devDependency; its optional dependency for this platform holds the file). It declares draft
    // 2020-12 but uses only keywords that draft-07 also has, so ajv 6 (ESLint's own) validates it as
    // draft-07 once the meta-schema reference is dropped.
    const require = createRequire(import.meta.url);
    const multitool = dirname(require.resolve('@microsoft/sarif-multitool/package.json'));
    const platformPackage = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux'}`;
    const schemaPath = createRequire(join(multitool, 'package.json')).resolve(`${platformPackage}/sarif-2.1.0.json`);
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0 JSON Schema/);
    delete schema.$schema;
    const { default: Ajv } = (await import('ajv')) as unknown as { default: new (options: object) => AjvLike };
    const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    // And what the schema allows but does not require.
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('fork-safe-lint');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(ruleIds);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id.replace('fork-safe/', '')}\\.md$`));
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    }
    expect(run.results.length).toBeGreaterThanOrEqual(4);
    for (const finding of run.results) {
      expect(ruleIds).toContain(finding.ruleId);
      expect(finding.level).toBe('error');
      const location = finding.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/^telemetry-app\/[\w.-]+$/);
      expect(Object.keys(location.region).sort()).toEqual(['endColumn', 'endLine', 'startColumn', 'startLine']);
    }
  });
});

interface AjvLike {
  validate(schema: object, data: unknown): boolean;
  errors?: unknown[] | null;
}

describe('fork-safe-lint --fix', () => {
  it('rewrites the app onto the runtime; a second run reports fewer problems, the suggestion-only ones', async () => {
    const countProblems = async (extra: string[]): Promise<{ count: number; fixable: number; result: RunResult }> => {
      const result = await lint([...extra, '--format', 'json', 'telemetry-app']);
      const results = JSON.parse(result.stdout) as { errorCount: number; fixableErrorCount: number }[];
      return {
        count: results.reduce((n, r) => n + r.errorCount, 0),
        fixable: results.reduce((n, r) => n + r.fixableErrorCount, 0),
        result,
      };
    };
    const before = await countProblems([]);
    const sources = (): string =>
      ['flusher.js', 'store.js', 'lifecycle.js', 'exporter.ts']
        .map((f) => readFileSync(join(app, f), 'utf8'))
        .join('\n');
    const original = sources();
    expect(before.fixable).toBeGreaterThan(0);

    const fixed = await countProblems(['--fix']);
    expect(sources()).not.toBe(original);
    expect(sources()).toContain('eslint-plugin-fork-safe/runtime');

    const after = await countProblems([]);
    expect(after.count).toBe(fixed.count);
    expect(after.count).toBeLessThan(before.count);
    expect(after.fixable).toBe(0);
  });
});
