import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, memberName, type ClassNode } from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { isGlobal, isModuleMember } from '../analysis/resolve.js';

/**
 * Whether constructing the class does nothing but set up the instance: every instance field and
 * constructor statement stores a value that is computed without effects (literals, reads, closures,
 * empty collections) on `this`, and the base class is none or Node's EventEmitter. Then creating the
 * instance later (on first use, through `perProcess()`) instead of at load changes nothing but when it
 * happens, and a fix may move it; any other constructor (one that registers, starts, logs or calls out)
 * keeps its place.
 */
export function constructsInertly(node: ClassNode, analysis: FileAnalysis): boolean {
  if (node.superClass && !isEventEmitter(node.superClass, analysis)) return false;
  for (const member of node.body.body) {
    if (member.type === AST_NODE_TYPES.StaticBlock) continue;
    if (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) {
      if (member.computed && !isInert(member.key, analysis)) return false;
      if (!member.static && member.value && !isInert(member.value, analysis)) return false;
      continue;
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      const { params, body } = member.value;
      if (!params.every((param) => inertParam(param, analysis))) return false;
      if (!body || !body.body.every((statement) => inertStatement(statement, analysis))) return false;
    }
  }
  return true;
}

const EMPTY_COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

function isEventEmitter(superClass: TSESTree.Node, analysis: FileAnalysis): boolean {
  const resolved = analysis.resolver.resolve(superClass);
  return (
    isModuleMember(resolved, 'events', ['EventEmitter']) ||
    isModuleMember(resolved, 'events', ['default']) ||
    isModuleMember(resolved, 'events', []) ||
    isModuleMember(resolved, 'events', ['default', 'EventEmitter'])
  );
}

/** `x`, `{ a = 1 } = {}`, `...rest`, `readonly x` (a parameter property): no effect beyond its defaults. */
function inertParam(param: TSESTree.Node, analysis: FileAnalysis): boolean {
  switch (param.type) {
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.AssignmentPattern:
      return inertParam(param.left, analysis) && isInert(param.right, analysis);
    case AST_NODE_TYPES.ObjectPattern:
      return param.properties.every((property) =>
        property.type === AST_NODE_TYPES.RestElement
          ? inertParam(property.argument, analysis)
          : (!property.computed || isInert(property.key, analysis)) && inertParam(property.value, analysis),
      );
    case AST_NODE_TYPES.ArrayPattern:
      return param.elements.every((element) => !element || inertParam(element, analysis));
    case AST_NODE_TYPES.RestElement:
      return inertParam(param.argument, analysis);
    case AST_NODE_TYPES.TSParameterProperty:
      return inertParam(param.parameter, analysis);
    default:
      return false;
  }
}

/** `this.x = value;`, `super(...)` with inert arguments, `const x = value;`. */
function inertStatement(statement: TSESTree.Statement, analysis: FileAnalysis): boolean {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declarations.every(
      (declarator) => inertParam(declarator.id, analysis) && (!declarator.init || isInert(declarator.init, analysis)),
    );
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.Super)
    return expression.arguments.every((argument) => isInert(argument, analysis));
  return (
    expression.type === AST_NODE_TYPES.AssignmentExpression &&
    expression.operator === '=' &&
    expression.left.type === AST_NODE_TYPES.MemberExpression &&
    expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
    (!expression.left.computed || isInert(expression.left.property, analysis)) &&
    isInert(expression.right, analysis)
  );
}

/** A value computed without effects: literals, reads, closures, operators over those, empty collections. */
function isInert(node: TSESTree.Node, analysis: FileAnalysis): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.PrivateIdentifier:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isInert(expression, analysis));
    case AST_NODE_TYPES.MemberExpression:
      return isInert(node.object, analysis) && (!node.computed || isInert(node.property, analysis));
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return isInert(node.expression, analysis);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator !== 'delete' && isInert(node.argument, analysis);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return isInert(node.left, analysis) && isInert(node.right, analysis);
    case AST_NODE_TYPES.ConditionalExpression:
      return isInert(node.test, analysis) && isInert(node.consequent, analysis) && isInert(node.alternate, analysis);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => !element || isInert(element, analysis));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? isInert(property.argument, analysis)
          : (!property.computed || isInert(property.key, analysis)) && isInert(property.value, analysis),
      );
    case AST_NODE_TYPES.SpreadElement:
      return isInert(node.argument, analysis);
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.NewExpression:
      // new Map(), new Set(): an empty collection.
      return (
        node.arguments.length === 0 &&
        node.callee.type === AST_NODE_TYPES.Identifier &&
        EMPTY_COLLECTIONS.has(node.callee.name) &&
        isGlobal(analysis.resolver.resolve(node.callee), node.callee.name)
      );
    case AST_NODE_TYPES.CallExpression: {
      // Object.create(null)
      const callee = node.callee;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(callee) === 'create' &&
        isGlobal(analysis.resolver.resolve(callee.object), 'Object') &&
        node.arguments.length === 1 &&
        node.arguments[0]!.type === AST_NODE_TYPES.Literal &&
        node.arguments[0]!.value === null
      );
    }
    default:
      return isFunction(node);
  }
}
