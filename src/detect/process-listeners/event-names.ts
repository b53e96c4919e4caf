import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, keyName, memberName, staticString, SYNC_CALLBACK_METHODS, unwrap } from '../../analysis/ast.js';
import { constantValue, singleDefinition } from '../../analysis/bindings.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { MAX_FOLLOW_DEPTH } from './shared.js';

/** Events whose handlers stack when registered again: exit hooks, shutdown signals, last-resort error handlers. */
export const STACKING_EVENTS: ReadonlySet<string> = new Set([
  'exit',
  'beforeExit',
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGQUIT',
  'uncaughtException',
  'unhandledRejection',
]);
export const EXIT_EVENTS: ReadonlySet<string> = new Set(['exit', 'beforeExit']);

/** The event names an argument can hold: those in STACKING_EVENTS, and whether it can also be anything. */
export interface EventNames {
  readonly names: readonly string[];
  /** Read from a parameter, an option, or anything else that is not known statically. */
  readonly dynamic: boolean;
}

/**
 * The event names a registration's first argument can hold, followed statically: string literals,
 * never-reassigned variables, members of const object literals, and the elements of arrays iterated over.
 */
export class EventNameResolver {
  constructor(private readonly analysis: FileAnalysis) {}

  eventNames(node: TSESTree.Node): EventNames {
    const values = this.possibleValues(node, 0);
    if (!values) return { names: [], dynamic: true };
    return { names: [...new Set(values.filter((value) => STACKING_EVENTS.has(value)))], dynamic: false };
  }

  /** Every string the expression can hold, or undefined when that is not known statically. */
  private possibleValues(expression: TSESTree.Node, depth: number): string[] | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const node = unwrap(expression);
    const text = staticString(node);
    if (text !== undefined) return [text];
    switch (node.type) {
      case AST_NODE_TYPES.ConditionalExpression: {
        const a = this.possibleValues(node.consequent, depth + 1);
        const b = this.possibleValues(node.alternate, depth + 1);
        return a && b ? [...a, ...b] : undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierValues(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        // SIGNALS.TERM, where SIGNALS is a const object literal
        const name = memberName(node);
        const object = this.constInit(node.object);
        if (name === undefined || object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        const property = object.properties.find(
          (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && keyName(p) === name,
        );
        return property ? this.possibleValues(property.value, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  private identifierValues(node: TSESTree.Identifier, depth: number): string[] | undefined {
    const def = singleDefinition(this.analysis.resolver.variableOf(node));
    if (!def) return undefined;
    if (def.type === 'Parameter') {
      // ['SIGINT', 'SIGTERM'].forEach((signal) => ...)
      const fn = def.node;
      const call = fn.parent;
      if (
        isFunction(fn) &&
        fn.params[0] === def.name &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === fn &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        SYNC_CALLBACK_METHODS.has(memberName(call.callee) ?? '')
      ) {
        return this.elementValues(call.callee.object, depth + 1);
      }
      return undefined;
    }
    if (def.type !== 'Variable' || def.name !== def.node.id) return undefined;
    // for (const signal of ['SIGINT', 'SIGTERM'])
    const loop = def.node.parent?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent)
      return this.elementValues(loop.right, depth + 1);
    const value = constantValue(this.analysis.resolver, node);
    return value ? this.possibleValues(value, depth + 1) : undefined;
  }

  private elementValues(array: TSESTree.Node, depth: number): string[] | undefined {
    const node = unwrap(array).type === AST_NODE_TYPES.ArrayExpression ? unwrap(array) : this.constInit(array);
    if (node?.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
    const values: string[] = [];
    for (const element of node.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const more = this.possibleValues(element, depth + 1);
      if (!more) return undefined;
      values.push(...more);
    }
    return values;
  }

  /** The initialiser of a never-reassigned variable the expression names, unwrapped (`as const`). */
  private constInit(expression: TSESTree.Node): TSESTree.Node | undefined {
    const node = unwrap(expression);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const value = constantValue(this.analysis.resolver, node);
    return value && unwrap(value);
  }
}
