// Temporary copies of the cross-file fixture projects (test/fixtures/cross-file), for tests that need
// what a repository cannot hold (a node_modules) or that change a file on disk between two lints.
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, projectRoot } from './node.js';

export const crossFileFixtures = join(projectRoot, 'test', 'fixtures', 'cross-file');

/**
 * A copy of test/fixtures/cross-file/<name> in a fresh temporary directory. For ts-paths, its
 * dependency (deps/fast-db) is installed as node_modules/fast-db, and node_modules/@types links to this
 * repository's, so the copy's tsconfig finds Node's types from where it is.
 */
export function fixtureCopy(name: string): { dir: string; cleanup: () => void } {
  const temp = makeTempDir(`fork-safe-${name}-`);
  const dir = join(temp.dir, name);
  cpSync(join(crossFileFixtures, name), dir, { recursive: true });
  if (name === 'ts-paths') {
    mkdirSync(join(dir, 'node_modules'));
    cpSync(join(dir, 'deps', 'fast-db'), join(dir, 'node_modules', 'fast-db'), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
  }
  return { dir, cleanup: temp.cleanup };
}
