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

const ruleCreator = ESLintUtils.RuleCreator<ForkSafeRuleDocs>(ruleDocsUrl);

/**
 * RuleCreator's rule (the docs URL, `meta.defaultOptions`), but the options merged with the defaults are
 * computed once per distinct option set and shared, frozen, by every file linted with it. RuleCreator
 * merges them again for every file and every rule (a structuredClone each), which the profile of
 * docs/performance.md showed costing more than some rules' whole work on a file they skip.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, ForkSafeRuleDocs>>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const created = ruleCreator<Options, MessageIds>(rule);
  const defaults = rule.meta.defaultOptions ?? ([] as unknown as Options);
  // Keyed by the options' JSON: they are JSON by the rule's schema, and ESLint builds a new array per file.
  const merged = new Map<string, Readonly<Options>>();
  return {
    ...created,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        options = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, context.options));
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}

/** Shared by every file, so no rule may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
