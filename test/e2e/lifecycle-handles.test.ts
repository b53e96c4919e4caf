// End to end for no-repeated-process-listener and no-cached-handle, on real Node and real ESLint: an
// SDK whose start()/stop() cycle stacks an exit handler each time, and an API client that keeps a copy
// of its transport's api. After `eslint --fix` with the recommended config, three cycles leave one
// exit listener, and the client reads the transport re-created after a restore.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFixture } from '../helpers/bundle.js';
import { recommendedESLint } from '../helpers/eslint.js';
import { jsonLines, makeTempDir, projectRoot, runNode } from '../helpers/node.js';

const FIXTURE = join(projectRoot, 'test/fixtures/e2e-lifecycle');
const temp = makeTempDir('fork-safe-e2e-lifecycle-');
afterAll(() => temp.cleanup());

const work = join(temp.dir, 'app');
const files = ['app.mjs', 'sdk.mjs', 'api-client.mjs'].map((name) => join(work, name));
cpSync(FIXTURE, work, { recursive: true });

async function runApp(label: string): Promise<Record<string, unknown>> {
  const bundle = await bundleFixture(join(work, 'app.mjs'), join(temp.dir, `${label}.mjs`), 'esm');
  const run = await runNode([bundle], { timeoutMs: 20_000 });
  expect(run.code, run.stderr).toBe(0);
  const [result] = jsonLines(run.stdout);
  return result!;
}

describe('the SDK and the API client, before and after eslint --fix', () => {
  it('as written: three cycles stack three exit handlers, and the client keeps the old api after a restore', async () => {
    expect(await runApp('original')).toEqual({ exitListeners: 3, apiBefore: 1, apiAfter: 1 });
  });

  it('eslint --fix rewrites both, and a second run has nothing left to fix', async () => {
    const before = await (await recommendedESLint(work, false)).lintFiles(files);
    const reported = before.flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(reported).toEqual(
      expect.arrayContaining(['fork-safe/no-repeated-process-listener', 'fork-safe/no-cached-handle']),
    );

    await ESLint.outputFixes(await (await recommendedESLint(work, true)).lintFiles(files));
    expect(readFileSync(join(work, 'sdk.mjs'), 'utf8')).toMatch(/onExit\(flush\)/);
    expect(readFileSync(join(work, 'api-client.mjs'), 'utf8')).toMatch(/get api\(\)/);

    const again = await (await recommendedESLint(work, false)).lintFiles(files);
    expect(again.flatMap((result) => result.messages.filter((message) => message.fix))).toEqual([]);
    expect(again.flatMap((result) => result.messages.filter((message) => message.fatal))).toEqual([]);
  });

  it('fixed: three cycles leave one exit listener, and the client reads the transport re-created after the restore', async () => {
    expect(await runApp('fixed')).toEqual({ exitListeners: 1, apiBefore: 1, apiAfter: 2 });
  });
});
