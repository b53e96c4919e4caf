// Real-process proof that the runtime's interval() does not keep `node --test` alive (research B7):
// one fixture test file with a module-scope timer and one passing test, run by the real Node test
// runner with only the timer changed. No timers are mocked; "hangs" means still running at the deadline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRuntime, makeTempDir, runNode, type RunResult } from '../helpers/node.js';

const FIXTURE = 'test/fixtures/test-runner/module-scope-timer.test.mjs';
/** How long a run may take before it counts as hanging. A passing run takes well under a second. */
const HANG_BOUND_MS = 8_000;

type TimerKind = 'managed' | 'raw' | 'managed-ref';

const temp = makeTempDir('fork-safe-test-runner-');

/**
 * `node --test` runs the file in a child process. When the runner is SIGKILLed at the deadline that
 * child could outlive it, so the fixture writes its pid and we end it here if it is still our fixture.
 */
function killLeftoverFixture(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('module-scope-timer.test.mjs')) return;
  } catch {
    return; // gone already (or no /proc): nothing to clean up
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // exited in between
  }
}

async function runWithTimer(kind: TimerKind): Promise<RunResult> {
  const pidFile = join(temp.dir, `${kind}.pid`);
  try {
    return await runNode(['--test', '--test-reporter=tap', FIXTURE], {
      timeoutMs: HANG_BOUND_MS,
      env: { TIMER_KIND: kind, PID_FILE: pidFile },
    });
  } finally {
    killLeftoverFixture(pidFile);
  }
}

const passLine = (kind: TimerKind): string => `ok 1 - module-scope ${kind} timer ticks`;

beforeAll(() => {
  builtRuntime('esm');
});
afterAll(() => temp.cleanup());

describe.concurrent('node --test with a module-scope timer in the test file', () => {
  it('interval(() => {}, 50) from the runtime: the test passes and the run exits 0 quickly', async () => {
    const run = await runWithTimer('managed');
    expect(run.timedOut, run.stdout + run.stderr).toBe(false);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.durationMs).toBeLessThan(5_000);
    expect(run.stdout).toContain(passLine('managed'));
    expect(run.stdout).toMatch(/^# pass 1$/m);
    expect(run.stdout).toMatch(/^# fail 0$/m);
  });

  it('contrast: a raw setInterval(() => {}, 50): the test passes, then the run never exits (killed at the bound)', async () => {
    const run = await runWithTimer('raw');
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    expect(run.durationMs).toBeGreaterThanOrEqual(HANG_BOUND_MS - 50); // Node timers may fire a millisecond early
    // The hang is not a failing or slow test: it passed, and the summary never came.
    expect(run.stdout).toContain(passLine('raw'));
    expect(run.stdout).not.toMatch(/^# pass/m);
  });

  it('interval(..., { unref: false }) hangs like the raw timer: the unref default is what lets the run exit', async () => {
    const run = await runWithTimer('managed-ref');
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    expect(run.durationMs).toBeGreaterThanOrEqual(HANG_BOUND_MS - 50); // Node timers may fire a millisecond early
    expect(run.stdout).toContain(passLine('managed-ref'));
    expect(run.stdout).not.toMatch(/^# pass/m);
  });
});
