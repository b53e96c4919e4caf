import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ADD_LISTENER_METHODS, memberName } from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { TextReplacement } from './indent.js';

/**
 * What a statement at load may call on a created resource to set it up (listeners, refs, limits): when
 * the creation moves into a factory, these statements move with it, or a resource created again after
 * a restore would miss them.
 */
export const SETUP_METHODS: ReadonlySet<string> = new Set([
  ...ADD_LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'setMaxListeners',
  'ref',
  'unref',
]);

/** `x.on(...)`, `x.once(a).on(b)`: a statement that only calls `methods` on the value `name`. */
export function callsOnlyOn(statement: TSESTree.Node, name: string, methods: ReadonlySet<string>): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let call = statement.expression;
  while (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (!methods.has(memberName(call.callee) ?? '')) return false;
    const object: TSESTree.Node = call.callee.object;
    if (object.type === AST_NODE_TYPES.Identifier) return object.name === name;
    call = object as TSESTree.Expression;
  }
  return false;
}

/**
 * Every name `statement` uses, at any depth, is there when the code at `before` runs: the moved
 * variable itself, a global, an import, or a module binding declared before `before`.
 */
export function availableBefore(
  statement: TSESTree.Node,
  before: TSESTree.Node,
  moved: TSESLint.Scope.Variable,
  analysis: FileAnalysis,
): boolean {
  const within = (node: TSESTree.Node) => node.range[0] >= statement.range[0] && node.range[1] <= statement.range[1];
  const scopes = analysis.sourceCode.scopeManager?.scopes ?? [];
  return scopes
    .flatMap((scope) => scope.references)
    .filter((reference) => within(reference.identifier))
    .every((reference) => {
      const variable = reference.resolved;
      if (!variable || variable === moved || variable.scope.type === 'global') return true;
      if (within(variable.scope.block)) return true;
      return variable.defs.every((def) => def.type === 'ImportBinding' || def.node.range[1] <= before.range[0]);
    });
}

/**
 * The statements after `declaration` in its block that set up the variable (in order), or undefined
 * when one of them uses a name the factory would not have yet.
 */
export function laterSetup(
  declaration: TSESTree.Node,
  variable: TSESLint.Scope.Variable,
  analysis: FileAnalysis,
  from = 1,
): TSESTree.Node[] | undefined {
  const parent = declaration.parent;
  const siblings =
    parent && 'body' in parent && Array.isArray(parent.body) ? (parent.body as TSESTree.Node[]) : undefined;
  if (!siblings) return [];
  const setup = siblings
    .slice(siblings.indexOf(declaration) + from)
    .filter((statement) => callsOnlyOn(statement, variable.name, SETUP_METHODS));
  return setup.every((statement) => availableBefore(statement, declaration, variable, analysis)) ? setup : undefined;
}

/**
 * The edits that write `name` for `variable` inside `nodes` (the moved declaration and setup): the
 * factory's own variable then has a name of its own and does not shadow the binding that holds the
 * managed handle. A shorthand property keeps its key (`{ worker }` -> `{ worker: created }`).
 */
export function renamedWithin(
  nodes: readonly TSESTree.Node[],
  variable: TSESLint.Scope.Variable,
  name: string,
): TextReplacement[] {
  const within = (node: TSESTree.Node) =>
    nodes.some((outer) => node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1]);
  const identifiers = [...variable.identifiers, ...variable.references.map((reference) => reference.identifier)];
  const seen = new Set<TSESTree.Node>();
  return identifiers
    .filter((identifier) => within(identifier) && !seen.has(identifier) && seen.add(identifier))
    .map((identifier) => {
      const parent = identifier.parent;
      const shorthand = parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier;
      // A declared identifier's range takes in its type annotation: only the name is replaced.
      const range = [identifier.range[0], identifier.range[0] + variable.name.length] as const;
      return { range, text: shorthand ? `${variable.name}: ${name}` : name };
    });
}
