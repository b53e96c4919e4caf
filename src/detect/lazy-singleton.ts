import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingClass,
  isFunction,
  isNullish,
  memberName,
  staticString,
  unwrap,
  type ClassNode,
} from '../analysis/ast.js';
import { declaredClass } from '../analysis/bindings.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { runsBehindGuard } from '../analysis/guard-walk.js';
import { enclosingBoundary } from '../analysis/module-load.js';
import { walk } from '../analysis/subtree-walk.js';

export type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * Where a lazy singleton is kept: a module variable, or a static field of a class of this file
 * (`Db.instance`, `this.instance` in a static method). Anything else (a local, an instance field, a
 * property of some object) is not a process-wide slot.
 */
type Slot =
  | { readonly kind: 'variable'; readonly variable: TSESLint.Scope.Variable }
  | { readonly kind: 'static'; readonly owner: ClassNode; readonly name: string };

export interface LazySingleton {
  /** The creation that fills the slot: the client, or `new Db()` of a class that creates one. */
  readonly creation: Creation;
  /** The client a same-file class creates in its constructor or an instance field, when `creation` is that class. */
  readonly via?: Creation;
  /** How the message names the slot: `the module variable pool`, `the static field Db.instance`. */
  readonly slot: string;
}

/**
 * A client created lazily into a process-wide slot that nothing resets, in each spelling of "create it
 * the first time": `slot ??= create`, `slot ||= create`, `slot = slot ?? create`, and `slot = create`
 * behind a test of the slot (`if (!slot)`, `if (slot === undefined)`, `if (slot == null)`,
 * `if (slot) return slot;` before it, `slot ?? (slot = create)`), wherever it runs (a getter, a static
 * `getInstance()`, a Proxy trap). The caller has already made sure the assignment does not run at load.
 * A slot with any other write (a `close()` or after-fork path that sets it to `undefined`, `delete`) has
 * a reset path and is not reported.
 */
export function lazySingleton(
  assignment: TSESTree.AssignmentExpression,
  analysis: FileAnalysis,
  isClient: (node: Creation) => boolean,
): LazySingleton | undefined {
  const slot = slotOf(assignment.left, analysis);
  if (!slot) return undefined;
  const created = lazyCreation(assignment, slot, analysis, isClient);
  if (!created) return undefined;
  if (hasReset(slot, assignment, analysis, isClient)) return undefined;
  return {
    ...created,
    slot:
      slot.kind === 'variable'
        ? `the module variable ${slot.variable.name}`
        : `the static field ${slot.owner.id?.name ?? '(class)'}.${slot.name}`,
  };
}

function slotOf(left: TSESTree.Node, analysis: FileAnalysis): Slot | undefined {
  if (left.type === AST_NODE_TYPES.Identifier) {
    const variable = analysis.resolver.variableOf(left);
    return variable && (variable.scope.type === 'module' || variable.scope.type === 'global')
      ? { kind: 'variable', variable }
      : undefined;
  }
  if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(left);
  const owner = staticOwner(left.object, analysis);
  return name !== undefined && owner ? { kind: 'static', owner, name } : undefined;
}

/** The class whose static side an expression is: `Db` (a class of this file), or `this` in a static member. */
function staticOwner(object: TSESTree.Node, analysis: FileAnalysis): ClassNode | undefined {
  if (object.type === AST_NODE_TYPES.Identifier) return declaredClass(analysis.resolver, object);
  if (object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  // `this` is the class in a static method, static block or static field (arrows keep the outer `this`).
  let boundary = enclosingBoundary(object);
  while (boundary?.type === AST_NODE_TYPES.ArrowFunctionExpression) boundary = enclosingBoundary(boundary);
  if (!boundary) return undefined;
  const member = isFunction(boundary) ? boundary.parent : boundary;
  const isStatic =
    member?.type === AST_NODE_TYPES.StaticBlock ||
    ((member?.type === AST_NODE_TYPES.MethodDefinition || member?.type === AST_NODE_TYPES.PropertyDefinition) &&
      member.static);
  return isStatic ? enclosingClass(boundary) : undefined;
}

function isSameSlot(node: TSESTree.Node, slot: Slot, analysis: FileAnalysis): boolean {
  const value = unwrap(node);
  if (slot.kind === 'variable')
    return value.type === AST_NODE_TYPES.Identifier && analysis.resolver.variableOf(value) === slot.variable;
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    memberName(value) === slot.name &&
    staticOwner(value.object, analysis) === slot.owner
  );
}

/** What the assignment creates when it fills the slot lazily. */
function lazyCreation(
  assignment: TSESTree.AssignmentExpression,
  slot: Slot,
  analysis: FileAnalysis,
  isClient: (node: Creation) => boolean,
): Omit<LazySingleton, 'slot'> | undefined {
  const right = unwrap(assignment.right);
  if (assignment.operator === '??=' || assignment.operator === '||=') return clientCreation(right, analysis, isClient);
  if (assignment.operator !== '=') return undefined;
  // slot = slot ?? create
  if (
    right.type === AST_NODE_TYPES.LogicalExpression &&
    (right.operator === '??' || right.operator === '||') &&
    isSameSlot(right.left, slot, analysis)
  )
    return clientCreation(unwrap(right.right), analysis, isClient);
  const created = clientCreation(right, analysis, isClient);
  if (!created) return undefined;
  const stop = enclosingBoundary(assignment);
  const guarded = runsBehindGuard(assignment, { isGuard: (test) => testsSlot(test, slot, analysis), stop });
  return guarded ? created : undefined;
}

/** `slot`, `!slot`, `slot == null`, `slot === undefined`, `typeof slot === 'undefined'` and their negations. */
function testsSlot(test: TSESTree.Node, slot: Slot, analysis: FileAnalysis): boolean {
  const value = unwrap(test);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!')
    return testsSlot(value.argument, slot, analysis);
  if (isSameSlot(value, slot, analysis)) return true;
  if (value.type !== AST_NODE_TYPES.BinaryExpression || !['==', '===', '!=', '!=='].includes(value.operator))
    return false;
  const sides = [value.left, value.right];
  return sides.some(
    (side, i) =>
      (isSameSlot(side, slot, analysis) && isNullish(sides[1 - i]!)) ||
      (unwrap(side).type === AST_NODE_TYPES.UnaryExpression &&
        (unwrap(side) as TSESTree.UnaryExpression).operator === 'typeof' &&
        isSameSlot((unwrap(side) as TSESTree.UnaryExpression).argument, slot, analysis) &&
        staticString(sides[1 - i]) === 'undefined'),
  );
}

/** A client, or `new C()` of a same-file class whose constructor or instance fields create one. */
function clientCreation(
  node: TSESTree.Node,
  analysis: FileAnalysis,
  isClient: (node: Creation) => boolean,
): Omit<LazySingleton, 'slot'> | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (isClient(node)) return { creation: node };
  if (node.type !== AST_NODE_TYPES.NewExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const owner = declaredClass(analysis.resolver, node.callee);
  const via = owner && clientInConstruction(owner, analysis, isClient);
  return via ? { creation: node, via } : undefined;
}

/** A client created directly by a class's constructor or instance field initialisers. */
function clientInConstruction(
  owner: ClassNode,
  analysis: FileAnalysis,
  isClient: (node: Creation) => boolean,
): Creation | undefined {
  let found: Creation | undefined;
  for (const member of owner.body.body) {
    const root =
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor'
        ? member.value.body
        : member.type === AST_NODE_TYPES.PropertyDefinition && !member.static
          ? member.value
          : undefined;
    if (!root) continue;
    walk(root, analysis.sourceCode.visitorKeys, (node) => {
      if (found || isFunction(node)) return false;
      if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && isClient(node))
        found = node;
      return !found;
    });
    if (found) return found;
  }
  return undefined;
}

/** Any other write of the slot that is not itself a lazy creation: a reset path (close, after fork). */
function hasReset(
  slot: Slot,
  assignment: TSESTree.AssignmentExpression,
  analysis: FileAnalysis,
  isClient: (node: Creation) => boolean,
): boolean {
  const writes: TSESTree.Node[] =
    slot.kind === 'variable'
      ? slot.variable.references.filter((reference) => reference.isWrite()).map((reference) => reference.identifier)
      : analysis.memberWrites
          .writesOtherThan(slot.name, [], slot.owner)
          .filter((write) => staticOwner(write.object, analysis) === slot.owner);
  return writes.some((write) => {
    const parent = write.parent;
    if (parent === assignment) return false;
    // A declaration without a value (`let pool;`) is no write at all; `let pool = undefined` starts empty.
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator)
      return parent.id === write && parent.init !== null && !isNullish(parent.init);
    // Another lazy creation of the same slot (a second getter) is not a reset.
    return !(
      parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === write &&
      lazyCreation(parent, slot, analysis, isClient)
    );
  });
}
