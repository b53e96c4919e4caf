import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** How the user wrote a call or construction, for a message: `new Piscina()`, `workerpool.pool()`. */
export function describeCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string {
  const callee = sourceCode.getText(node.callee);
  const name = callee.length > 40 ? `${callee.slice(0, 37)}...` : callee;
  if (node.type !== AST_NODE_TYPES.NewExpression) return `${name}()`;
  // `new (load())()`: without its parentheses the callee would read as `new load()`, called.
  return node.callee.type === AST_NODE_TYPES.CallExpression ? `new (${name})()` : `new ${name}()`;
}
