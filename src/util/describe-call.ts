import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** How the user wrote a call or construction, for a message: `new Piscina()`, `workerpool.pool()`. */
export function describeCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string {
  const callee = sourceCode.getText(node.callee);
  const name = callee.length > 40 ? `${callee.slice(0, 37)}...` : callee;
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${name}()` : `${name}()`;
}
