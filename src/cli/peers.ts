// ESLint, the plugin and typescript-eslint, each loaded dynamically when a run needs it, so that a
// project without an optional peer gets one line instead of a stack trace. ESLint is always needed;
// typescript-eslint only to lint TypeScript files or with --type-checked (see config.ts), so a
// JavaScript project needs nothing but ESLint. The plugin is imported by its own package name (a
// self-reference, left external by the build) so that nothing in the CLI's bundles imports a peer
// statically.
import { UsageError } from './args.js';

export type EslintModule = typeof import('eslint');
export type TsEslintModule = typeof import('typescript-eslint');
type PluginModule = typeof import('../index.js');
export type Plugin = PluginModule['default'];

/** The install line a missing typescript-eslint asks for: it needs TypeScript next to it. */
export const TYPESCRIPT_ESLINT_INSTALL = 'npm install --save-dev typescript-eslint typescript';

/**
 * Through a variable, so that TypeScript does not resolve it: its types are the build's own output,
 * which a clean checkout does not have yet when the build type-checks this file.
 */
const selfReference: string = 'eslint-plugin-fork-safe';

/** The package a module-not-found error could not load, or undefined for any other error. */
function missingPackage(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1] ?? 'a package';
}

export async function loadEslint(): Promise<EslintModule> {
  try {
    return await import('eslint');
  } catch (error) {
    const missing = missingPackage(error);
    if (missing === undefined) throw error;
    throw new UsageError(`eslint is needed (cannot load ${missing}): run \`npm install --save-dev eslint\``);
  }
}

export async function loadPlugin(): Promise<Plugin> {
  return ((await import(selfReference)) as PluginModule).default;
}

/**
 * typescript-eslint, or undefined when it is not installed (or TypeScript, which it loads, is not): the
 * caller decides whether the run needs it.
 */
export async function loadTypescriptEslint(): Promise<TsEslintModule | undefined> {
  try {
    const module = await import('typescript-eslint');
    return ((module as { default?: TsEslintModule }).default ?? module) as TsEslintModule;
  } catch (error) {
    if (missingPackage(error) === undefined) throw error;
    return undefined;
  }
}
