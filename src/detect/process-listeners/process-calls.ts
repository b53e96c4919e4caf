import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { ADD_LISTENER_METHODS, memberName, unwrap } from '../../analysis/ast.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { isGlobal, isModuleMember } from '../../analysis/resolve.js';
import type { EventNames } from './event-names.js';

/** The calls on the real global `process` that add, remove or count its listeners. */

/** The global, and the module (`node:process`), whose listeners the rule looks at. */
export const PROCESS_MODULE = 'process';

export const REMOVE_METHODS = new Set(['off', 'removeListener', 'removeAllListeners']);
export const COUNT_METHODS = new Set(['listenerCount', 'listeners', 'rawListeners']);

/** A `process.on(...)`-like call for a stacking event, or for an event that cannot be known statically. */
export interface Registration {
  readonly node: TSESTree.CallExpression;
  readonly method: string;
  readonly event: TSESTree.Expression;
  readonly handler: TSESTree.Expression;
  readonly events: EventNames;
}

/** Recognises calls on the global `process` (or `node:process`), through the file's resolver. */
export class ProcessCalls {
  constructor(private readonly analysis: FileAnalysis) {}

  /** `process.<method>(...)` on the real global process (or node:process), with one of `methods`. */
  processCall(node: TSESTree.CallExpression, methods: ReadonlySet<string>): string | undefined {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    return method !== undefined && methods.has(method) && this.isProcess(callee.object) ? method : undefined;
  }

  private isProcess(node: TSESTree.Node): boolean {
    const object = unwrap(node);
    // process.on('SIGINT', a).on('SIGTERM', b): on() returns process.
    if (object.type === AST_NODE_TYPES.CallExpression)
      return this.processCall(object, ADD_LISTENER_METHODS) !== undefined;
    const resolved = this.analysis.resolver.resolve(object);
    return isGlobal(resolved, PROCESS_MODULE) || isModuleMember(resolved, PROCESS_MODULE, []);
  }
}
