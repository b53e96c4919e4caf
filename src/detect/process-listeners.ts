import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classOfMember, exits, functionName, immediateCall, isFunction, SYNC_CALLBACK_METHODS, within, type ClassNode, type FunctionNode } from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { enclosingBoundary } from '../analysis/module-load.js';
import { isGlobal, isModuleMember, memberName, staticString, unwrap } from '../analysis/resolve.js';
import { walk } from '../analysis/subtree-walk.js';
import { isCommonJsExportTarget, isExportedByName } from '../fix/edits.js';

/**
 * Listeners on the global `process` for events where a second registration stacks a second handler:
 * which calls register one, what event names they can register, whether the registration can run more
 * than once per process, and whether something stops it stacking (a guard, or a removal).
 */

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

const ADD_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const REMOVE_METHODS = new Set(['off', 'removeListener', 'removeAllListeners']);
const COUNT_METHODS = new Set(['listenerCount', 'listeners', 'rawListeners']);
/** Callbacks that run at most once per call of the function they are passed to. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const DEFERRED_ONCE = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick']);
/** `once(fn)`, `onetime(fn)`, `runOnce(fn, ...)`, `_.once(fn)`, `callOnce(fn)`: the wrapped function runs once. */
const ONCE_WRAPPER = /^(?:once|onetime|runOnce|memoize|memoizeOne|[a-z]\w*Once)$/;
const LOGICAL_ASSIGNMENT = new Set(['??=', '||=', '&&=']);
/** How far a registration is followed outwards (callbacks, IIFEs, single call sites); each step follows one path. */
const MAX_DEPTH = 16;


/** The event names an argument can hold: those in STACKING_EVENTS, and whether it can also be anything. */
export interface EventNames {
  readonly names: readonly string[];
  /** Read from a parameter, an option, or anything else that is not known statically. */
  readonly dynamic: boolean;
}

export interface Registration {
  readonly node: TSESTree.CallExpression;
  readonly method: string;
  readonly event: TSESTree.Expression;
  readonly handler: TSESTree.Expression;
  readonly events: EventNames;
}

interface Removal {
  readonly node: TSESTree.CallExpression;
  readonly method: string;
  readonly event: TSESTree.Expression | undefined;
  readonly handler: TSESTree.Expression | undefined;
}

/** A write to a flag or a registry, indexed by the written expression's text. */
interface Write {
  readonly node: TSESTree.Node;
  /** false, null, undefined, 0, '', delete, Set#delete, Set#clear: the flag no longer says "done". */
  readonly resets: boolean;
}

function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression) return parent;
  }
  return undefined;
}

/** `start`, `#start`, `[Symbol.dispose]` → undefined. */
export function keyName(node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.Property | TSESTree.AccessorProperty): string | undefined {
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.key.name}`;
  if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
  return staticString(node.key);
}

function calleeName(callee: TSESTree.Node): string | undefined {
  const node = unwrap(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  return undefined;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 30 ? `${line.slice(0, 27)}...` : line;
}

function isFalsyLiteral(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return !value.value;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/** Whether `node` sits in the body, test or update of a loop inside its own function. */
function inLoop(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ForStatement:
        if (child !== parent.init) return true;
        break;
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        if (child === parent.body) return true;
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      default:
        break;
    }
  }
  return false;
}

export class ProcessListeners {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly removals: Removal[] = [];
  private writes: Map<string, Write[]> | undefined;
  private readonly classMembers = new Map<ClassNode, Map<string, { calls: TSESTree.CallExpression[]; otherUse: boolean }>>();

  constructor(private readonly analysis: FileAnalysis) {
    this.sourceCode = analysis.sourceCode;
  }

  /** The text an expression is compared by: no whitespace, `?.` as `.`, no TS wrappers. */
  key(node: TSESTree.Node): string {
    return this.sourceCode.getText(unwrap(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
  }

  /** `process.<method>(...)` on the real global process (or node:process), with one of `methods`. */
  private processCall(node: TSESTree.CallExpression, methods: ReadonlySet<string>): string | undefined {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    return method !== undefined && methods.has(method) && this.isProcess(callee.object) ? method : undefined;
  }

  private isProcess(node: TSESTree.Node): boolean {
    const object = unwrap(node);
    // process.on('SIGINT', a).on('SIGTERM', b): on() returns process.
    if (object.type === AST_NODE_TYPES.CallExpression) return this.processCall(object, ADD_METHODS) !== undefined;
    const resolved = this.analysis.resolver.resolve(object);
    return isGlobal(resolved, 'process') || isModuleMember(resolved, 'process', []);
  }

  /**
   * Looks at one call: returns it when it registers a listener for a stacking event (or an event that
   * cannot be known statically); remembers it when it removes listeners.
   */
  visit(node: TSESTree.CallExpression): Registration | undefined {
    if (node.callee.type !== AST_NODE_TYPES.MemberExpression && node.callee.type !== AST_NODE_TYPES.ChainExpression) return undefined;
    const [event, handler] = node.arguments;
    const method = this.processCall(node, ADD_METHODS);
    if (method) {
      if (!event || !handler || event.type === AST_NODE_TYPES.SpreadElement || handler.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const events = this.eventNames(event);
      return events.names.length > 0 || events.dynamic ? { node, method, event, handler, events } : undefined;
    }
    const removing = this.processCall(node, REMOVE_METHODS);
    if (removing) {
      const valid = (arg: TSESTree.CallExpressionArgument | undefined) => (arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined);
      this.removals.push({ node, method: removing, event: valid(event), handler: valid(handler) });
    }
    return undefined;
  }

  // ---- event names ----

  eventNames(node: TSESTree.Node): EventNames {
    const values = this.possibleValues(node, 0);
    if (!values) return { names: [], dynamic: true };
    return { names: [...new Set(values.filter((value) => STACKING_EVENTS.has(value)))], dynamic: false };
  }

  /** Every string the expression can hold, or undefined when that is not known statically. */
  private possibleValues(expression: TSESTree.Node, depth: number): string[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
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
    const variable = this.analysis.resolver.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return undefined;
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
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent) return this.elementValues(loop.right, depth + 1);
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    return def.node.init ? this.possibleValues(def.node.init, depth + 1) : undefined;
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
    const variable = this.analysis.resolver.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Variable' || def.name !== def.node.id || !def.node.init) return undefined;
    if (variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    return unwrap(def.node.init);
  }

  // ---- removal ----

  /** Whether the file removes this listener: `process.off|removeListener(event, <same handler>)`, or removeAllListeners. */
  isRemoved(registration: Registration): boolean {
    const handler = unwrap(registration.handler);
    const inline = isFunction(handler);
    const handlerKey = this.key(handler);
    const ownClass = handlerKey.startsWith('this.') ? enclosingClass(registration.node) : undefined;
    return this.removals.some((removal) => {
      if (!this.sameEvent(registration, removal.event)) return false;
      if (removal.method === 'removeAllListeners') return true;
      if (inline || !removal.handler || this.key(removal.handler) !== handlerKey) return false;
      return !ownClass || enclosingClass(removal.node) === ownClass;
    });
  }

  private sameEvent(registration: Registration, event: TSESTree.Expression | undefined): boolean {
    if (!event) return true;
    const removed = this.eventNames(event);
    if (removed.dynamic || registration.events.dynamic) return true;
    return removed.names.some((name) => registration.events.names.includes(name));
  }

  // ---- can it run again? ----

  /**
   * Where the registration can run more than once per process, described for the message (`start()`,
   * `the constructor of Telemetry`), or undefined when it runs at most once: at the top level, in
   * code that only runs once at load, behind a guard, or in a once-wrapper.
   */
  repeatedIn(node: TSESTree.Node, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const boundary = enclosingBoundary(node);
    if (!boundary || this.guarded(node, boundary)) return undefined;
    switch (boundary.type) {
      case AST_NODE_TYPES.StaticBlock: {
        const owner = classOfMember(boundary);
        return owner && this.repeatedIn(owner, depth + 1);
      }
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty: {
        const owner = classOfMember(boundary);
        if (!owner) return undefined;
        return boundary.static ? this.repeatedIn(owner, depth + 1) : this.constructorRepeatedIn(owner, depth);
      }
      default:
        return this.functionRepeatedIn(boundary, depth);
    }
  }

  private functionRepeatedIn(fn: FunctionNode, depth: number): string | undefined {
    const call = immediateCall(fn);
    if (call) return this.repeatedIn(call, depth + 1);
    const parent = fn.parent;
    if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && (parent.arguments as readonly TSESTree.Node[]).includes(fn)) {
      const index = (parent.arguments as readonly TSESTree.Node[]).indexOf(fn);
      const name = calleeName(parent.callee);
      if (index === 0 && parent.type === AST_NODE_TYPES.CallExpression && name !== undefined && ONCE_WRAPPER.test(name)) return undefined;
      if (this.runsOncePerCall(parent, name, index)) return this.repeatedIn(parent, depth + 1);
      return `a callback passed to ${short(this.sourceCode.getText(parent.callee))}()`;
    }
    if (fn.generator) return 'a generator';
    if (parent?.type === AST_NODE_TYPES.MethodDefinition) return this.methodRepeatedIn(parent, depth);
    if ((parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) && parent.value === fn) {
      return `${keyName(parent) ?? 'a method'}()`;
    }
    const name = functionName(fn);
    if (name) return this.namedFunctionRepeatedIn(fn, name, depth);
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'the default export';
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && isCommonJsExportTarget(parent.left)) return 'an exported function';
    return 'a function';
  }

  /** A callback that runs at most once each time the call it is passed to runs. */
  private runsOncePerCall(call: TSESTree.CallExpression | TSESTree.NewExpression, name: string | undefined, index: number): boolean {
    if (call.type === AST_NODE_TYPES.NewExpression) return index === 0 && isGlobal(this.analysis.resolver.resolve(call.callee), 'Promise');
    const member = unwrap(call.callee).type === AST_NODE_TYPES.MemberExpression;
    if (name === undefined) return false;
    if (member && (SYNC_CALLBACK_METHODS.has(name) || PROMISE_METHODS.has(name))) return true;
    if (member && (name === 'once' || name === 'listen') && index === call.arguments.length - 1 && index > 0) return true;
    return DEFERRED_ONCE.has(name) && index === 0;
  }

  private methodRepeatedIn(method: TSESTree.MethodDefinition, depth: number): string | undefined {
    const owner = classOfMember(method);
    if (method.kind === 'constructor') return owner && this.constructorRepeatedIn(owner, depth);
    const name = keyName(method) ?? 'a method';
    const where = method.kind === 'get' ? `the getter ${name}` : method.kind === 'set' ? `the setter ${name}` : `${name}()`;
    // A private method runs when the class calls it: follow its one call site.
    const isPrivate = method.key.type === AST_NODE_TYPES.PrivateIdentifier || method.accessibility === 'private';
    if (!owner || !isPrivate || method.kind !== 'method') return where;
    const uses = this.thisMembers(owner).get(name) ?? { calls: [], otherUse: false };
    return this.followCalls(where, method, uses.calls, uses.otherUse, depth);
  }

  /** Every `this.x` / `this.#x` in a class body, by name (`#x` for private): the calls of it, and whether it is used otherwise. */
  private thisMembers(owner: ClassNode): Map<string, { calls: TSESTree.CallExpression[]; otherUse: boolean }> {
    let members = this.classMembers.get(owner);
    if (members) return members;
    const found = new Map<string, { calls: TSESTree.CallExpression[]; otherUse: boolean }>();
    walk(owner.body, this.sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
      const property = node.property;
      const name = property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${property.name}` : memberName(node);
      if (name === undefined) return;
      const entry = found.get(name) ?? { calls: [], otherUse: false };
      found.set(name, entry);
      const call = node.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === node) entry.calls.push(call);
      else entry.otherUse = true;
    });
    members = found;
    this.classMembers.set(owner, members);
    return members;
  }

  /** The function (or class) runs once when its single call site does, in no loop and not inside itself (recursion). */
  private followCalls(where: string, self: TSESTree.Node | undefined, calls: readonly TSESTree.Node[], otherUse: boolean, depth: number): string | undefined {
    if (otherUse || calls.length > 1) return where;
    const [call] = calls;
    if (!call) return undefined;
    if (inLoop(call) || (self && within(call, self))) return where;
    const outer = this.repeatedIn(call, depth + 1);
    return outer === undefined ? undefined : `${where}, called from ${outer}`;
  }

  private namedFunctionRepeatedIn(fn: FunctionNode, name: TSESTree.Identifier, depth: number): string | undefined {
    const where = `${name.name}()`;
    const variable = this.analysis.resolver.variableOf(name);
    if (!variable) return where;
    const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.parent;
    if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      return where;
    }
    if (isExportedByName(variable)) return where;
    const calls: TSESTree.CallExpression[] = [];
    let otherUse = false;
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (reference.isWrite()) otherUse = true;
      else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) calls.push(parent);
      else if (!(parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier && ONCE_WRAPPER.test(calleeName(parent.callee) ?? ''))) {
        otherUse = true;
      }
    }
    return this.followCalls(where, fn, calls, otherUse, depth);
  }

  /**
   * A constructor runs once per instance: once per process only for a same-file class that is not
   * exported, not extended or handed on, and instantiated at exactly one place that runs once (a
   * singleton: `export const telemetry = new Telemetry()`, `static instance = new Telemetry()`).
   */
  private constructorRepeatedIn(owner: ClassNode, depth: number): string | undefined {
    const declarator = owner.parent?.type === AST_NODE_TYPES.VariableDeclarator && owner.parent.init === owner ? owner.parent : undefined;
    const name = owner.id?.name ?? (declarator?.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : undefined);
    const where = name ? `the constructor of ${name}` : 'a class constructor';
    if (owner.parent?.type === AST_NODE_TYPES.NewExpression && owner.parent.callee === owner) return this.followCalls(where, undefined, [owner.parent], false, depth);
    const constructor = owner.body.body.find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
    // A TypeScript `private constructor` is only called by the class itself, exported or not.
    const closed = constructor?.type === AST_NODE_TYPES.MethodDefinition && constructor.accessibility === 'private';
    const exported = [owner.parent, declarator?.parent?.parent].some(
      (node) => node?.type === AST_NODE_TYPES.ExportNamedDeclaration || node?.type === AST_NODE_TYPES.ExportDefaultDeclaration,
    );
    if (exported && !closed) return where;
    const variables = [...this.analysis.resolver.declaredVariables(owner), ...(declarator ? this.analysis.resolver.declaredVariables(declarator) : [])];
    if (variables.length === 0 || (!closed && variables.some((variable) => isExportedByName(variable)))) return where;
    const news: TSESTree.NewExpression[] = [];
    let otherUse = false;
    for (const reference of variables.flatMap((variable) => variable.references)) {
      if (reference.init || !reference.isValueReference) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === identifier) news.push(parent);
      else if (!closed && !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier)) otherUse = true;
    }
    return this.followCalls(where, constructor, news, otherUse, depth);
  }

  // ---- guards ----

  /** A guard between the node and its function: an enclosing `if` or an earlier early exit, on a flag the function sets. */
  private guarded(node: TSESTree.Node, boundary: TSESTree.Node): boolean {
    let child: TSESTree.Node = node;
    for (let parent = node.parent; parent && parent !== boundary; child = parent, parent = parent.parent) {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test !== child && this.isGuardTest(parent.test, boundary)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.right === child && this.isGuardTest(parent.left, boundary)) return true;
          break;
        case AST_NODE_TYPES.AssignmentExpression:
          // instance ??= new Client()
          if (parent.right === child && LOGICAL_ASSIGNMENT.has(parent.operator) && this.isPersistent(parent.left, boundary)) return true;
          break;
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.StaticBlock:
        case AST_NODE_TYPES.SwitchCase: {
          const statements = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
          for (const earlier of statements) {
            if (earlier === child) break;
            if (earlier.type === AST_NODE_TYPES.IfStatement && exits(earlier.consequent) && this.isGuardTest(earlier.test, boundary)) return true;
          }
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  /**
   * A test that stops a second registration: it reads `process.listenerCount()` (or `listeners()`), or
   * a flag (a module variable, a field, a `#private` field) or a registry's `.has()` that the same
   * function sets, and that nothing else resets (a `stop()` that clears the flag re-arms the guard).
   */
  private isGuardTest(test: TSESTree.Node, boundary: TSESTree.Node): boolean {
    const flags: { node: TSESTree.Node; registry: boolean }[] = [];
    let counts = false;
    walk(test, this.sourceCode.visitorKeys, (node) => {
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (this.processCall(node, COUNT_METHODS)) counts = true;
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'has') flags.push({ node: callee.object, registry: true });
        return true;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) {
        flags.push({ node, registry: false });
        return false;
      }
      return true;
    });
    if (counts) return true;
    return flags.some(({ node, registry }) => this.isPersistent(node, boundary) && this.setsWithoutReset(node, registry, boundary));
  }

  /** A flag that outlives one call: `this.x`, `this.#x`, `Class.x`, or a variable declared outside the function. */
  private isPersistent(flag: TSESTree.Node, boundary: TSESTree.Node): boolean {
    let root = unwrap(flag);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type === AST_NODE_TYPES.ThisExpression) return true;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.analysis.resolver.variableOf(root);
    if (!variable) return true;
    return !within(variable.scope.block, boundary);
  }

  private setsWithoutReset(flag: TSESTree.Node, registry: boolean, boundary: TSESTree.Node): boolean {
    const writes = this.writesTo(this.key(flag)).filter((write) => registry === (write.node.type === AST_NODE_TYPES.CallExpression));
    if (!writes.some((write) => !write.resets && within(write.node, boundary))) return false;
    const ownClass = this.key(flag).startsWith('this.') ? enclosingClass(boundary) : undefined;
    return !writes.some(
      (write) =>
        write.resets &&
        !within(write.node, boundary) &&
        (!ownClass || enclosingClass(write.node) === ownClass) &&
        !this.inConstructor(write.node),
    );
  }

  private inConstructor(node: TSESTree.Node): boolean {
    const boundary = enclosingBoundary(node);
    return boundary?.parent?.type === AST_NODE_TYPES.MethodDefinition && boundary.parent.kind === 'constructor';
  }

  /** Every assignment, update, delete and registry add/set/delete/clear in the file, by target text; built once. */
  private writesTo(key: string): readonly Write[] {
    if (!this.writes) {
      const writes = new Map<string, Write[]>();
      const add = (target: TSESTree.Node, node: TSESTree.Node, resets: boolean) => {
        const k = this.key(target);
        const list = writes.get(k);
        if (list) list.push({ node, resets });
        else writes.set(k, [{ node, resets }]);
      };
      walk(this.sourceCode.ast, this.sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression) add(node.left, node, node.operator === '=' && isFalsyLiteral(node.right));
        else if (node.type === AST_NODE_TYPES.UpdateExpression) add(node.argument, node, false);
        else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') add(node.argument, node, true);
        else if (node.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrap(node.callee);
          const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
          if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'add' || method === 'set')) add(callee.object, node, false);
          if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'delete' || method === 'clear')) add(callee.object, node, true);
        }
      });
      this.writes = writes;
    }
    return this.writes.get(key) ?? [];
  }
}
