// Bundles a fixture together with the built runtime into one file. A V8 snapshot entry cannot load
// user modules, so this is how real users ship a snapshot entry too.
import { build } from 'esbuild';
import { builtRuntime } from './node.js';

export async function bundleFixture(entry: string, outfile: string, format: 'cjs' | 'esm' = 'cjs'): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    logLevel: 'error',
    alias: { 'eslint-plugin-fork-safe/runtime': builtRuntime(format === 'esm' ? 'esm' : 'cjs') },
  });
  return outfile;
}
