import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunction, memberName, unwrap, within, type FunctionNode } from '../../analysis/ast.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { enclosingBoundary } from '../../analysis/module-load.js';
import { COUNT_METHODS } from './process-calls.js';
import type { EventNameResolver } from './event-names.js';
import type { Registration } from './process-calls.js';
import { expressionKey } from './shared.js';

/** A `process.off|removeListener|removeAllListeners(...)` call, with what it names (undefined: all). */
export interface Removal {
  readonly node: TSESTree.CallExpression;
  readonly method: string;
  readonly event: TSESTree.Expression | undefined;
  readonly handler: TSESTree.Expression | undefined;
}

/** The calls in a file that remove `process` listeners, and whether one of them undoes a registration. */
export class Removals {
  private readonly removals: Removal[] = [];

  private readonly sourceCode: Readonly<TSESLint.SourceCode>;

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly events: EventNameResolver,
  ) {
    this.sourceCode = analysis.sourceCode;
  }

  add(removal: Removal): void {
    this.removals.push(removal);
  }

  /**
   * Whether the file removes this listener: `process.off|removeListener(event, <same handler>)`, or
   * removeAllListeners; or replaces it: the function that registers first removes the listeners it
   * finds in `process.listeners(event)` (rollbar's addOrReplaceRollbarHandler), so a second run
   * replaces the handler instead of stacking one. A removal that runs only inside the handler itself
   * is not a teardown: until the event fires, the registrations stack.
   */
  isRemoved(registration: Registration): boolean {
    const handler = unwrap(registration.handler);
    const inline = isFunction(handler);
    const handlerKey = expressionKey(this.sourceCode, handler);
    const ownClass = handlerKey.startsWith('this.') ? enclosingClass(registration.node) : undefined;
    const handlerBody = inline ? handler : this.declaredFunction(handler);
    return this.removals.some((removal) => {
      if (!this.sameEvent(registration, removal.event)) return false;
      if (handlerBody && within(removal.node, handlerBody)) return false;
      if (this.replacesBefore(registration, removal)) return true;
      if (removal.method === 'removeAllListeners') return true;
      if (inline || !removal.handler || expressionKey(this.sourceCode, removal.handler) !== handlerKey) return false;
      return !ownClass || enclosingClass(removal.node) === ownClass;
    });
  }

  /** A removal of listeners read from `process.listeners(event)`, earlier in the function that registers. */
  private replacesBefore(registration: Registration, removal: Removal): boolean {
    if (!removal.event || removal.node.range[0] > registration.node.range[0]) return false;
    const boundary = enclosingBoundary(registration.node);
    if (!boundary || enclosingBoundary(removal.node) !== boundary) return false;
    if (removal.method === 'removeAllListeners') return true;
    return removal.handler !== undefined && this.readFromListeners(removal.handler);
  }

  /**
   * `listeners[i]`, `l` where `const l = process.listeners(event)` (or `rawListeners`), or
   * `for (const l of listeners)`: followed through a few names.
   */
  private readFromListeners(handler: TSESTree.Node, depth = 0): boolean {
    if (depth > 4) return false;
    let root = unwrap(handler);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(root.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name !== undefined && COUNT_METHODS.has(name) && name !== 'listenerCount';
    }
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.analysis.resolver.variableOf(root);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
    if (def.node.init) return this.readFromListeners(def.node.init, depth + 1);
    const loop = def.node.parent.parent;
    return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent
      ? this.readFromListeners(loop.right, depth + 1)
      : false;
  }

  /** The function a handler names, when it is a same-file function declaration or `const f = () => ...`. */
  private declaredFunction(handler: TSESTree.Node): FunctionNode | undefined {
    if (handler.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.analysis.resolver.variableOf(handler);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def) return undefined;
    if (isFunction(def.node)) return def.node;
    if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunction(def.node.init))
      return def.node.init;
    return undefined;
  }

  private sameEvent(registration: Registration, event: TSESTree.Expression | undefined): boolean {
    if (!event) return true;
    const removed = this.events.eventNames(event);
    if (removed.dynamic || registration.events.dynamic) return true;
    return removed.names.some((name) => registration.events.names.includes(name));
  }
}
