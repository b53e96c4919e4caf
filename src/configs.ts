import type { TSESLint } from '@typescript-eslint/utils';
import type { ConfigName } from './config-names.js';
import type { ForkSafeRuleDocs } from './util/create-rule.js';
type RuleEntry = TSESLint.SharedConfig.RuleEntry;

/** What a config reads of a rule: its meta.docs (src/ sits below rules/, so it never imports a rule's type). */
export interface RuleWithDocs {
  readonly meta: { readonly docs?: ForkSafeRuleDocs };
}

/**
 * Which rules a config turns on, read from each rule's meta.docs, so adding a rule never means editing
 * a config by hand:
 * - recommended: rules marked 'recommended' that need no type information;
 * - strict: everything in recommended plus the rules marked 'strict';
 * - recommended-type-checked: recommended plus the rules marked 'recommended' that require type
 *   information (typescript-eslint's convention: a typed rule lives in the type-checked configs only).
 * A rule's `configOptions` give the options a config sets for it (strict checks more, the type-checked
 * config turns on a rule's typed mode).
 */
export function rulesFor(
  config: ConfigName,
  rules: Readonly<Record<string, RuleWithDocs>>,
  namespace: string,
): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (!docs?.recommended) continue;
    const typed = docs.requiresTypeChecking === true;
    const included =
      config === 'recommended'
        ? docs.recommended === 'recommended' && !typed
        : config === 'strict'
          ? !typed
          : docs.recommended === 'recommended';
    const options = config === 'recommended' ? undefined : docs.configOptions?.[config];
    if (included) entries[`${namespace}/${name}`] = options ? ['error', ...options] : 'error';
  }
  return entries;
}
