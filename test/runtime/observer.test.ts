// The observer the runtime tells what it creates (for fork-safe-audit): nesting, values, and no effect
// on the runtime when it is absent or broken. Real runtime build, real process.
import { describe, expect, it } from 'vitest';
import { jsonLines, runScenario } from '../helpers/node.js';

describe('runtime observer', () => {
  it('sees each managed creation with its kind, name and perProcess value; a throwing observer changes nothing', async () => {
    const result = await runScenario(`
      const { perProcess, interval, startWorker, onExit } = await import(RUNTIME);
      const slot = Symbol.for('eslint-plugin-fork-safe/managed-resource-observer@1');
      const events = [];
      globalThis[slot] = {
        enter: (kind, name) => events.push(['enter', kind, name]),
        exit: (kind, name, value) => events.push(['exit', kind, name, value?.tag]),
      };
      const holder = perProcess(() => ({ tag: 'pool' }), { name: 'db' });
      holder.get();
      holder.get(); // no second creation, no second event
      const timer = interval(() => {}, 1000, { name: 'flush' });
      onExit(() => {}, { name: 'bye' });
      onExit(() => {}); // the one process listener exists already
      globalThis[slot] = { enter() { throw new Error('broken observer'); }, exit() { throw new Error('broken'); } };
      const second = perProcess(() => ({ tag: 'cache' }));
      const worker = startWorker(() => { throw new Error('spawn failed'); }, { name: 'w', onError: () => {} });
      console.log(JSON.stringify({ events, second: second.get().tag, running: timer.running, worker: worker.running }));
      delete globalThis[slot];
      await timer.stop();
    `);
    expect(result.code).toBe(0);
    const [line] = jsonLines(result.stdout);
    expect(line).toEqual({
      events: [
        ['enter', 'perProcess', 'db'],
        ['exit', 'perProcess', 'db', 'pool'],
        ['enter', 'interval', 'flush'],
        ['exit', 'interval', 'flush', null],
        ['enter', 'onExit', 'bye'],
        ['exit', 'onExit', 'bye', null],
      ],
      second: 'cache',
      running: true,
      worker: false,
    });
  });
});
