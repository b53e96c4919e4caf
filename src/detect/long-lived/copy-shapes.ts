import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../../analysis/ast.js';
import { someNode } from '../../analysis/subtree-walk.js';

/** Syntax only, before any resolution: which reads and values have the shape of a copy. */

/** How many links of a member chain are read for names; no copy anyone writes is longer. */
const MAX_CHAIN_LENGTH = 16;

/** The static member names along a read, through calls: `this.transport.get().api` gives transport, get, api. */
export function namesAlong(read: TSESTree.Node): string[] {
  const names: string[] = [];
  let current = unwrap(read);
  for (let i = 0; i < MAX_CHAIN_LENGTH; i++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(current);
      if (name !== undefined) names.unshift(name);
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else {
      break;
    }
  }
  return names;
}

/** The value shapes `LongLived.copyOf` can find a copy in: a member read, or a call (`.bind`, a holder). */
function mayBeCopy(value: TSESTree.Node): boolean {
  const node = unwrap(value);
  return node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression;
}

/**
 * A cheap syntactic look at a class member before any class analysis: could it store a copy? A field
 * initialised with a member read or a call, or a constructor with an `=` assignment of one.
 */
export function mayStoreCopy(member: TSESTree.ClassElement, visitorKeys: TSESLint.SourceCode['visitorKeys']): boolean {
  if (member.type === AST_NODE_TYPES.PropertyDefinition) return member.value !== null && mayBeCopy(member.value);
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor' || !member.value.body)
    return false;
  return someNode(
    member.value.body,
    visitorKeys,
    (node) => node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && mayBeCopy(node.right),
  );
}
