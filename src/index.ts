import type { TSESLint } from '@typescript-eslint/utils';
import packageJson from '../package.json' with { type: 'json' };
import { rules } from '../rules/index.js';
import { rulesFor, type ConfigName } from './configs.js';

const namespace = 'fork-safe';

type FlatConfig = TSESLint.FlatConfig.Config & { name: string };

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};

const configNames: ConfigName[] = ['recommended', 'strict', 'recommended-type-checked'];
for (const config of configNames) {
  plugin.configs[config] = {
    name: `${namespace}/${config}`,
    plugins: { [namespace]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: rulesFor(config, rules, namespace),
  };
}

export default plugin;
export { rules };
export const configs = plugin.configs;
export const meta = plugin.meta;
