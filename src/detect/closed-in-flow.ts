import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { ADD_LISTENER_METHODS, isFunction, isStoredArgument, memberName, unwrap } from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { enclosingBoundary } from '../analysis/module-load.js';
import { isGlobal } from '../analysis/resolve.js';

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;
type Variable = ReturnType<FileAnalysis['resolver']['variableOf']>;

/**
 * A client opened at load and closed again by the flow that opened it holds nothing once that flow is
 * done: a send-and-exit script (`try { c = await connect(); ... } finally { await c.close() }`, or
 * `connect((err, c) => { ...; c.close() })`). A lifecycle event can only meet it while the script
 * runs, so it is not reported. A close that runs only from a listener (`process.once('SIGINT', () =>
 * c.close())`) is the shutdown of a client held until then, and does not count; nor does one in a
 * function kept for later (`releasers.push(() => pool.end())`, assigned, returned): stored, not called.
 */
export function closedInCreatingFlow(node: Creation, close: string | undefined, analysis: FileAnalysis): boolean {
  const method = close?.split('.')[0];
  if (!method) return false;
  const resolver = analysis.resolver;
  // `const c = await connect()` / `c = await connect()`: closed in the function that opened it, or in
  // callbacks it hands on that are not listeners.
  const held = heldIn(node);
  if (held) {
    const variable = resolver.variableOf(held);
    const boundary = enclosingBoundary(node);
    if (variable && closeCalls(variable, method).some((call) => reachedWithoutListener(call, boundary, analysis)))
      return true;
  }
  // `connect((err, c) => ...)`: closed inside the completion callback, through callbacks that run once.
  const callback = node.arguments.at(-1);
  if (!callback || !isFunction(callback)) return false;
  for (const param of callback.params) {
    if (param.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = resolver.declaredVariables(callback).find((candidate) => candidate.name === param.name) ?? null;
    if (variable && closeCalls(variable, method).some((call) => reachedWithoutListener(call, callback, analysis))) {
      return true;
    }
  }
  return false;
}

/**
 * The identifier a creation is stored in: `const c = await x()`, `c = await x()`, and `const c = yield
 * x()` in a generator a runner steps (co), where `yield` is the runner's `await`.
 */
function heldIn(node: Creation): TSESTree.Identifier | undefined {
  let value: TSESTree.Node = node;
  while (
    value.parent?.type === AST_NODE_TYPES.AwaitExpression ||
    (value.parent?.type === AST_NODE_TYPES.YieldExpression && !value.parent.delegate)
  )
    value = value.parent;
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) {
    return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === value) {
    return parent.left.type === AST_NODE_TYPES.Identifier ? parent.left : undefined;
  }
  return undefined;
}

/** Every `v.method(...)` on a variable. */
function closeCalls(variable: NonNullable<Variable>, method: string): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    if (memberName(member) !== method) continue;
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && unwrap(call.callee) === member) calls.push(call);
  }
  return calls;
}

/**
 * Whether `call` runs inside `outer` (undefined: the program) through functions that are each handed to a
 * call as a callback that runs in the flow (a completion callback, `.then()`, `.finally()`, an iteration
 * callback): not a listener (an `on`/`once`/... registration, anything on `process`), and not a function
 * put into a collection to be called later (`releasers.push(() => c.end())`, `hooks.set(k, fn)`). A
 * function assigned or returned is not handed to a call at all, so it does not count either.
 */
function reachedWithoutListener(
  call: TSESTree.Node,
  outer: TSESTree.Node | undefined,
  analysis: FileAnalysis,
): boolean {
  for (let fn = enclosingBoundary(call); ; fn = enclosingBoundary(fn)) {
    if (fn === outer) return true;
    if (!fn) return false;
    if (!isFunction(fn)) return false;
    const parent = fn.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !(parent.arguments as readonly TSESTree.Node[]).includes(fn))
      return false;
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee);
      if (name !== undefined && ADD_LISTENER_METHODS.has(name)) return false;
      if (isStoredArgument(parent, fn)) return false;
      if (isGlobal(analysis.resolver.resolve(callee.object), 'process')) return false;
    }
  }
  return false;
}
