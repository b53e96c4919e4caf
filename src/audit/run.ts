// Runs an entry under the audit preload in a child process of its own process group, reads the report
// from a pipe on fd 3, then ends the whole group: the program (which may be a server that never exits)
// and whatever it started. The program's own stdout and stderr go to our stderr, so our stdout holds
// only the report.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CHANNEL_ENV, SNAPSHOT_ENV, TIMEOUT_ENV } from './protocol.js';
import type { AuditReport } from './report.js';

export interface RunOptions {
  preload: string;
  entry: string;
  args: string[];
  cwd: string;
  timeoutMs: number;
  /** Load the entry as a `--build-snapshot` script. */
  snapshot: boolean;
  /** Where the program's own output goes. */
  output: NodeJS.WritableStream;
}

export interface RunOutcome {
  report: AuditReport | undefined;
  /** How the child ended when it ended before reporting. */
  code: number | null;
  signal: NodeJS.Signals | null;
}

const CHANNEL_FD = 3;

export function runAudited(options: RunOptions): Promise<RunOutcome> {
  const groups = process.platform !== 'win32';
  // The fork-safe-audit executable (bin.ts, whose built file gets its hashbang from the build) runs the
  // audited program as its child by design; followed across files, the rule sees bin.ts call this at load.
  // eslint-disable-next-line fork-safe/no-module-scope-worker
  const child = spawn(process.execPath, ['--import', options.preload, options.entry, ...options.args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      [CHANNEL_ENV]: String(CHANNEL_FD),
      [TIMEOUT_ENV]: String(options.timeoutMs),
      ...(options.snapshot ? { [SNAPSHOT_ENV]: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: groups,
  });
  child.stdout!.pipe(options.output, { end: false });
  child.stderr!.pipe(options.output, { end: false });

  const end = (): void => {
    try {
      if (groups && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  };

  return new Promise((resolve, reject) => {
    let buffer = '';
    let report: AuditReport | undefined;
    // A report that never comes (the child hung in a way its own timer cannot see) ends it anyway.
    const deadline = setTimeout(end, options.timeoutMs + 5_000);
    const channel = child.stdio[CHANNEL_FD] as Readable;
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline < 0 || report) return;
      try {
        report = JSON.parse(buffer.slice(0, newline)) as AuditReport;
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        end();
        return;
      }
      // A program that loaded runs on (a server may never exit): end it. One that threw or exited is
      // ending by itself; let it print its error first.
      if (report.status === 'loaded' || report.status === 'timeout') end();
    });
    channel.on('error', () => undefined);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      // The group may outlive its leader: end what the program started too.
      end();
      // Let the pipes drain what the program wrote last before answering.
      setImmediate(() => resolve({ report, code, signal }));
    });
  });
}
