import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../analysis/ast.js';

/** What more than one part of the process-listener analysis needs: its depth limit and how expressions are compared. */

/**
 * How far a registration is followed outwards (callbacks, IIFEs, single call sites), and an event name
 * through variables and arrays. Each step follows one path, so a generous limit costs little; it ends
 * recursion through call sites that the walk does not otherwise see.
 */
export const MAX_FOLLOW_DEPTH = 16;

/** The text an expression is compared by: no whitespace, `?.` as `.`, no TS wrappers. */
export function expressionKey(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(unwrap(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
}
