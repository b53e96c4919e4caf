// Real ESLint with the BUILT plugin: the end-to-end tests prove the artifact that ships (npm test builds first).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { projectRoot } from './node.js';

export interface BuiltPlugin {
  configs: Record<'recommended' | 'strict' | 'recommended-type-checked', Linter.Config>;
}

export async function builtPlugin(): Promise<BuiltPlugin> {
  const path = join(projectRoot, 'dist/esm/src/index.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return ((await import(pathToFileURL(path).href)) as { default: BuiltPlugin }).default;
}

/** ESLint on a directory with the plugin's recommended config, as a user's `eslint [--fix]` would run it. */
export async function recommendedESLint(cwd: string, fix: boolean): Promise<ESLint> {
  const plugin = await builtPlugin();
  return new ESLint({ cwd, fix, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
}
