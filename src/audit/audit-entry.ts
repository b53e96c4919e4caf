// What the preload does (`node --import eslint-plugin-fork-safe/audit <entry>`, and what the
// fork-safe-audit bin runs): loads the entry itself, from the preload, so that it knows when loading
// has finished (the synchronous load and every top-level await, then one turn of the event loop),
// reports what is still open, stops recording and lets the program run on. Node then finds the entry already loaded and does not run it
// again; a CommonJS entry is loaded as the main module (require.main, process.mainModule). Put this
// preload after any other --import so those run before the entry, as they would without it.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { formatTable } from './format.js';
import { CHANNEL_ENV, DEFAULT_TIMEOUT_MS, FORMAT_ENV, SNAPSHOT_ENV, TIMEOUT_ENV } from './protocol.js';
import { countActive, startRecorder } from './recorder.js';
import type { AuditReport, LoadStatus } from './report.js';
import { siteFromStackText } from './stack.js';

function nearestPackageType(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function isCommonJs(file: string): boolean {
  const extension = extname(file);
  if (extension === '.cjs' || extension === '.cts') return true;
  if (extension === '.mjs' || extension === '.mts') return false;
  return nearestPackageType(file) !== 'module';
}

function resolveEntry(entry: string): string {
  try {
    return createRequire(join(process.cwd(), 'noop.js')).resolve(entry);
  } catch {
    return entry;
  }
}

interface ModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _nodeModulePaths(dir: string): string[];
  new (
    id: string,
    parent: unknown,
  ): { filename: string; paths: string[]; _compile(source: string, file: string): unknown };
}

/**
 * A `--build-snapshot` entry is a script: Node compiles it as CommonJS whatever its extension or its
 * package's type, so here too. (Node gives it a require() of built-ins only; the audit's is the usual one.)
 */
function loadSnapshotScript(file: string): void {
  const loader = Module as unknown as ModuleLoader;
  const script = new loader(file, null);
  script.filename = file;
  script.paths = loader._nodeModulePaths(dirname(file));
  (process as { mainModule?: unknown }).mainModule = script;
  script._compile(readFileSync(file, 'utf8'), file);
}

function emitNote(text: string): void {
  try {
    writeSync(2, `${text}\n`);
  } catch {
    // nowhere to say it
  }
}

function emit(report: AuditReport): void {
  const channel = Number(process.env[CHANNEL_ENV]);
  const text =
    Number.isInteger(channel) && channel > 2
      ? `${JSON.stringify(report)}\n`
      : process.env[FORMAT_ENV] === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatTable(report, process.cwd());
  const fd = Number.isInteger(channel) && channel > 2 ? channel : 2;
  try {
    writeSync(fd, text);
  } catch {
    // Nowhere to report to: the program must run on regardless.
  }
}

export interface AuditOptions {
  /** The preload's own file, whose frames are never creation sites. */
  auditFile: string;
  /** performance.now() when the preload started. */
  started: number;
  /** False for the CommonJS preload (`node -r`), which cannot wait for an ES module entry. */
  canImport: boolean;
}

/**
 * Audits the entry in process.argv[1], if there is one; resolves once the report is out. The entry is
 * loaded as Node would load it: a CommonJS entry synchronously, as the main module (so that a failure
 * throws synchronously out of a `-r` preload, before Node would run the entry itself), an ES module by
 * import(). A failure to load is rethrown, so the program fails as it does without the audit.
 */
export function auditEntry({ auditFile, started, canImport }: AuditOptions): Promise<void> | undefined {
  const entryArg = process.argv[1];
  if (entryArg === undefined) return undefined;
  const entry = resolveEntry(entryArg);
  const snapshot = process.env[SNAPSHOT_ENV] === '1';
  const esm = !snapshot && !isCommonJs(entry);
  if (esm && !canImport) {
    emitNote(`fork-safe-audit: ${entry} is an ES module: audit it with --import eslint-plugin-fork-safe/audit`);
    return undefined;
  }
  const before = countActive();
  const recorder = startRecorder(new Set([auditFile]));
  let reported = false;

  const report = (status: LoadStatus, extra: Partial<AuditReport> = {}): void => {
    if (reported) return;
    reported = true;
    const resources = recorder.resources();
    const unattributed = recorder.unattributed(before);
    recorder.stop();
    emit({
      entry,
      node: process.version,
      status,
      ...extra,
      loadMs: Math.round(performance.now() - started),
      resources,
      unattributed,
    });
  };

  const timeoutMs = Number(process.env[TIMEOUT_ENV]) || DEFAULT_TIMEOUT_MS;
  // Listeners that ran before this one may have set the code (Node's own, for an unsettled top-level await).
  const onExit = (code: number): void => report('exited', { exitCode: Number(process.exitCode ?? code) });
  const timer = recorder.untracked(() => {
    process.on('exit', onExit);
    return setTimeout(() => report('timeout', { timeoutMs }), timeoutMs).unref();
  });
  const done = (): void => {
    clearTimeout(timer);
    process.removeListener('exit', onExit);
  };

  const failed = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    const code = (error as { code?: unknown } | null)?.code;
    report('threw', {
      error: {
        message: message.split('\n')[0]!,
        site: siteFromStackText(stack, auditFile),
        ...(typeof code === 'string' ? { code } : {}),
      },
    });
    done();
  };
  const loaded = async (): Promise<void> => {
    await recorder.untracked(() => new Promise<void>((resolve) => setImmediate(resolve)));
    report('loaded');
    done();
  };

  if (!esm) {
    try {
      if (snapshot) loadSnapshotScript(entry);
      else (Module as unknown as ModuleLoader)._load(entry, null, true);
    } catch (error) {
      failed(error);
      throw error;
    }
    return loaded();
  }
  return import(pathToFileURL(entry).href).then(loaded, (error: unknown) => {
    failed(error);
    throw error;
  });
}
