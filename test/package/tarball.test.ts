// End to end, as users get the package: `npm pack`, then `npm install <tarball>` (offline, nothing
// downloaded) into three fresh projects outside the repository: ESM, CommonJS and TypeScript. The
// JavaScript projects are bare, as a new user's are: ESLint and the tarball, nothing else (no
// typescript-eslint, @typescript-eslint/* or TypeScript anywhere they could resolve from). Each
// project's own config (eslint.config.js, eslint.config.cjs for CommonJS) extends fork-safe/recommended,
// and the real ESLint CLI (9 and 10) lints it, fixes it and lints it again; `npx fork-safe-lint` lints it
// too. A bare project that meets TypeScript or a typed config gets a clear error. The fixed files must be exactly the checked-in expected ones, parse,
// and (TypeScript) type-check against the runtime's types from the installed tarball. The fixed ESM and
// CommonJS apps are then bundled from the project's node_modules (the installed runtime) and built into
// a real V8 startup snapshot, which is restored: the interval ticks and the perProcess() connection is
// opened in the restored process, never in the build. The ESM app as written cannot be built at all.
import { cpSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { jsonLines, makeTempDir, projectRoot, runNode, type RunResult } from '../helpers/node.js';
import { startLineServer } from '../helpers/servers.js';
import { buildSnapshot, limiter, once, runSnapshot, type SnapshotBuild } from '../helpers/snapshot.js';
import {
  bundleProjectEntry,
  installTarball,
  isRealDirectory,
  nodeModulesNames,
  packTarball,
  readTree,
  runEslintCli,
  runNpx,
  typescriptPeers,
  type EslintMajor,
  type PackedTarball,
} from '../helpers/tarball.js';

const FIXTURES = join(projectRoot, 'test/fixtures/tarball');
const PACKAGE = 'eslint-plugin-fork-safe';
const RUNTIME = `${PACKAGE}/runtime`;
/** The app as written never finishes its build; the fixed one takes about a second here. */
const HANG_TIMEOUT_MS = 5_000;
/** Bounds a build or a restored run of a fixed app, both of which end by themselves. */
const SNAPSHOT_TIMEOUT_MS = 30_000;

type Kind = 'esm' | 'cjs' | 'ts';

/** One problem ESLint reports, located by a snippet of the line it is on. */
interface Finding {
  file: string;
  rule: string;
  at: string;
  /** Whether `eslint --fix` fixes it. */
  fix: boolean;
  /** How many editor suggestions it offers. */
  suggestions: number;
}

interface SnapshotSpec {
  /** The environment variable the app reads its collector's port from. */
  portVariable: string;
  /** The runtime file the bundle must take from the installed tarball (import or require condition). */
  runtimeFile: string;
  /** The lines the collector must receive from the restored process, normalised. */
  expectedLines(pid: number): string[];
  normalise(line: string): string;
  /** Normalised lines to leave out of the comparison (sent while the process exits, so not reliably delivered). */
  ignore(line: string): boolean;
}

interface ProjectSpec {
  title: string;
  /** What the project installs besides ESLint and the tarball: nothing for a JavaScript project. */
  peers: readonly string[];
  /** Where a TypeScript file added to a bare project goes. */
  sourceDir: string;
  /** Everything the recommended config reports in the project as written. */
  findings: Finding[];
  /** The exit code of `eslint --fix` and of the run after it: 1 while a suggestion-only problem remains. */
  exitAfterFix: 0 | 1;
  /** The ESM and CommonJS apps have a snapshot entry, snapshot-entry.js. */
  snapshot?: SnapshotSpec;
}

const rule = {
  worker: 'fork-safe/no-module-scope-worker',
  client: 'fork-safe/no-module-scope-client',
  cachedHandle: 'fork-safe/no-cached-handle',
  listener: 'fork-safe/no-repeated-process-listener',
};

const projects: Record<Kind, ProjectSpec> = {
  esm: {
    title: 'bare ESM project (type: module, eslint.config.js with import; only eslint installed)',
    peers: [],
    sourceDir: 'src',
    findings: [
      {
        file: 'src/lifecycle.js',
        rule: rule.listener,
        at: "process.on('exit', flushOnExit)",
        fix: true,
        suggestions: 0,
      },
      { file: 'src/metrics.js', rule: rule.worker, at: 'setInterval(flush, 20)', fix: true, suggestions: 1 },
      { file: 'src/transport.js', rule: rule.client, at: 'const socket = net.connect(', fix: true, suggestions: 0 },
    ],
    exitAfterFix: 0,
    snapshot: {
      portVariable: 'CARBON_PORT',
      runtimeFile: `node_modules/${PACKAGE}/dist/runtime.mjs`,
      // Counted at build time and carried in the snapshot, then the restored process's own request:
      // all shipped by the interval over a connection the restored process opened.
      expectedLines: (pid) => ['app.boot 1', `app.request.${pid} 1`, 'app.sdk.start 1'],
      normalise: (line) => line.split(' ').slice(0, 2).join(' '),
      ignore: (line) => line === 'app.sdk.exit 1',
    },
  },
  cjs: {
    title: 'bare CommonJS project (no type, eslint.config.cjs with require; only eslint installed)',
    peers: [],
    sourceDir: 'lib',
    findings: [
      // An exported singleton: only a perProcessProxy() suggestion, so it is still reported after --fix.
      { file: 'lib/agent.js', rule: rule.client, at: 'module.exports = new https.Agent(', fix: false, suggestions: 1 },
      {
        file: 'lib/shipper.js',
        rule: rule.client,
        at: 'const socket = net.createConnection(',
        fix: true,
        suggestions: 0,
      },
      {
        file: 'lib/shipper.js',
        rule: rule.worker,
        at: 'const timer = setInterval(drain, 20)',
        fix: true,
        suggestions: 0,
      },
      { file: 'lib/sidecar.js', rule: rule.worker, at: 'spawn(process.execPath', fix: true, suggestions: 0 },
    ],
    exitAfterFix: 1,
    snapshot: {
      portVariable: 'COLLECTOR_PORT',
      runtimeFile: `node_modules/${PACKAGE}/dist/runtime.cjs`,
      expectedLines: (pid) => ['built', `restored ${pid}`],
      normalise: (line) => line,
      ignore: () => false,
    },
  },
  ts: {
    title: 'TypeScript project (tsconfig.json, typescript-eslint parser for .ts)',
    peers: typescriptPeers,
    sourceDir: 'src',
    findings: [
      { file: 'src/exporter.ts', rule: rule.client, at: 'const agent = new https.Agent(', fix: true, suggestions: 0 },
      { file: 'src/heartbeat.ts', rule: rule.worker, at: 'const timer = setInterval(', fix: true, suggestions: 1 },
      {
        file: 'src/tracer.ts',
        rule: rule.cachedHandle,
        at: 'this.api = transport.get().api',
        fix: true,
        suggestions: 0,
      },
      { file: 'src/tracer.ts', rule: rule.listener, at: "process.on('exit', this.flush)", fix: true, suggestions: 0 },
    ],
    exitAfterFix: 0,
  },
};

const kinds = Object.keys(projects) as Kind[];
const eslintMajors: EslintMajor[] = ['9', '10'];

/** The project as checked in, and the files `eslint --fix` must turn it into (the others stay as they are). */
const fixture = (kind: Kind) => ({
  dir: join(FIXTURES, kind, 'project'),
  original: readTree(join(FIXTURES, kind, 'project')),
  expected: readTree(join(FIXTURES, kind, 'expected')),
});

/** What npm itself writes into a project when it installs: compared separately. */
const npmFiles = (path: string) => path === 'package.json' || path === 'package-lock.json';

interface JsonMessage {
  ruleId: string | null;
  line: number;
  message: string;
  fix?: unknown;
  suggestions?: unknown[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  output?: string;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

interface LintRun extends RunResult {
  results: JsonResult[];
}

interface SnapshotOutcome {
  inputs: string[];
  build: SnapshotBuild;
  buildConnections: number;
  buildLines: string[];
  run?: RunResult;
  runConnections: number;
  lines: string[];
}

/** What a bare project answers when it meets what needs typescript-eslint. */
interface WithoutTypescriptEslint {
  /** `npx fork-safe-lint` with one TypeScript file added. */
  typescriptFile: RunResult;
  /** `npx fork-safe-lint --type-checked`. */
  typeChecked: RunResult;
  /** The ESLint CLI with a config that spreads fork-safe/recommended-type-checked. */
  typedConfig: RunResult;
  /** The repository's tsc, with skipLibCheck off, on a TypeScript config file using the package's types. */
  types: RunResult;
}

interface ComboOutcome {
  project: string;
  /** node_modules right after `npm install`, before the peers were linked. */
  installed: string[];
  /** node_modules once the peers are linked: what the project has to lint with. */
  nodeModules: string[];
  /** Which of the lint side's optional packages resolve from the project (none may in a bare one). */
  resolvable: string[];
  /** `npx fork-safe-lint --format json .` before the fix. */
  cli: LintRun;
  /** The same with --strict (the strict config: lazy-init detection too). */
  cliStrict: LintRun;
  installedIsRealDirectory: boolean;
  installedVersion: string;
  dependencies: Record<string, string>;
  eslintVersion: string;
  lint: LintRun;
  fix: LintRun;
  afterFix: Map<string, string>;
  tsc?: RunResult;
  recheck: LintRun;
  afterRecheck: Map<string, string>;
  snapshot?: SnapshotOutcome;
  withoutTypescriptEslint?: WithoutTypescriptEslint;
}

/** What typed linting needs and a JavaScript project does without. */
const typescriptSide = ['typescript', 'typescript-eslint', '@typescript-eslint/utils', '@typescript-eslint/parser'];

function resolvableFrom(project: string, names: string[]): string[] {
  const require = createRequire(join(project, 'package.json'));
  return names.filter((name) => {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
}

const temp = makeTempDir('fork-safe-tarball-');
const slots = limiter(2);
const packed = once(() => packTarball(temp.dir));

async function eslintJson(project: string, args: string[]): Promise<LintRun> {
  return parseJsonRun(await runEslintCli(project, [...args, '--format', 'json', '.']), `eslint ${args.join(' ')}`);
}

function parseJsonRun(run: RunResult, what: string): LintRun {
  let results: JsonResult[];
  try {
    results = JSON.parse(run.stdout) as JsonResult[];
  } catch {
    throw new Error(
      `${what} printed no JSON (exit ${run.code}, timed out ${run.timedOut}):\n${run.stdout}\n${run.stderr}`,
    );
  }
  return { ...run, results };
}

type TsParser = { parseForESLint(text: string, options: object): { ast: { body: unknown[] } } };
const linter = new Linter();

/**
 * Parses a fixed file as the project's ESLint config does: espree (through ESLint's Linter, with no rules,
 * so any message is a fatal parse error) as ESM or CommonJS, typescript-eslint's parser for TypeScript.
 */
function parseError(kind: Kind, file: string, code: string): string | null {
  if (kind === 'ts') {
    try {
      const { ast } = (tseslint.parser as unknown as TsParser).parseForESLint(code, {
        filePath: file,
        sourceType: 'module',
        ecmaVersion: 'latest',
      });
      return ast.body.length > 0 ? null : 'empty program';
    } catch (error) {
      return String(error);
    }
  }
  const messages = linter.verify(
    code,
    { languageOptions: { ecmaVersion: 'latest', sourceType: kind === 'esm' ? 'module' : 'commonjs' } },
    file,
  );
  return messages.length === 0
    ? null
    : messages.map((message) => `${message.line}:${message.column} ${message.message}`).join('\n');
}

/** Bundles the fixed app's snapshot entry from the project, builds a snapshot, restores it once. */
async function snapshotApp(project: string, work: string, spec: SnapshotSpec): Promise<SnapshotOutcome> {
  const server = await startLineServer();
  try {
    const bundle = join(work, 'app.bundle.cjs');
    const inputs = await bundleProjectEntry(project, 'snapshot-entry.js', bundle);
    const env = { [spec.portVariable]: String(server.port) };
    const build = await buildSnapshot(bundle, join(work, 'app.blob'), { env, timeoutMs: SNAPSHOT_TIMEOUT_MS });
    const buildConnections = server.connections();
    const buildLines = server.lines();
    if (build.code !== 0 || build.blobBytes === 0) {
      return { inputs, build, buildConnections, buildLines, runConnections: 0, lines: [] };
    }
    const run = await runSnapshot(build.blob, { env, timeoutMs: SNAPSHOT_TIMEOUT_MS });
    const [main] = jsonLines(run.stdout) as { pid?: number }[];
    const wanted = main?.pid === undefined ? [] : spec.expectedLines(main.pid);
    // The restored process has exited; give the collector a moment to read what is still in flight.
    const lines = await server.waitFor(
      (received) => wanted.every((line) => received.map(spec.normalise).includes(line)),
      5_000,
    );
    return {
      inputs,
      build,
      buildConnections,
      buildLines,
      run,
      runConnections: server.connections() - buildConnections,
      lines: lines.slice(buildLines.length),
    };
  } finally {
    await server.close();
  }
}

async function runCombo(kind: Kind, eslint: EslintMajor, tarball: PackedTarball): Promise<ComboOutcome> {
  const spec = projects[kind];
  const work = join(temp.dir, `${kind}-eslint${eslint}`);
  const project = join(work, 'project');
  cpSync(fixture(kind).dir, project, { recursive: true });

  const cache = join(work, 'npm-cache');
  const installed = await installTarball(project, tarball.tarball, eslint, cache, spec.peers);
  const readJson = (path: string) => JSON.parse(readFileSync(join(project, path), 'utf8')) as Record<string, unknown>;

  const cli = parseJsonRun(
    await runNpx(project, ['fork-safe-lint', '--format', 'json', '.'], cache),
    'npx fork-safe-lint',
  );
  const cliStrict = parseJsonRun(
    await runNpx(project, ['fork-safe-lint', '--strict', '--format', 'json', '.'], cache),
    'npx fork-safe-lint --strict',
  );
  const lint = await eslintJson(project, []);
  const fix = await eslintJson(project, ['--fix']);
  const afterFix = readTree(project, npmFiles);
  const tsc =
    kind === 'ts'
      ? await runNode([join(project, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.', '--listFiles'], {
          cwd: project,
          timeoutMs: 90_000,
        })
      : undefined;
  const recheck = await eslintJson(project, []);
  const afterRecheck = readTree(project, npmFiles);
  // Both majors must produce the same expected files, so the fixed app is run once, from the ESLint 10 project.
  const snapshot = spec.snapshot && eslint === '10' ? await snapshotApp(project, work, spec.snapshot) : undefined;
  const withoutTypescriptEslint = spec.peers.length === 0 ? await meetTypescript(project, spec, cache) : undefined;

  return {
    project,
    installed,
    nodeModules: nodeModulesNames(project),
    resolvable: resolvableFrom(project, typescriptSide),
    cli,
    cliStrict,
    installedIsRealDirectory: isRealDirectory(join(project, 'node_modules', PACKAGE)),
    installedVersion: readJson(`node_modules/${PACKAGE}/package.json`).version as string,
    dependencies: readJson('package.json').dependencies as Record<string, string>,
    eslintVersion: readJson('node_modules/eslint/package.json').version as string,
    lint,
    fix,
    afterFix,
    tsc,
    recheck,
    afterRecheck,
    snapshot,
    withoutTypescriptEslint,
  };
}

/** Last, once everything else has run: adds a TypeScript file and a typed config to a bare project. */
async function meetTypescript(project: string, spec: ProjectSpec, cache: string): Promise<WithoutTypescriptEslint> {
  const tsFile = join(project, spec.sourceDir, 'extra.ts');
  writeFileSync(tsFile, 'export const retries: number = 3;\n');
  const typescriptFile = await runNpx(project, ['fork-safe-lint', '.'], cache);
  rmSync(tsFile);
  const typeChecked = await runNpx(project, ['fork-safe-lint', '--type-checked', '.'], cache);
  writeFileSync(
    join(project, 'typed.config.mjs'),
    "import forkSafe from 'eslint-plugin-fork-safe';\n\nexport default [forkSafe.configs['recommended-type-checked']];\n",
  );
  const typedConfig = await runEslintCli(project, ['--config', 'typed.config.mjs', spec.sourceDir]);
  rmSync(join(project, 'typed.config.mjs'));
  const types = await typeCheckConfig(project);
  return { typescriptFile, typeChecked, typedConfig, types };
}

/**
 * A TypeScript user's eslint.config.mts, type-checked against the installed package's types with the
 * repository's TypeScript (the project has none) and skipLibCheck off: the package's types must resolve
 * with ESLint's alone, so they name nothing from @typescript-eslint/*.
 */
async function typeCheckConfig(project: string): Promise<RunResult> {
  const files = ['eslint.config.mts', 'tsconfig.types.json'];
  writeFileSync(
    join(project, files[0]!),
    [
      "import type { ESLint, Linter } from 'eslint';",
      "import forkSafe, { configs, rules } from 'eslint-plugin-fork-safe';",
      '',
      'const plugin: ESLint.Plugin = forkSafe;',
      'export const all: Record<string, unknown> = { plugin, rules };',
      "export default [configs.recommended, forkSafe.configs.strict, forkSafe.configs['recommended-type-checked']] satisfies Linter.Config[];",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, files[1]!),
    JSON.stringify({
      compilerOptions: { strict: true, skipLibCheck: false, module: 'nodenext', noEmit: true, types: [] },
      files: [files[0]],
    }),
  );
  const run = await runNode([join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', files[1]!], {
    cwd: project,
    timeoutMs: 90_000,
  });
  for (const file of files) rmSync(join(project, file));
  return run;
}

const combos = new Map<string, () => Promise<ComboOutcome>>();
// The TypeScript projects take longest (tsc), so they are started first.
for (const kind of ['ts', 'esm', 'cjs'] as const) {
  for (const eslint of eslintMajors) {
    combos.set(
      `${kind}/${eslint}`,
      once(async () => slots(async () => runCombo(kind, eslint, await packed()))),
    );
  }
}
const combo = (kind: Kind, eslint: EslintMajor) => combos.get(`${kind}/${eslint}`)!();

/** The ESM app as written, bundled from the fixture and built into a snapshot with a deadline. */
const naiveEsmBuild = once(async () => {
  const server = await startLineServer();
  try {
    const work = join(temp.dir, 'naive-esm');
    const bundle = join(work, 'app.bundle.cjs');
    const inputs = await bundleProjectEntry(fixture('esm').dir, 'snapshot-entry.js', bundle);
    const build = await buildSnapshot(bundle, join(work, 'app.blob'), {
      env: { CARBON_PORT: String(server.port) },
      timeoutMs: HANG_TIMEOUT_MS,
    });
    return { inputs, build, connections: server.connections() };
  } finally {
    await server.close();
  }
});

beforeAll(() => {
  // Everything starts at once, two projects at a time; each test waits for the work it asserts on.
  for (const run of [...combos.values(), naiveEsmBuild]) run().catch(() => {});
});
afterAll(async () => {
  await Promise.allSettled([...combos.values(), naiveEsmBuild].map((run) => run()));
  temp.cleanup();
});

/** Messages as `file: rule @ line (fix, suggestions)`, sorted, for exact comparison. */
function summarise(project: string, results: JsonResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${relative(project, result.filePath).split('\\').join('/')}: ${message.ruleId ?? `FATAL ${message.message}`} @ ${message.line}` +
          ` (fix: ${message.fix !== undefined}, suggestions: ${message.suggestions?.length ?? 0})`,
      ),
    )
    .sort();
}

/** The findings as `summarise` prints them, each located in `files` by its snippet. */
function expectedSummary(findings: Finding[], files: Map<string, string>): string[] {
  return findings
    .map((finding) => {
      const lines = files.get(finding.file)?.split('\n') ?? [];
      const line = lines.findIndex((text) => text.includes(finding.at)) + 1;
      if (line === 0) throw new Error(`${finding.at} is not in ${finding.file}`);
      return `${finding.file}: ${finding.rule} @ ${line} (fix: ${finding.fix}, suggestions: ${finding.suggestions})`;
    })
    .sort();
}

describe('the packed tarball', () => {
  it('holds every file its exports and bin point at, and none of the tests', async () => {
    const { files } = await packed();
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(packageJson.exports);
    collect(packageJson.bin);
    expect([...targets].filter((target) => !files.includes(target))).toEqual([]);
    expect(targets.size).toBeGreaterThanOrEqual(10);
    expect(files.filter((file) => /^(test|src|rules|examples)\//.test(file))).toEqual([]);
  });

  it('as written, the ESM app cannot be built into a snapshot: its build connects at load and never finishes', async () => {
    const { inputs, build, connections } = await naiveEsmBuild();
    expect(inputs.some((input) => input.includes(PACKAGE))).toBe(false);
    expect(connections).toBe(1);
    expect(build.timedOut).toBe(true);
    expect(build.blobBytes).toBe(0);
  });
});

for (const kind of kinds) {
  const spec = projects[kind];
  const { original, expected } = fixture(kind);

  for (const eslint of eslintMajors) {
    describe(`${spec.title}, ESLint ${eslint}`, () => {
      it('installs the tarball with npm, offline: the package itself, unpacked, and nothing else', async () => {
        const outcome = await combo(kind, eslint);
        // The projects live outside the repository, so nothing can resolve to the repository's own copy.
        expect(relative(projectRoot, outcome.project).startsWith('..')).toBe(true);
        expect(outcome.installed).toEqual([PACKAGE]);
        expect(outcome.installedIsRealDirectory).toBe(true);
        expect(outcome.installedVersion).toBe(packageJson.version);
        expect(outcome.dependencies).toEqual({
          [PACKAGE]: expect.stringMatching(new RegExp(`^file:.*${PACKAGE}-${packageJson.version}\\.tgz$`)),
        });
        expect(outcome.eslintVersion.split('.')[0]).toBe(eslint);
      });

      it(
        spec.peers.length === 0
          ? 'has nothing of typed linting: no typescript-eslint, @typescript-eslint/* or TypeScript installed or resolvable'
          : 'has typescript-eslint and TypeScript, and not @typescript-eslint/utils of its own',
        async () => {
          const { nodeModules, resolvable } = await combo(kind, eslint);
          expect(nodeModules).toEqual(['eslint', PACKAGE, ...spec.peers].sort());
          expect(nodeModules.filter((name) => /^(@typescript-eslint\/|typescript)/.test(name))).toEqual(
            spec.peers.filter((name) => name.startsWith('typescript')).sort(),
          );
          if (spec.peers.length === 0) expect(resolvable).toEqual([]);
        },
      );

      it('`npx fork-safe-lint` reports exactly the expected problems, with no config of its own', async () => {
        const { project, cli } = await combo(kind, eslint);
        expect(cli.stderr).toBe('');
        expect(cli.code).toBe(1);
        expect(summarise(project, cli.results)).toEqual(expectedSummary(spec.findings, original));
      });

      it('`npx fork-safe-lint --strict` runs the strict config: at least the same problems', async () => {
        const { project, cli, cliStrict } = await combo(kind, eslint);
        expect(cliStrict.stderr).toBe('');
        expect(cliStrict.code).toBe(1);
        expect(summarise(project, cliStrict.results)).toEqual(expect.arrayContaining(summarise(project, cli.results)));
      });

      if (spec.peers.length === 0) {
        it('without typescript-eslint: a TypeScript file, --type-checked and a typed config each give one clear error', async () => {
          const { typescriptFile, typeChecked, typedConfig } = (await combo(kind, eslint)).withoutTypescriptEslint!;
          const install = 'run `npm install --save-dev typescript-eslint typescript`';
          expect([typescriptFile.code, typescriptFile.stdout, typescriptFile.stderr]).toEqual([
            2,
            '',
            `fork-safe-lint: ${spec.sourceDir}/extra.ts is TypeScript, which needs typescript-eslint: ${install}\n`,
          ]);
          expect([typeChecked.code, typeChecked.stdout, typeChecked.stderr]).toEqual([
            2,
            '',
            `fork-safe-lint: --type-checked needs typescript-eslint: ${install}\n`,
          ]);
          // typescript-eslint's own message, from the typed rule: ESLint stops with it (exit 2).
          expect(typedConfig.code).toBe(2);
          expect(typedConfig.stderr).toMatch(/requires type information.*tseslint\.com\/typed-linting/s);
        });

        it("a TypeScript eslint.config.mts type-checks against the package's types with ESLint's alone", async () => {
          const { types } = (await combo(kind, eslint)).withoutTypescriptEslint!;
          expect([types.code, types.stdout, types.stderr]).toEqual([0, '', '']);
        });
      }

      it("lints with the project's own eslint.config.js: fork-safe/recommended reports exactly the expected problems", async () => {
        const { project, lint } = await combo(kind, eslint);
        expect(lint.stderr).toBe('');
        expect(lint.code).toBe(1);
        expect(summarise(project, lint.results)).toEqual(expectedSummary(spec.findings, original));
        // Every file was linted, the config file and the snapshot entry included (and found clean).
        expect(lint.results.map((result) => relative(project, result.filePath).split('\\').join('/')).sort()).toEqual(
          [...original.keys()].filter((file) => /\.(c?js|ts)$/.test(file)).sort(),
        );
      });

      it('eslint --fix rewrites the project onto the runtime: exactly the expected files, the rest untouched', async () => {
        const { project, fix, afterFix } = await combo(kind, eslint);
        expect(fix.stderr).toBe('');
        expect(fix.code).toBe(spec.exitAfterFix);
        // Only the problems without a fix are left.
        expect(summarise(project, fix.results)).toEqual(
          expectedSummary(
            spec.findings.filter((finding) => !finding.fix),
            original,
          ),
        );
        expect(
          fix.results
            .filter((result) => result.output !== undefined)
            .map((result) => relative(project, result.filePath).split('\\').join('/'))
            .sort(),
        ).toEqual([...expected.keys()].sort());
        const wanted = new Map([...original].filter(([file]) => !npmFiles(file)));
        for (const [file, content] of expected) wanted.set(file, content);
        expect(afterFix).toEqual(wanted);
        for (const file of expected.keys()) expect(afterFix.get(file)).toContain(`'${RUNTIME}'`);
      });

      it('the fixed files parse', async () => {
        const { afterFix } = await combo(kind, eslint);
        const parsed = [...expected.keys()].map((file) => ({
          file,
          error: parseError(kind, file, afterFix.get(file) ?? ''),
        }));
        expect(parsed).toEqual([...expected.keys()].map((file) => ({ file, error: null })));
        // Not vacuous: the same file with one brace too many does not parse.
        const [first] = [...expected.keys()];
        expect(parseError(kind, first!, `${afterFix.get(first!)}\n}`)).not.toBeNull();
      });

      if (kind === 'ts') {
        it("still type-checks with tsc, with the runtime's types from the installed tarball", async () => {
          const { project, tsc } = await combo(kind, eslint);
          expect(tsc?.stderr).toBe('');
          expect(tsc?.stdout).not.toMatch(/error TS\d+/);
          expect(tsc?.code).toBe(0);
          const listed = tsc?.stdout.split('\n').map((line) => line.trim()) ?? [];
          const installed = join(realpathSync(project), 'node_modules', PACKAGE);
          expect(listed).toContain(join(installed, 'dist/esm/src/runtime/index.d.ts'));
          expect(listed.filter((file) => file.startsWith(join(projectRoot, 'dist')))).toEqual([]);
        });
      }

      it('is stable: a second run offers no fix and changes no file', async () => {
        const { project, recheck, afterFix, afterRecheck } = await combo(kind, eslint);
        expect(recheck.stderr).toBe('');
        expect(recheck.code).toBe(spec.exitAfterFix);
        expect(recheck.results.map((result) => result.fixableErrorCount + result.fixableWarningCount)).toEqual(
          recheck.results.map(() => 0),
        );
        expect(summarise(project, recheck.results)).toEqual(
          expectedSummary(
            spec.findings.filter((finding) => !finding.fix),
            original,
          ),
        );
        expect(afterRecheck).toEqual(afterFix);
      });

      const snapshot = spec.snapshot;
      if (snapshot && eslint === '10') {
        it('the fixed app, bundled with the installed runtime, builds into a V8 snapshot and runs restored', async () => {
          const outcome = (await combo(kind, eslint)).snapshot!;
          // The bundle took the runtime from the installed tarball, and everything else from the project.
          expect(outcome.inputs).toContain(snapshot.runtimeFile);
          expect(outcome.inputs.filter((input) => input.startsWith('..'))).toEqual([]);
          // The build finished by itself and opened no connection: the holder is lazy, the interval deferred.
          expect(outcome.build.timedOut).toBe(false);
          expect(outcome.build.stderr).toBe('');
          expect(outcome.build.code).toBe(0);
          expect(outcome.build.blobBytes).toBeGreaterThan(0);
          expect(outcome.buildConnections).toBe(0);
          expect(outcome.buildLines).toEqual([]);
          // The restored process opened one fresh connection and its interval shipped over it.
          const run = outcome.run!;
          expect(run.timedOut).toBe(false);
          expect(run.stderr).toBe('');
          expect(run.code).toBe(0);
          const [main] = jsonLines(run.stdout) as { pid: number }[];
          expect(main?.pid).toEqual(expect.any(Number));
          expect(outcome.runConnections).toBe(1);
          const received = outcome.lines
            .map(snapshot.normalise)
            .filter((line) => !snapshot.ignore(line))
            .sort();
          expect(received).toEqual(snapshot.expectedLines(main!.pid).sort());
        });
      }
    });
  }
}
