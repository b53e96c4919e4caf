// Running real Node processes for the runtime proofs: every call is bounded by a timeout and reports
// how the process ended, so a test can assert "hangs" as precisely as "exits 0".
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Node majors the package supports: the machine's own 20 and pinned 22 and 24 from test/compat. */
export const nodeBinaries: Record<'20' | '22' | '24', string> = {
  '20': process.execPath,
  '22': join(projectRoot, 'test/compat/node_modules/node22/bin/node'),
  '24': join(projectRoot, 'test/compat/node_modules/node24/bin/node'),
};

export function nodeBinary(major: keyof typeof nodeBinaries): string {
  const path = nodeBinaries[major];
  if (!existsSync(path)) {
    throw new Error(
      `Node ${major} is missing at ${path}: run \`node scripts/install-compat.mjs\` (npm test does it first)`,
    );
  }
  return path;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The process was still running at the deadline and was killed. */
  timedOut: boolean;
  durationMs: number;
}

export interface RunOptions {
  node?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Runs `node ...args` to completion or to the deadline (then SIGKILL), capturing everything. */
export function runNode(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, args, {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
    });
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function makeTempDir(prefix = 'fork-safe-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The built runtime; tests prove the artifact that ships, so `npm test` builds first. */
export function builtRuntime(format: 'esm' | 'cjs'): string {
  const path = join(projectRoot, 'dist', format === 'esm' ? 'runtime.mjs' : 'runtime.cjs');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return path;
}

/** Lines of JSON a fixture printed (one object per line, other lines ignored). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Runs an ES module script in a fresh Node process. `RUNTIME` in the source is replaced by the file URL
 * of the built runtime, so scenarios exercise the artifact that ships.
 */
export async function runScenario(
  source: string,
  options: RunOptions & { args?: string[]; nodeArgs?: string[] } = {},
): Promise<RunResult> {
  const { dir, cleanup } = makeTempDir('fork-safe-scenario-');
  try {
    const file = join(dir, 'scenario.mjs');
    writeFileSync(file, source.replaceAll('RUNTIME', JSON.stringify(pathToFileURL(builtRuntime('esm')).href)));
    return await runNode([...(options.nodeArgs ?? []), file, ...(options.args ?? [])], options);
  } finally {
    cleanup();
  }
}

/** Lines of the runtime's default error sink in a process's stderr. */
export function sinkLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('[fork-safe]'));
}
