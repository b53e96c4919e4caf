// Creation sites from V8's structured call sites: the first frame in user or package code (not Node's
// internals, not the audit, not the fork-safe runtime), and the module whose load was running.
import { fileURLToPath } from 'node:url';
import type { Site } from './report.js';

export interface Frame {
  file: string | undefined;
  line: number;
  column: number;
}

/** How deep a stack is captured: enough to reach past http/agent internals to the module loader. */
const STACK_DEPTH = 64;

/**
 * The current stack as frames, from the caller of captureFrames outwards. Error.prepareStackTrace and the depth limit are
 * swapped for the duration of this synchronous call only and put back, so the program never sees them.
 */
export function captureFrames(): Frame[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = STACK_DEPTH;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, captureFrames);
    const sites = holder.stack ?? [];
    return sites.map((site) => ({
      file: site.getFileName() ?? undefined,
      line: site.getLineNumber() ?? 0,
      column: site.getColumnNumber() ?? 0,
    }));
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

export function toPath(file: string): string {
  if (!file.startsWith('file:')) return file;
  try {
    return fileURLToPath(file);
  } catch {
    return file;
  }
}

export function isInternal(frame: Frame): boolean {
  return frame.file === undefined || frame.file.startsWith('node:') || frame.file.startsWith('internal/');
}

// The runtime's own builds, wherever they are installed; copies bundled elsewhere are learnt at run
// time from the frames that call the observer.
const RUNTIME_BUILD = /[\\/]dist[\\/]runtime\.(?:mjs|cjs)$/;

export class FrameClassifier {
  readonly runtimeFiles = new Set<string>();

  constructor(private readonly auditFiles: ReadonlySet<string>) {}

  isAudit(frame: Frame): boolean {
    return frame.file !== undefined && this.auditFiles.has(toPath(frame.file));
  }

  isRuntime(frame: Frame): boolean {
    if (frame.file === undefined) return false;
    const path = toPath(frame.file);
    return this.runtimeFiles.has(path) || RUNTIME_BUILD.test(path);
  }

  isUser(frame: Frame): boolean {
    return !isInternal(frame) && !this.isAudit(frame) && !this.isRuntime(frame);
  }

  /** The index of the creation frame: the first user frame, else (a runtime bundled into the app) the first runtime frame. */
  siteIndex(frames: Frame[]): number {
    const user = frames.findIndex((frame) => this.isUser(frame));
    return user >= 0 ? user : frames.findIndex((frame) => this.isRuntime(frame));
  }

  /**
   * The module whose load created the resource: the first user frame, from the creation site outwards,
   * that a module loader called (a CommonJS wrapper or an ES module body), or the last frame of an ES
   * module resumed after a top-level await. Otherwise (a callback during the extra event-loop turn) the
   * outermost user frame.
   */
  moduleOf(frames: Frame[], from: number): string | undefined {
    let outermost: Frame | undefined;
    for (let i = Math.max(from, 0); i < frames.length; i++) {
      const frame = frames[i]!;
      if (!this.isUser(frame)) continue;
      outermost = frame;
      const next = frames[i + 1];
      if (next === undefined || next.file?.startsWith('node:internal/modules/')) return toPath(frame.file!);
    }
    return outermost?.file === undefined ? undefined : toPath(outermost.file);
  }
}

export function siteOf(frame: Frame | undefined): Site | undefined {
  if (frame?.file === undefined) return undefined;
  return { file: toPath(frame.file), line: frame.line, column: frame.column };
}

/** The package a file belongs to: the last node_modules segment's package name. */
export function packageOf(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const name = parts[at + 1]!;
  return name.startsWith('@') && parts[at + 2] ? `${name}/${parts[at + 2]}` : name;
}

const STACK_LINE = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** The first user frame of an error's printed stack (a thrown error's own call sites are gone by then). */
export function siteFromStackText(stack: string | undefined, auditFile: string): Site | undefined {
  for (const line of stack?.split('\n') ?? []) {
    const match = STACK_LINE.exec(line);
    if (!match) continue;
    const frame: Frame = { file: match[1], line: Number(match[2]), column: Number(match[3]) };
    if (isInternal(frame) || toPath(frame.file!) === auditFile || RUNTIME_BUILD.test(toPath(frame.file!))) continue;
    return siteOf(frame);
  }
  return undefined;
}
