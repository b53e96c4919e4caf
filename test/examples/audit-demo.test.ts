// `npm run demo` ends with fork-safe-audit on the example app before and after --fix: keep what it shows true.
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/node.js';

describe('npm run demo: fork-safe-audit on examples/telemetry-app', () => {
  it('lists the worker, the interval and the exit listener with their lines; --fix manages two, the quick fix the third', async () => {
    const result = await runNode(['examples/audit-demo/run.mjs'], { timeoutMs: 120_000 });
    expect(result.code).toBe(0);
    const [before, afterFix, afterSuggestion] = result.stdout.split('$ fork-safe-audit main.js').slice(1);
    // Before: the lines of the original files (the lint CLI reports the same ones).
    expect(before).toMatch(/✗ +worker thread \(ref'd\) +thread 1 +flusher\.js:10:20 +flusher\.js +no +snapshot fatal/);
    expect(before).toMatch(/✗ +interval \(ref'd\) +every 5000 ms +flusher\.js:12:1 +flusher\.js +no +snapshot hang/);
    // start() registered it, called by main.js while it loaded.
    expect(before).toMatch(/✗ +process listener +process\.on\('exit'\) +lifecycle\.js:12:11 +main\.js +no/);
    expect(before).toContain('3 resources still open after loading, 3 not managed');
    // After --fix: one import line more in each file; the worker only has a suggestion.
    expect(afterFix).toMatch(/✗ +worker thread \(ref'd\) +thread 1 +flusher\.js:11:20 /);
    expect(afterFix).toMatch(/ok +interval \(ref'd\) +every 5000 ms +flusher\.js:13:1 +flusher\.js +interval/);
    expect(afterFix).toMatch(/ok +process listener +process\.on\('exit'\) +lifecycle\.js:13:3 +main\.js +onExit/);
    expect(afterFix).toContain('(exit code 1)');
    expect(afterSuggestion).toContain('3 resources still open after loading, 0 not managed');
    expect(afterSuggestion).toMatch(
      /ok +worker thread \(ref'd\) +thread 1 +flusher\.js:\d+:\d+ +flusher\.js +startWorker/,
    );
    expect(afterSuggestion).toContain('(exit code 0)');
  });
});
