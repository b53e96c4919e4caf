// Builds the package: type declarations with tsc, JavaScript with esbuild.
// - dist/runtime.mjs and dist/runtime.cjs: the runtime, each one self-contained file, because a V8
//   snapshot entry cannot load other modules and bundlers should not have to resolve a tree.
// - dist/esm/src/index.js and dist/cjs/src/index.js: the plugin, with the few helpers it uses from
//   @typescript-eslint/utils bundled in (bundled-utils.mjs), so that it loads in a project that has only
//   ESLint: it imports nothing but Node's built-ins, which is checked below. Typed rules get TypeScript's
//   checker from typescript-eslint's parser services, never by importing `typescript`; typed cross-file
//   following requires it at run time from typescript-eslint's own install (src/analysis/program-files.ts).
// - dist/cli.js: the `fork-safe-lint` bin, ESM with its peers (eslint, typescript-eslint) left external;
//   dist/cli-options.js: the ESLint options module its --concurrency workers load.
// - dist/audit.mjs and dist/audit.cjs (the `./audit` preload for --import and -r) and dist/audit-cli.js
//   (the `fork-safe-audit` bin): each one self-contained file with Node's builtins only, nothing of the
//   lint side.
// - dist/esm/**/*.d.ts, copied to dist/cjs/ under a {"type":"commonjs"} package.json so that each
//   format has types of its own format (what attw checks).
// Everything is built into dist.next/ and swapped in at the end, so that a test or a watcher reading
// dist/ never sees it half built.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The plugin's own bundle may import these at run time, and nothing else. */
const builtin = (path) => path.startsWith('node:') || isBuiltin(path);

/** The lint side's peers: the plugin's bundle must not import them (the CLI loads them itself). */
const peers = [
  'eslint',
  'eslint/*',
  'typescript',
  'typescript-eslint',
  '@typescript-eslint/parser',
  '@typescript-eslint/typescript-estree',
];

/** Sends `@typescript-eslint/utils` (the root only, not its subpaths) to bundled-utils.mjs. */
const bundledUtils = {
  name: 'bundled-utils',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@typescript-eslint\/utils$/ }, () => ({
      path: join(root, 'scripts/bundled-utils.mjs'),
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const finalDist = join(root, 'dist');
const dist = join(root, 'dist.next');
const out = (path) => join('dist.next', path);

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(root, 'tsconfig.build.json'),
    '--outDir',
    join(dist, 'esm'),
  ],
  { stdio: 'inherit' },
);

const common = { bundle: true, target: 'node20', logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/runtime/index.ts'],
    platform: 'neutral',
    format: 'esm',
    outfile: out('runtime.mjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/runtime/index.ts'],
    platform: 'neutral',
    format: 'cjs',
    outfile: out('runtime.cjs'),
  }),
  ...['esm', 'cjs'].map((format) =>
    build({
      ...common,
      entryPoints: ['src/index.ts'],
      platform: 'node',
      format,
      outfile: out(`${format}/src/index.js`),
      plugins: [bundledUtils],
      // Left external so that checkOnlyBuiltins catches an import of them, rather than bundling them.
      external: peers,
      metafile: true,
    }).then(({ metafile }) => checkOnlyBuiltins(metafile)),
  ),
  build({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    platform: 'node',
    packages: 'external',
    format: 'esm',
    outfile: out('cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['src/cli/eslint-options.ts'],
    platform: 'node',
    packages: 'external',
    format: 'esm',
    outfile: out('cli-options.js'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/preload.ts'],
    platform: 'node',
    format: 'esm',
    outfile: out('audit.mjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/preload-cjs.ts'],
    platform: 'node',
    format: 'cjs',
    outfile: out('audit.cjs'),
  }),
  build({
    ...common,
    entryPoints: ['src/audit/bin.ts'],
    platform: 'node',
    format: 'esm',
    outfile: out('audit-cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

/** Fails the build if the plugin's bundle would import a package at run time (a peer the user may lack). */
function checkOnlyBuiltins(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const packages = output.imports
      .filter((entry) => entry.external && !builtin(entry.path))
      .map((entry) => entry.path);
    if (packages.length > 0)
      throw new Error(`${file} imports ${packages.join(', ')}: the plugin must load with ESLint alone`);
  }
}

for (const dir of ['src', 'rules'])
  cpSync(join(dist, 'esm', dir), join(dist, 'cjs', dir), { recursive: true, filter: (f) => !f.endsWith('.js') });
mkdirSync(join(dist, 'cjs'), { recursive: true });
writeFileSync(join(dist, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

rmSync(finalDist, { recursive: true, force: true });
renameSync(dist, finalDist);
