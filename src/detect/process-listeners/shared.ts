import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ClassNode } from '../../analysis/ast.js';
import { staticString, unwrap } from '../../analysis/resolve.js';

/** What more than one part of the process-listener analysis needs: its depth limit and a few syntax helpers. */

/** How far a registration is followed outwards (callbacks, IIFEs, single call sites); each step follows one path. */
export const MAX_DEPTH = 16;

/** The text an expression is compared by: no whitespace, `?.` as `.`, no TS wrappers. */
export function expressionKey(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(unwrap(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
}

export function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression)
      return parent;
  }
  return undefined;
}

/** `start`, `#start`, `[Symbol.dispose]` → undefined. */
export function keyName(
  node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.Property | TSESTree.AccessorProperty,
): string | undefined {
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.key.name}`;
  if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
  return staticString(node.key);
}
