import { ESLintUtils } from '@typescript-eslint/utils';

/** What every rule of this plugin says about itself in meta.docs; the configs are built from it. */
export interface ForkSafeRuleDocs {
  description: string;
  /** The smallest config that enables the rule. */
  recommended?: 'recommended' | 'strict';
  /** The rule needs type information and belongs to recommended-type-checked only. */
  requiresTypeChecking?: boolean;
  /** Options a config sets for the rule (a stricter check in strict, the typed mode in recommended-type-checked). */
  configOptions?: Partial<Record<'strict' | 'recommended-type-checked', readonly unknown[]>>;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-fork-safe/eslint-plugin-fork-safe';

export function ruleDocsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<ForkSafeRuleDocs>(ruleDocsUrl);
