import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, unwrap, type ClassNode, type FunctionNode } from './ast.js';
import { constantValue, isReassigned, singleDefinition } from './bindings.js';
import type { FileAnalysis } from './file-analysis.js';

/** A class or function declaration, with the analysis of the file it is written in. */
export interface Declaration {
  readonly analysis: FileAnalysis;
  readonly node: ClassNode | FunctionNode;
}

const isClass = (node: TSESTree.Node): node is ClassNode =>
  node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;

/**
 * The class or function an expression names, when it is declared in the same file: `C` of
 * `class C {}`, `function C() {}` or `const C = class {}` / `() => {}` (declared once, never
 * reassigned), or a class or function written in place.
 *
 * STAND-IN for issue 14's cross-file lookup (the module graph in src/analysis, which also follows
 * imports): it is swapped for that one at merge, so it is this one function and callers never assume
 * the answer is in their own file; they use the returned `analysis`.
 */
export function declarationOf(analysis: FileAnalysis, expression: TSESTree.Node): Declaration | undefined {
  const node = unwrap(expression);
  if (isClass(node) || isFunction(node)) return { analysis, node };
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = analysis.resolver.variableOf(node);
  const def = singleDefinition(variable);
  if (!variable || !def || isReassigned(variable)) return undefined;
  if (def.type === 'ClassName' && isClass(def.node)) return { analysis, node: def.node };
  if (def.type === 'FunctionName' && isFunction(def.node)) return { analysis, node: def.node };
  const value = def.type === 'Variable' ? constantValue(analysis.resolver, node) : undefined;
  const declared = value && unwrap(value);
  return declared && (isClass(declared) || isFunction(declared)) ? { analysis, node: declared } : undefined;
}
