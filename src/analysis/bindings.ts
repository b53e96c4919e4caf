import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ClassNode } from './ast.js';
import { isExportedByName } from './exports.js';
import type { FileAnalysis } from './file-analysis.js';
import type { Resolver } from './resolve.js';

type Variable = TSESLint.Scope.Variable;

/** Whether anything assigns the variable after its declaration (`x = ...`, `x++`, a destructuring target). */
export function isReassigned(variable: Variable): boolean {
  return variable.references.some((reference) => reference.isWrite() && !reference.init);
}

/** The one definition of a variable declared once (not a redeclared `var`, not a merged TS declaration). */
export function singleDefinition(variable: Variable | null | undefined): TSESLint.Scope.Definition | undefined {
  return variable?.defs.length === 1 ? variable.defs[0] : undefined;
}

/** The class of this file a name is declared as (`class C {}`), or undefined. */
export function declaredClass(resolver: Resolver, identifier: TSESTree.Identifier): ClassNode | undefined {
  const def = resolver.variableOf(identifier)?.defs[0];
  return def?.type === 'ClassName' ? (def.node as ClassNode) : undefined;
}

/**
 * The value a name always holds: the initialiser of `const x = value`, or of a `let` that nothing
 * reassigns, declared once and not destructured; undefined for anything else.
 */
export function constantValue(resolver: Resolver, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = resolver.variableOf(identifier);
  const def = singleDefinition(variable);
  if (!variable || def?.type !== 'Variable' || !def.node.init || def.node.id !== def.name || isReassigned(variable))
    return undefined;
  return def.node.init;
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
  const reassigned = isReassigned(variable);
  return { declarator, declaration, variable, name: declarator.id.name, exported, reassigned };
}
