import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { ADD_LISTENER_METHODS } from '../../analysis/ast.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { EventNameResolver, type EventNames } from './event-names.js';
import { OnceGuards } from './once-guards.js';
import { ProcessCalls, REMOVE_METHODS, type Registration } from './process-calls.js';
import { Removals } from './removals.js';
import { RunsAgain } from './runs-again.js';

/**
 * Listeners on the global `process` for events where a second registration stacks a second handler:
 * which calls register one, what event names they can register, whether the registration can run more
 * than once per process, and whether something stops it stacking (a guard, or a removal).
 *
 * ProcessListeners is the entry point the rule uses; the parts, one concern each:
 * - process-calls.ts: which calls add, remove or count listeners on the real `process`;
 * - event-names.ts: which stacking events an event argument can name;
 * - removals.ts: whether the file removes a listener it registers;
 * - runs-again.ts: whether the registration can run more than once per process;
 * - once-guards.ts: whether a once-guard (a listener count, a flag) stops it stacking when it does.
 */

export { EXIT_EVENTS, STACKING_EVENTS, type EventNames } from './event-names.js';
export type { Registration } from './process-calls.js';

export class ProcessListeners {
  private readonly calls: ProcessCalls;
  private readonly events: EventNameResolver;
  private readonly removals: Removals;
  private readonly runsAgain: RunsAgain;

  constructor(analysis: FileAnalysis) {
    this.calls = new ProcessCalls(analysis);
    this.events = new EventNameResolver(analysis);
    this.removals = new Removals(analysis, this.events);
    this.runsAgain = new RunsAgain(analysis, new OnceGuards(analysis, this.calls));
  }

  /**
   * Looks at one call: returns it when it registers a listener for a stacking event (or an event that
   * cannot be known statically); remembers it when it removes listeners.
   */
  visit(node: TSESTree.CallExpression): Registration | undefined {
    if (node.callee.type !== AST_NODE_TYPES.MemberExpression && node.callee.type !== AST_NODE_TYPES.ChainExpression)
      return undefined;
    const [event, handler] = node.arguments;
    const method = this.calls.processCall(node, ADD_LISTENER_METHODS);
    if (method) {
      if (
        !event ||
        !handler ||
        event.type === AST_NODE_TYPES.SpreadElement ||
        handler.type === AST_NODE_TYPES.SpreadElement
      )
        return undefined;
      const events = this.eventNames(event);
      return events.names.length > 0 || events.dynamic ? { node, method, event, handler, events } : undefined;
    }
    const removing = this.calls.processCall(node, REMOVE_METHODS);
    if (removing) {
      const valid = (arg: TSESTree.CallExpressionArgument | undefined) =>
        arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined;
      this.removals.add({ node, method: removing, event: valid(event), handler: valid(handler) });
    }
    return undefined;
  }

  /** The stacking event names an event argument can hold (event-names.ts). */
  eventNames(node: TSESTree.Node): EventNames {
    return this.events.eventNames(node);
  }

  /** Whether the file removes this listener again (removals.ts). */
  isRemoved(registration: Registration): boolean {
    return this.removals.isRemoved(registration);
  }

  /** Where the registration can run more than once per process, for the message; undefined when it runs at most once (runs-again.ts). */
  repeatedIn(node: TSESTree.Node, depth = 0): string | undefined {
    return this.runsAgain.repeatedIn(node, depth);
  }
}
