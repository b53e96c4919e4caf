import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';

/** The rules' `fix` option: apply safe fixes, offer everything as suggestions only, or neither. */
export type FixMode = 'fix' | 'suggest' | 'off';

export const FIX_MODE_SCHEMA: JSONSchema.JSONSchema4 = {
  type: 'string',
  enum: ['fix', 'suggest', 'off'],
  description:
    "'fix' (default): apply provably safe fixes and offer the rest as suggestions; 'suggest': offer everything as suggestions; 'off': report only.",
};

export interface Change<MessageId extends string> {
  /** The suggestion's message when this change is offered as a suggestion. */
  messageId: MessageId;
  data?: Record<string, string>;
  fix: TSESLint.ReportFixFunction;
}

/**
 * The one place that decides whether a change is applied as a fix or offered as a suggestion
 * (typescript-eslint's getFixOrSuggest): a `safe` change is a fix in 'fix' mode; everything else, and
 * everything in 'suggest' mode, is a suggestion; 'off' offers nothing.
 */
export function fixOrSuggest<MessageId extends string>(
  mode: FixMode,
  safe: Change<MessageId> | undefined,
  suggestions: readonly Change<MessageId>[] = [],
): { fix?: TSESLint.ReportFixFunction; suggest?: TSESLint.SuggestionReportDescriptor<MessageId>[] } {
  if (mode === 'off') return {};
  const offered = [...(safe && mode === 'suggest' ? [safe] : []), ...suggestions];
  return {
    ...(safe && mode === 'fix' ? { fix: safe.fix } : {}),
    ...(offered.length > 0
      ? { suggest: offered.map(({ messageId, data, fix }) => ({ messageId, ...(data ? { data } : {}), fix })) }
      : {}),
  };
}
