import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isNullish, keyName, type ClassNode } from '../../analysis/ast.js';
import type { ClassFields, FieldAccess } from '../../analysis/class-fields.js';

/** What a class writes to its fields: every value it assigns, and the writes that renew a field (not clear it). */

/** Every value the class assigns to a field with `=`: field initialisers, parameter-property defaults, `this.f = v`; undefined when some write is of another form. */
export function fieldValues(fields: ClassFields, field: string): TSESTree.Expression[] | undefined {
  const values: TSESTree.Expression[] = [];
  for (const declaration of fields.declarations(field)) {
    if (declaration.type === AST_NODE_TYPES.TSParameterProperty) {
      if (declaration.parameter.type !== AST_NODE_TYPES.AssignmentPattern) return undefined;
      values.push(declaration.parameter.right);
    } else if (declaration.value) {
      values.push(declaration.value);
    }
  }
  for (const access of fields.accesses(field)) {
    if (access.kind !== 'write') continue;
    if (access.assignment?.operator !== '=') return undefined;
    values.push(access.assignment.right);
  }
  return values;
}

/** The first `this.<field> = value` outside the constructor that gives the field a new value (not `null`, `undefined`): a reinit. */
export function laterRenewal(fields: ClassFields, field: string): FieldAccess | undefined {
  return fields
    .accesses(field)
    .find(
      (access) =>
        access.kind === 'write' &&
        access.phase === 'later' &&
        access.assignment?.operator === '=' &&
        !isNullish(access.assignment.right),
    );
}

/** `reinit()`, `Manager's reinit()`, or 'a callback in the constructor'. */
export function renewalLabel(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
  owner?: ClassNode,
): string {
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor')
    return 'a callback in the constructor';
  // Named by a plain or private name only: a quoted or computed one stays 'a method'.
  const name = member.computed || member.key.type === AST_NODE_TYPES.Literal ? undefined : keyName(member);
  if (name === undefined) return 'a method';
  return owner?.id ? `${owner.id.name}'s ${name}()` : `${name}()`;
}
