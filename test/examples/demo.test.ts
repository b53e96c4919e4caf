// README's first command runs this demo; this keeps what it shows true.
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/node.js';

describe('npm run demo', () => {
  it('builds and restores with the runtime, then shows each of Node’s failures without it', async () => {
    const result = await runNode(['examples/snapshot-demo/run.mjs'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/collector answered "pong from connection 1" while building/);
    expect(out).toMatch(/build exit code: 0/);
    expect(out.match(/restored: generation 1, build-time socket carried over: false/g)).toHaveLength(2);
    expect(out.match(/worker answered "hello from a worker thread"/g)).toHaveLength(2);
    expect(out).toMatch(/restored process 1 exit code: 0\n[\s\S]*restored process 2 exit code: 0/);
    expect(out).toMatch(/collector connections: 3 \(one per process\)/);
    expect(out).toMatch(/setInterval: the build never finishes: still running after 5 s, killed/);
    expect(out).toMatch(/new Worker\(\): exit code 1: .*Creating workers is not supported in startup snapshot/);
    expect(out).toMatch(
      /socket left open at build time: exit code null, signal SIGTRAP: .*CheckGlobalAndEternalHandles/,
    );
  });
});
