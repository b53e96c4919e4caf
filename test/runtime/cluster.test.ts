// Real-process proofs for runOnce() and perProcess() under node:cluster, imitating PM2 cluster mode
// (research B3): a primary forks 3 workers with NODE_APP_INSTANCE '0'..'2'. Nothing is mocked; the
// fixtures import the built runtime (dist/runtime.mjs), so the artifact that ships is what is proven.
import { beforeAll, describe, expect, it } from 'vitest';
import { builtRuntime, jsonLines, runNode, type RunResult } from '../helpers/node.js';

const PRIMARY = 'test/fixtures/cluster/primary.mjs';
const WORKERS = 3;

interface ProcessReport {
  role: 'primary' | 'worker';
  pid: number;
  instance: string | null;
  ran: { primary: number; instance0: number; mainThread: number; repeated: number; unguarded: number };
  returned: Record<'primary' | 'instance0' | 'mainThread' | 'repeatedFirst' | 'repeatedSecond', boolean>;
  value: { pid: number; token: number };
  sameOnRepeat: boolean;
  factoryCalls: number;
}
interface ClusterOutput {
  mode: string;
  primary: ProcessReport | null;
  primaryPid: number;
  workers: {
    forkedPid: number;
    report: ProcessReport;
    exit: { code: number | null; signal: string | null; exitedAfterDisconnect: boolean };
  }[];
}

async function runCluster(mode: 'app-in-primary' | 'pm2'): Promise<{ run: RunResult; output: ClusterOutput }> {
  // The primary gets no PM2 variables at all: PM2 sets them only on the instances it forks.
  const run = await runNode([PRIMARY, mode], {
    timeoutMs: 20_000,
    env: { NODE_APP_INSTANCE: undefined, pm_id: undefined },
  });
  expect(run.timedOut, run.stderr).toBe(false);
  expect(run.code, run.stderr).toBe(0);
  const lines = jsonLines(run.stdout);
  expect(lines).toHaveLength(1);
  return { run, output: lines[0] as unknown as ClusterOutput };
}

/** How many times `what` ran, summed over every process that evaluated the app module. */
function total(reports: ProcessReport[], what: keyof ProcessReport['ran']): number {
  return reports.reduce((sum, report) => sum + report.ran[what], 0);
}

beforeAll(() => {
  builtRuntime('esm');
});

describe('runOnce and perProcess in a real cluster (primary + 3 workers, PM2-style NODE_APP_INSTANCE)', () => {
  describe('the primary evaluates the app module too (one entry file for primary and workers)', () => {
    let output: ClusterOutput;
    let reports: ProcessReport[];
    let run: RunResult;

    beforeAll(async () => {
      ({ run, output } = await runCluster('app-in-primary'));
      reports = [output.primary as ProcessReport, ...output.workers.map((w) => w.report)];
    });

    it('forks 3 workers that each report over IPC, and every process exits (workers 0, primary 0, bounded)', () => {
      expect(run.durationMs).toBeLessThan(20_000);
      expect(output.workers).toHaveLength(WORKERS);
      expect(output.workers.map((w) => w.report.instance)).toEqual(['0', '1', '2']);
      expect(output.workers.map((w) => w.report.role)).toEqual(['worker', 'worker', 'worker']);
      for (const worker of output.workers) {
        expect(worker.exit).toEqual({ code: 0, signal: null, exitedAfterDisconnect: true });
        expect(worker.report.pid).toBe(worker.forkedPid);
      }
      expect(output.primary?.role).toBe('primary');
      expect(output.primary?.pid).toBe(output.primaryPid);
      expect(output.primary?.instance).toBeNull();
      // 4 distinct processes evaluated the module: the unguarded side effect is multiplied by 4.
      expect(new Set(reports.map((r) => r.pid)).size).toBe(WORKERS + 1);
      expect(total(reports, 'unguarded')).toBe(WORKERS + 1);
    });

    it("where: 'primary' runs exactly once in the whole cluster, in the primary", () => {
      expect(total(reports, 'primary')).toBe(1);
      expect(output.primary?.ran.primary).toBe(1);
      expect(output.primary?.returned.primary).toBe(true);
      expect(output.workers.map((w) => w.report.returned.primary)).toEqual([false, false, false]);
    });

    it("where: 'instance0' runs in worker '0' and, as documented, in a primary that has no NODE_APP_INSTANCE", () => {
      // run-once.ts: "'instance0': NODE_APP_INSTANCE, else pm_id, equal to 0; where neither is set, the
      // same as 'primary'". This primary has neither and is the cluster primary, so it counts as instance
      // 0 as well: 2 runs in a cluster whose primary also evaluates the app. Under real PM2 the primary
      // (PM2's daemon) never evaluates the app; the 'pm2' layout below proves exactly one run there.
      expect(total(reports, 'instance0')).toBe(2);
      expect(output.primary?.ran.instance0).toBe(1);
      expect(output.workers.map((w) => w.report.ran.instance0)).toEqual([1, 0, 0]);
      expect(output.workers.map((w) => w.report.returned.instance0)).toEqual([true, false, false]);
    });

    it("where: 'mainThread' runs in every process", () => {
      expect(total(reports, 'mainThread')).toBe(WORKERS + 1);
      expect(reports.map((r) => r.ran.mainThread)).toEqual([1, 1, 1, 1]);
      expect(reports.map((r) => r.returned.mainThread)).toEqual([true, true, true, true]);
    });

    it('a second runOnce with the same key in one process does not run again', () => {
      expect(reports.map((r) => r.ran.repeated)).toEqual([1, 1, 1, 1]);
      expect(reports.map((r) => [r.returned.repeatedFirst, r.returned.repeatedSecond])).toEqual([
        [true, false],
        [true, false],
        [true, false],
        [true, false],
      ]);
    });

    it("each process's perProcess value is its own (its pid, its token) and repeated get() returns the same value", () => {
      for (const report of reports) {
        expect(report.value.pid).toBe(report.pid);
        expect(report.sameOnRepeat).toBe(true);
        expect(report.factoryCalls).toBe(1);
        expect(typeof report.value.token).toBe('number');
      }
      for (const worker of output.workers) expect(worker.report.value.pid).toBe(worker.forkedPid);
      expect(new Set(reports.map((r) => r.value.pid)).size).toBe(WORKERS + 1);
      expect(new Set(reports.map((r) => r.value.token)).size).toBe(WORKERS + 1);
    });
  });

  describe('PM2 layout: the primary only manages, the app module runs in the 3 instances', () => {
    let output: ClusterOutput;
    let reports: ProcessReport[];

    beforeAll(async () => {
      ({ output } = await runCluster('pm2'));
      reports = output.workers.map((w) => w.report);
    });

    it("where: 'instance0' runs exactly once in the whole cluster, in the instance whose NODE_APP_INSTANCE is '0'", () => {
      expect(output.primary).toBeNull();
      expect(reports.map((r) => r.instance)).toEqual(['0', '1', '2']);
      expect(total(reports, 'instance0')).toBe(1);
      expect(reports.map((r) => r.ran.instance0)).toEqual([1, 0, 0]);
      for (const worker of output.workers)
        expect(worker.exit).toEqual({ code: 0, signal: null, exitedAfterDisconnect: true });
    });

    it("where: 'primary' never runs there (no instance is the cluster primary): that is what 'instance0' is for", () => {
      expect(total(reports, 'primary')).toBe(0);
      expect(total(reports, 'mainThread')).toBe(WORKERS);
      expect(total(reports, 'unguarded')).toBe(WORKERS);
    });

    it('per-instance perProcess values are distinct and belong to their own pids', () => {
      for (const worker of output.workers) {
        expect(worker.report.value.pid).toBe(worker.forkedPid);
        expect(worker.report.sameOnRepeat).toBe(true);
        expect(worker.report.factoryCalls).toBe(1);
      }
      expect(new Set(reports.map((r) => r.value.token)).size).toBe(WORKERS);
    });
  });
});
