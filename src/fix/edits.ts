import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { RuntimeBinding } from './runtime-import.js';

/**
 * A rewrite onto the runtime, as text edits. Builders return undefined when they cannot produce a
 * correct edit; the caller then reports without one. `safe` says whether nothing outside the edited
 * code can observe the change (then it may be applied as a fix; otherwise it is a suggestion).
 */
export interface Rewrite {
  readonly safe: boolean;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/** Why a builder offers no edit, for the report's message: the user sees what to change to get one. */
export interface Withheld {
  readonly withheld: string;
}

/** Prepends the runtime import's insertion, when the file needs one, to a rewrite's edits. */
export function withImport(
  binding: RuntimeBinding,
  fixer: TSESLint.RuleFixer,
  edits: TSESLint.RuleFix[],
): TSESLint.RuleFix[] {
  return binding.insert ? [binding.insert(fixer), ...edits] : edits;
}

/** Removes a whole statement together with the line break before it. */
export function removeStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const before = sourceCode.getTokenBefore(statement, { includeComments: true });
  return fixer.removeRange([before ? before.range[1] : statement.range[0], statement.range[1]]);
}

/**
 * Replaces one reference to a variable with `text`: in a shorthand property (`{ client }`) the key
 * stays, `{ client: <text> }`, so the object keeps its shape.
 */
export function replaceReference(
  fixer: TSESLint.RuleFixer,
  identifier: TSESTree.Identifier | TSESTree.JSXIdentifier,
  text: string,
): TSESLint.RuleFix {
  const parent = identifier.parent;
  const shorthand = parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier;
  return fixer.replaceText(identifier, shorthand ? `${identifier.name}: ${text}` : text);
}

/** The file is TypeScript (`.ts`, `.mts`, `.cts`, `.tsx`): an edit must also type-check. */
export function isTypeScriptFile(filename: string | undefined): boolean {
  return /\.[cm]?tsx?$/.test(filename ?? '');
}
