// The package's entry. Its public types are ESLint's own (`eslint` is the one peer every user of the
// plugin has), so that a TypeScript eslint.config.ts type-checks against it without typescript-eslint:
// the rules are written with @typescript-eslint/utils, whose helpers the build bundles in.
import type { ESLint, Linter, Rule } from 'eslint';
import packageJson from '../package.json' with { type: 'json' };
import { rules as forkSafeRules } from '../rules/index.js';
import { configNames, type ConfigName } from './config-names.js';
import { rulesFor } from './configs.js';

const namespace = 'fork-safe';

type FlatConfig = Linter.Config & { name: string };

export const rules = forkSafeRules as unknown as Record<string, Rule.RuleModule>;

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace },
  rules,
  configs: {} as Record<ConfigName, FlatConfig>,
};

for (const config of configNames) {
  plugin.configs[config] = {
    name: `${namespace}/${config}`,
    plugins: { [namespace]: plugin satisfies ESLint.Plugin },
    rules: rulesFor(config, forkSafeRules, namespace),
  };
}

export default plugin;
export const configs = plugin.configs;
export const meta = plugin.meta;
