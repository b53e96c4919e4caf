import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../analysis/ast.js';

/** What more than one part of the process-listener analysis needs: its depth limit and how expressions are compared. */

/** How far a registration is followed outwards (callbacks, IIFEs, single call sites); each step follows one path. */
export const MAX_DEPTH = 16;

/** The text an expression is compared by: no whitespace, `?.` as `.`, no TS wrappers. */
export function expressionKey(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(unwrap(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
}
