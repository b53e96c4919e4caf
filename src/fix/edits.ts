import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { RuntimeBinding } from './runtime-import.js';

/**
 * A rewrite onto the runtime, as text edits. Builders return undefined when they cannot produce a
 * correct edit; the caller then reports without one. `safe` says whether nothing outside the edited
 * code can observe the change (then it may be applied as a fix; otherwise it is a suggestion).
 */
export interface Rewrite {
  readonly safe: boolean;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/** Prepends the runtime import's insertion, when the file needs one, to a rewrite's edits. */
export function withImport(
  binding: RuntimeBinding,
  fixer: TSESLint.RuleFixer,
  edits: TSESLint.RuleFix[],
): TSESLint.RuleFix[] {
  return binding.insert ? [binding.insert(fixer), ...edits] : edits;
}

/** The declarator and its variable when `node` is the whole initialiser of `const|let x = node`. */
export function declaredBinding(node: TSESTree.Node, analysis: FileAnalysis) {
  const declarator = node.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== node ||
    declarator.id.type !== AST_NODE_TYPES.Identifier
  ) {
    return undefined;
  }
  const declaration = declarator.parent;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1)
    return undefined;
  const variable = analysis.resolver.variableOf(declarator.id);
  if (!variable) return undefined;
  const exported = declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || isExportedByName(variable);
  const reassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
  return { declarator, declaration, variable, name: declarator.id.name, exported, reassigned };
}

/** `export { timer }` elsewhere in the file. */
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

/** Removes a whole statement together with the line break before it. */
export function removeStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const before = sourceCode.getTokenBefore(statement, { includeComments: true });
  return fixer.removeRange([before ? before.range[1] : statement.range[0], statement.range[1]]);
}

export function isStatementExpression(
  node: TSESTree.Node,
): node is TSESTree.Expression & { parent: TSESTree.ExpressionStatement } {
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement && node.parent.expression === node;
}
