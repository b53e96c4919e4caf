import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunction, unwrap } from '../../analysis/ast.js';
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

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly events: EventNameResolver,
  ) {}

  add(removal: Removal): void {
    this.removals.push(removal);
  }

  /** Whether the file removes this listener: `process.off|removeListener(event, <same handler>)`, or removeAllListeners. */
  isRemoved(registration: Registration): boolean {
    const handler = unwrap(registration.handler);
    const inline = isFunction(handler);
    const handlerKey = expressionKey(this.sourceCode, handler);
    const ownClass = handlerKey.startsWith('this.') ? enclosingClass(registration.node) : undefined;
    return this.removals.some((removal) => {
      if (!this.sameEvent(registration, removal.event)) return false;
      if (removal.method === 'removeAllListeners') return true;
      if (inline || !removal.handler || expressionKey(this.sourceCode, removal.handler) !== handlerKey) return false;
      return !ownClass || enclosingClass(removal.node) === ownClass;
    });
  }

  private sameEvent(registration: Registration, event: TSESTree.Expression | undefined): boolean {
    if (!event) return true;
    const removed = this.events.eventNames(event);
    if (removed.dynamic || registration.events.dynamic) return true;
    return removed.names.some((name) => registration.events.names.includes(name));
  }
}
