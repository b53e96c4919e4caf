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

/**
 * What each suggestion the built plugin offers on `code` makes of the file, keyed by
 * `<ruleId>/<messageId>`: a suggestion is applied with one click, so the end-to-end tests run it too.
 */
export async function suggestedOutputs(cwd: string, filePath: string, code: string): Promise<Map<string, string>> {
  const [result] = await (await recommendedESLint(cwd, false)).lintText(code, { filePath });
  const outputs = new Map<string, string>();
  for (const message of result?.messages ?? []) {
    for (const suggestion of message.suggestions ?? []) {
      const [start, end] = suggestion.fix.range;
      outputs.set(
        `${message.ruleId}/${suggestion.messageId}`,
        code.slice(0, start) + suggestion.fix.text + code.slice(end),
      );
    }
  }
  return outputs;
}
