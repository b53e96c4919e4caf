import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { exits } from './ast.js';

/** What a guard is made of; the analyses differ only in which conditions count (a role check, a once-flag). */
export interface GuardWalk {
  /** Whether a condition is a guard. */
  readonly isGuard: (test: TSESTree.Node) => boolean;
  /** Where to stop looking outwards (exclusive): the function whose own guards count. The program when none. */
  readonly stop?: TSESTree.Node;
  /** A guard of another shape that one caller knows (`x ??= create()`). */
  readonly guardsChild?: (parent: TSESTree.Node, child: TSESTree.Node) => boolean;
}

/**
 * Whether `node` only runs behind a guard, looking outwards from it: the test of an enclosing `if` or
 * `?:` (either branch), the left side of an enclosing `&&`, `||` or `??`, or the test of an earlier
 * `if (test) return;` (or throw, break, continue, process.exit()) in an enclosing statement list.
 */
export function runsBehindGuard(node: TSESTree.Node, walk: GuardWalk): boolean {
  const { isGuard, stop, guardsChild } = walk;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== stop; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== child && isGuard(parent.test)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child && isGuard(parent.left)) return true;
        break;
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.SwitchCase:
        if (
          followsEarlyExit(parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body, child, isGuard)
        )
          return true;
        break;
      default:
        if (guardsChild?.(parent, child)) return true;
        break;
    }
  }
  return false;
}

/** `if (<guard>) return;` (or another exit) before the statement, in the same statement list. */
function followsEarlyExit(
  statements: readonly TSESTree.Node[],
  statement: TSESTree.Node,
  isGuard: (test: TSESTree.Node) => boolean,
): boolean {
  for (const earlier of statements) {
    if (earlier === statement) return false;
    if (earlier.type === AST_NODE_TYPES.IfStatement && exits(earlier.consequent) && isGuard(earlier.test)) return true;
  }
  return false;
}
