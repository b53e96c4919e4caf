import type { TSESLint } from '@typescript-eslint/utils';
import type { ForkSafeRuleDocs } from '../src/util/create-rule.js';
import noModuleScopeClient from './no-module-scope-client.js';
import noModuleScopeWorker from './no-module-scope-worker.js';

export type ForkSafeRule = TSESLint.RuleModule<string, readonly unknown[], ForkSafeRuleDocs>;

/** Every rule of the plugin, by name. Each rule issue adds its rule here. */
export const rules: Record<string, ForkSafeRule> = {
  'no-module-scope-client': noModuleScopeClient as unknown as ForkSafeRule,
  'no-module-scope-worker': noModuleScopeWorker as unknown as ForkSafeRule,
};
