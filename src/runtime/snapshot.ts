import { startupSnapshotApi } from './environment.js';
import { contain } from './errors.js';
import { restore } from './lifecycle.js';
import { runPhase } from './registry.js';
import type { RuntimeState } from './state.js';

/**
 * Installs the one serialize and the one deserialize callback that drive the phases during a
 * `--build-snapshot`. Node's own callbacks neither order nor isolate: a throw in a serialize callback
 * silently skips the rest, a throw in a deserialize callback kills the process. So each callback here
 * only runs our phase, which isolates every hook, and contains anything that still goes wrong.
 */
export function installSnapshotCallbacks(s: RuntimeState): void {
  const api = startupSnapshotApi();
  if (!api) return;
  try {
    api.addSerializeCallback(() => {
      try {
        runPhase('beforeSnapshot', 'V8 startup snapshot');
      } catch (error) {
        contain('beforeSnapshot', 'snapshot serialize callback', error);
      }
    });
    api.addDeserializeCallback(() => {
      try {
        restore(s, 'V8 startup snapshot restored');
      } catch (error) {
        contain('afterRestore', 'snapshot deserialize callback', error);
      }
    });
  } catch (error) {
    // Only reachable if Node stopped building between our check and the call: nothing to drive then.
    s.building = false;
    contain('beforeSnapshot', 'installing snapshot callbacks', error);
  }
}
