// `node --import eslint-plugin-fork-safe/audit <entry>` (and what the fork-safe-audit bin runs): loads
// the entry itself, from this preload, so that it knows when loading has finished (the synchronous
// load and every top-level await, then one turn of the event loop), reports what is still open, stops
// recording and lets the program run on. Node then finds the entry already loaded and does not run it
// again; a CommonJS entry is loaded as the main module (require.main, process.mainModule). Put this
// preload after any other --import so those run before the entry, as they would without it.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from './format.js';
import { CHANNEL_ENV, DEFAULT_TIMEOUT_MS, FORMAT_ENV, TIMEOUT_ENV } from './protocol.js';
import { countActive, startRecorder } from './recorder.js';
import type { AuditReport, LoadStatus } from './report.js';
import { siteFromStackText } from './stack.js';

const started = performance.now();
const auditFile = fileURLToPath(import.meta.url);
const entryArg = process.argv[1];

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
}

async function loadEntry(file: string): Promise<void> {
  if (isCommonJs(file)) {
    (Module as unknown as ModuleLoader)._load(file, null, true);
    return;
  }
  await import(pathToFileURL(file).href);
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

if (entryArg !== undefined) {
  const before = countActive();
  const recorder = startRecorder(new Set([auditFile]));
  const entry = resolveEntry(entryArg);
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

  try {
    await loadEntry(entry);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    report('threw', { error: { message: message.split('\n')[0]!, site: siteFromStackText(stack, auditFile) } });
    done();
    // The same failure the program has without the audit.
    throw error;
  }
  await recorder.untracked(() => new Promise<void>((resolve) => setImmediate(resolve)));
  report('loaded');
  done();
}
