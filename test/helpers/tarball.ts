// The packed tarball installed as users install it: `npm pack`, then `npm install <tarball>` into a fresh
// project outside the repository, offline, with ESLint (and, for a TypeScript project, typescript-eslint
// and TypeScript) linked in from the repository's own installs (ESLint 9 from test/compat, 10 from the
// root). Nothing is downloaded.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { projectRoot, runNode, type RunResult } from './node.js';

const execFileAsync = promisify(execFile);

export type EslintMajor = '9' | '10';

/** Where each ESLint major is installed in the repository. */
export const eslintInstalls: Record<EslintMajor, string> = {
  '9': join(projectRoot, 'test/compat/node_modules/eslint'),
  '10': join(projectRoot, 'node_modules/eslint'),
};

/** What a TypeScript project adds to ESLint: the optional peers, and @types/node, from the root install. */
export const typescriptPeers = ['typescript-eslint', 'typescript', '@types/node'];

/** What the package's exports point at and the CLI: the build that `npm pack` must find. */
const requiredBuild = [
  'dist/esm/src/index.js',
  'dist/cjs/src/index.js',
  'dist/runtime.mjs',
  'dist/runtime.cjs',
  'dist/cli.js',
];

function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

export interface PackedTarball {
  tarball: string;
  /** Paths inside the package, as npm lists them. */
  files: string[];
}

/** `npm pack` of the repository as it is built now; fails clearly when the build is missing. */
export async function packTarball(destination: string): Promise<PackedTarball> {
  const missing = requiredBuild.filter((path) => !existsSync(join(projectRoot, path)));
  if (missing.length > 0) {
    throw new Error(`the build is missing (${missing.join(', ')}): run \`npm run build\` first (npm test does)`);
  }
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], projectRoot);
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}

/**
 * Installs the tarball into `project` for real with npm, offline and with an empty cache of its own (so
 * anything npm would have to download fails the install), then links ESLint and `peers` (from the root
 * install) in. The links are made after the install, so npm cannot prune them. Returns what npm put into
 * node_modules.
 */
export async function installTarball(
  project: string,
  tarball: string,
  eslint: EslintMajor,
  cache: string,
  peers: readonly string[],
): Promise<string[]> {
  await npm(['install', '--offline', '--ignore-scripts', `--cache=${cache}`, tarball], project);
  const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
  const links: [string, string][] = [
    ['eslint', eslintInstalls[eslint]],
    ...peers.map((name): [string, string] => [name, join(projectRoot, 'node_modules', name)]),
  ];
  for (const [name, target] of links) {
    if (!existsSync(join(target, 'package.json'))) throw new Error(`${name} is not installed at ${target}`);
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  return installed;
}

/** Runs the project's own ESLint CLI (`node node_modules/eslint/bin/eslint.js ...`) in the project. */
export function runEslintCli(project: string, args: string[]): Promise<RunResult> {
  return runNode([join(project, 'node_modules/eslint/bin/eslint.js'), ...args], { cwd: project, timeoutMs: 90_000 });
}

/**
 * `npx <args>` in the project, as a user types it: npm's own npx, offline and with the project's npm
 * cache, so that it can only run what the project installed.
 */
export function runNpx(project: string, args: string[], cache: string): Promise<RunResult> {
  const npx = realpathSync(join(dirname(process.execPath), 'npx'));
  return runNode([npx, ...args], {
    cwd: project,
    timeoutMs: 90_000,
    env: { npm_config_offline: 'true', npm_config_cache: cache, npm_config_update_notifier: 'false' },
  });
}

/** The names under the project's node_modules (scoped ones as `@scope/name`), links included. */
export function nodeModulesNames(project: string): string[] {
  const root = join(project, 'node_modules');
  return readdirSync(root)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(root, name)).map((inner) => `${name}/${inner}`) : [name],
    )
    .sort();
}

/** Every file of a project outside node_modules, by posix path relative to it, with its content. */
export function readTree(root: string, skip: (path: string) => boolean = () => false): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      if (entry.name === 'node_modules' || skip(path)) continue;
      if (entry.isDirectory()) walk(full);
      else files.set(path, readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** Whether `path` is a real directory rather than a link (an installed package, not a linked one). */
export function isRealDirectory(path: string): boolean {
  return existsSync(path) && lstatSync(path).isDirectory();
}

/**
 * Bundles a snapshot entry into one CommonJS file, resolving every import the way the project itself
 * would (from its own node_modules: no alias to the repository's build). Returns the bundle's inputs,
 * relative to the project.
 */
export async function bundleProjectEntry(project: string, entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: project,
    entryPoints: [join(project, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    metafile: true,
  });
  return Object.keys(result.metafile.inputs);
}
