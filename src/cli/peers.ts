// ESLint, typescript-eslint and the plugin (which needs @typescript-eslint/utils), loaded dynamically so
// that a project without the optional peers gets one line instead of a stack trace. The plugin is
// imported by its own package name (a self-reference, left external by the build) so that nothing in
// the CLI's bundles imports a peer statically.
import { UsageError } from './args.js';

type EslintModule = typeof import('eslint');
type TsEslintModule = typeof import('typescript-eslint');
type PluginModule = typeof import('../index.js');

export interface Peers {
  eslint: EslintModule;
  tseslint: TsEslintModule;
  plugin: PluginModule['default'];
}

/**
 * Through a variable, so that TypeScript does not resolve it: its types are the build's own output,
 * which a clean checkout does not have yet when the build type-checks this file.
 */
const selfReference: string = 'eslint-plugin-fork-safe';

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

export async function loadPeers(): Promise<Peers> {
  try {
    const [eslint, tseslint, pluginModule] = await Promise.all([
      import('eslint'),
      import('typescript-eslint'),
      import(selfReference) as Promise<PluginModule>,
    ]);
    return {
      eslint,
      tseslint: ((tseslint as { default?: TsEslintModule }).default ?? tseslint) as TsEslintModule,
      plugin: pluginModule.default,
    };
  } catch (error) {
    if (!isMissingModule(error)) throw error;
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1];
    throw new UsageError(
      `eslint and typescript-eslint are needed${missing ? ` (cannot load ${missing})` : ''}: run \`npm install --save-dev eslint typescript-eslint\``,
    );
  }
}
