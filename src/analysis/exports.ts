import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** Whether a binding is handed to other modules by name: `export { timer }` elsewhere in the file, `module.exports = { timer }`. */
export function isExportedByName(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => isExportPosition(reference.identifier));
}

/**
 * Where a read hands the binding itself to other modules: `export { x }`, `export default x`,
 * `module.exports = x`, `module.exports = { x }`, `exports.name = x`.
 */
function isExportPosition(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration)
    return true;
  let value: TSESTree.Node = identifier;
  if (
    parent?.type === AST_NODE_TYPES.Property &&
    parent.value === identifier &&
    parent.parent?.type === AST_NODE_TYPES.ObjectExpression
  ) {
    value = parent.parent;
  }
  const assignment = value.parent;
  return (
    assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
    assignment.right === value &&
    isCommonJsExportTarget(assignment.left)
  );
}

/** `module.exports`, `module.exports.x`, `exports.x`. */
export function isCommonJsExportTarget(target: TSESTree.Node): boolean {
  let object: TSESTree.Node = target;
  while (object.type === AST_NODE_TYPES.MemberExpression) {
    if (object.object.type === AST_NODE_TYPES.Identifier) {
      const name = object.object.name;
      const property =
        !object.computed && object.property.type === AST_NODE_TYPES.Identifier ? object.property.name : undefined;
      return name === 'exports' || (name === 'module' && property === 'exports');
    }
    object = object.object;
  }
  return false;
}
