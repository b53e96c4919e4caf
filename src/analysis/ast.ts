import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * The AST vocabulary every analysis, detection and fix shares: what a node is, what it is called, and
 * where it sits. Pure functions of the tree (no scopes, no resolution), each defined once here.
 */

export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Array methods (and lodash/underscore's `_.each`) that call their callback synchronously, before they return. */
export const SYNC_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'each',
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

/** EventEmitter methods that add a listener; each returns the emitter, so they chain. */
export const ADD_LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/**
 * Whether `argument` is a value a collection method puts into the collection, which then holds it, by the
 * method's signature: any argument of `push`/`unshift`, the inserted items of `splice`, the key or value
 * of `map.set(key, value)`, the one argument of `set.add(value)`. A function handed to one is kept for
 * later, not called; a client's `set(key, value, callback)` (redis) hands its callback on to run.
 */
export function isStoredArgument(call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  const args = call.arguments as readonly TSESTree.Node[];
  const index = args.indexOf(argument);
  if (index < 0) return false;
  switch (method) {
    case 'push':
    case 'unshift':
      return true;
    case 'splice':
      return index >= 2;
    case 'set':
      return args.length === 2;
    case 'add':
      return args.length === 1;
    default:
      return false;
  }
}

/** Strips wrappers that do not change a value: TS assertions, non-null, optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The string a literal or expression-free template literal holds. */
export function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * The name a member access reads, when it is static: `a.x`, `a['x']` and ``a[`x`]`` give 'x', `a.#x`
 * gives '#x' (a private name never equals a public one); undefined when it is computed.
 */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return node.computed ? staticString(node.property) : undefined;
}

/**
 * The name a class member or object property is declared with: `x`, `'x'` and `['x']` alike, `#x` for
 * a private one; undefined when computed (`[Symbol.dispose]`, `[key]`).
 */
export function keyName(member: { readonly key: TSESTree.Node; readonly computed: boolean }): string | undefined {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  return staticString(member.key);
}

/** `require('m')`, or a member of it (`require('m').Worker`). */
export function isRequireCall(node: TSESTree.Node | null | undefined): boolean {
  let current = node;
  while (current?.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return (
    current?.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.Identifier &&
    current.callee.name === 'require'
  );
}

/**
 * `null`, `undefined`, `void x`: a value that holds nothing. A write of one clears a field rather than
 * renewing it, and an optional module's `catch { x = undefined }` does not make it another module.
 * (A regular expression literal whose `value` the parser left null is not one.)
 */
export function isNullish(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void')
  );
}

export function isClass(node: TSESTree.Node | null | undefined): node is ClassNode {
  return node?.type === AST_NODE_TYPES.ClassDeclaration || node?.type === AST_NODE_TYPES.ClassExpression;
}

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

/** An expression that is a whole statement of its own: its value is not used. */
export function isStatementExpression(
  node: TSESTree.Node,
): node is TSESTree.Expression & { parent: TSESTree.ExpressionStatement } {
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement && node.parent.expression === node;
}

/** The nearest class around a node. */
export function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression)
      return parent;
  }
  return undefined;
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

/**
 * Whether a member expression is written where it stands: an assignment target, an update, `delete`, a
 * destructuring or for-in/of target. An optional chain cannot stand in any of these places.
 */
export function isWriteTarget(node: TSESTree.MemberExpression): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left === node;
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete';
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.AssignmentPattern:
      return (parent.left as TSESTree.Node) === node;
    case AST_NODE_TYPES.Property:
      return parent.value === node && parent.parent?.type === AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left === node;
    default:
      return false;
  }
}
