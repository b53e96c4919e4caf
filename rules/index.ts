import type { TSESLint } from '@typescript-eslint/utils';
import type { ForkSafeRuleDocs } from '../src/util/create-rule.js';
import noCachedHandle from './no-cached-handle.js';
import noModuleScopeClient from './no-module-scope-client.js';
import noModuleScopeWorker from './no-module-scope-worker.js';
import noRepeatedProcessListener from './no-repeated-process-listener.js';

export type ForkSafeRule = TSESLint.RuleModule<string, readonly unknown[], ForkSafeRuleDocs>;

/** Every rule of the plugin, by name. Each rule issue adds its rule here. */
export const rules: Record<string, ForkSafeRule> = {
  'no-cached-handle': noCachedHandle as unknown as ForkSafeRule,
  'no-module-scope-client': noModuleScopeClient as unknown as ForkSafeRule,
  'no-module-scope-worker': noModuleScopeWorker as unknown as ForkSafeRule,
  'no-repeated-process-listener': noRepeatedProcessListener as unknown as ForkSafeRule,
};
