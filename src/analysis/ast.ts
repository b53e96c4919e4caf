import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from './resolve.js';

/** Small predicates over the AST that several analyses share. */

export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Array methods that call their callback synchronously, before they return. */
export const SYNC_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
]);

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** Whether `inner` (a node or a comment) lies within `outer` (or is it). */
export function within(inner: { readonly range: TSESTree.Range }, outer: { readonly range: TSESTree.Range }): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The class a member (method, field, static block) belongs to. */
export function classOfMember(member: TSESTree.Node): ClassNode | undefined {
  const owner = member.parent?.type === AST_NODE_TYPES.ClassBody ? member.parent.parent : undefined;
  return owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression
    ? owner
    : undefined;
}

/** The immediate call of a function: `(() => {})()`, `new (function () {})()`, `(function () {}).call(this)`. */
export function immediateCall(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let callee: TSESTree.Node = fn;
  // through TS wrappers: (fn as any)()
  while (callee.parent && unwrap(callee.parent) === fn) callee = callee.parent;
  const parent = callee.parent;
  if (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.callee === callee
  )
    return parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === callee) {
    const name = memberName(parent);
    const call = parent.parent;
    if ((name === 'call' || name === 'apply') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent)
      return call;
  }
  return undefined;
}

/** The name a function is known by in its file: a declaration, or `const|let f = () => {}`. */
export function functionName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === fn &&
    parent.id.type === AST_NODE_TYPES.Identifier
    ? parent.id
    : undefined;
}

/**
 * A statement that leaves the rest of its statement list: return, throw, process.exit(), break or
 * continue (whose target always encloses that list), or a block ending so.
 */
export function exits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body[statement.body.length - 1];
      return last !== undefined && exits(last);
    }
    case AST_NODE_TYPES.ExpressionStatement: {
      const call = statement.expression;
      return (
        call.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        call.callee.object.type === AST_NODE_TYPES.Identifier &&
        call.callee.object.name === 'process' &&
        memberName(call.callee) === 'exit'
      );
    }
    default:
      return false;
  }
}
