import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * Parenthesise when needed, decided by the kind of the expression moved, as typescript-eslint's
 * getWrappingFixer does: an identifier, a member access and a call bind at least as tightly as any place
 * a fix moves code into (the object of a member access, a callee, an argument, where an identifier
 * stood), so they go in as they are; anything else (`a ?? b`, `await x`, `a as T`) is wrapped.
 */
const BINDS_TIGHTLY = new Set<string>([
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.CallExpression,
]);

/** `text` (the code of `expression`) as it must be written where an identifier or an object stood. */
export function operandText(text: string, expression: TSESTree.Node): string {
  return BINDS_TIGHTLY.has(expression.type) ? text : `(${text})`;
}

/** `text` (the code of `expression`) as the concise body of an arrow function: an object literal is wrapped, or its `{` would open a block. */
export function arrowBodyText(text: string, expression: TSESTree.Node): string {
  return expression.type === AST_NODE_TYPES.ObjectExpression ? `(${text})` : text;
}
