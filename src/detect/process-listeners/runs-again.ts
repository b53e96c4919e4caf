import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ADD_LISTENER_METHODS,
  classOfMember,
  functionName,
  immediateCall,
  isFunction,
  keyName,
  memberName,
  SYNC_CALLBACK_METHODS,
  unwrap,
  within,
  type ClassNode,
  type FunctionNode,
} from '../../analysis/ast.js';
import { isCommonJsExportTarget, isExportedByName } from '../../analysis/exports.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { enclosingBoundary } from '../../analysis/module-load.js';
import { isGlobal } from '../../analysis/resolve.js';
import { walk } from '../../analysis/subtree-walk.js';
import { shortText } from '../../util/short-text.js';
import type { OnceGuards } from './once-guards.js';
import { MAX_FOLLOW_DEPTH } from './shared.js';

/** Callbacks that run at most once per call of the function they are passed to. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const DEFERRED_ONCE = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick']);
/** The first parameter of a Node-style completion callback: `(err, result) => ...`. */
const ERROR_PARAM = /^(?:err|error|er)$/i;
/** Calls that call their callback again and again, error-first or not. */
const RECURRING = new Set(['setInterval', 'watch', 'watchFile', 'addEventListener', ...ADD_LISTENER_METHODS]);
/** `once(fn)`, `onetime(fn)`, `runOnce(fn, ...)`, `_.once(fn)`, `callOnce(fn)`: the wrapped function runs once. */
const ONCE_WRAPPER = /^(?:once|onetime|runOnce|memoize|memoizeOne|[a-z]\w*Once)$/;

function calleeName(callee: TSESTree.Node): string | undefined {
  const node = unwrap(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  return undefined;
}

/**
 * A Node-style completion callback, `(err, result) => ...`, the last argument of a call: the
 * convention is that it is called once, when the operation completes (`conn.createChannel((err, ch) =>
 * ...)`, `fs.readFile(path, (err, data) => ...)`).
 */
function isCompletionCallback(node: TSESTree.Node): boolean {
  if (!isFunction(node) || node.params.length === 0) return false;
  const [first] = node.params;
  return first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAM.test(first.name);
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

/** Whether code can run more than once per process: following functions out to their callers, classes to their instances. */
export class RunsAgain {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly classMembers = new Map<
    ClassNode,
    Map<string, { calls: TSESTree.CallExpression[]; otherUse: boolean }>
  >();

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly onceGuards: OnceGuards,
  ) {
    this.sourceCode = analysis.sourceCode;
  }

  /**
   * Where the registration can run more than once per process, described for the message (`start()`,
   * `the constructor of Telemetry`), or undefined when it runs at most once: at the top level, in
   * code that only runs once at load, behind a guard, or in a once-wrapper.
   */
  repeatedIn(node: TSESTree.Node, depth = 0): string | undefined {
    if (depth > MAX_FOLLOW_DEPTH) return undefined;
    const boundary = enclosingBoundary(node);
    if (!boundary || this.onceGuards.isGuarded(node, boundary)) return undefined;
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
    if (
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      (parent.arguments as readonly TSESTree.Node[]).includes(fn)
    ) {
      const index = (parent.arguments as readonly TSESTree.Node[]).indexOf(fn);
      const name = calleeName(parent.callee);
      if (index === 0 && parent.type === AST_NODE_TYPES.CallExpression && name !== undefined && ONCE_WRAPPER.test(name))
        return undefined;
      if (this.runsOncePerCall(parent, name, index)) return this.repeatedIn(parent, depth + 1);
      return `a callback passed to ${shortText(this.sourceCode.getText(parent.callee), 30)}()`;
    }
    if (fn.generator) return 'a generator';
    if (parent?.type === AST_NODE_TYPES.MethodDefinition) return this.methodRepeatedIn(parent, depth);
    if (
      (parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) &&
      parent.value === fn
    ) {
      return `${keyName(parent) ?? 'a method'}()`;
    }
    const name = functionName(fn);
    if (name) return this.namedFunctionRepeatedIn(fn, name, depth);
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'the default export';
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && isCommonJsExportTarget(parent.left))
      return 'an exported function';
    return 'a function';
  }

  /** A callback that runs at most once each time the call it is passed to runs. */
  private runsOncePerCall(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    name: string | undefined,
    index: number,
  ): boolean {
    if (call.type === AST_NODE_TYPES.NewExpression)
      return index === 0 && isGlobal(this.analysis.resolver.resolve(call.callee), 'Promise');
    const member = unwrap(call.callee).type === AST_NODE_TYPES.MemberExpression;
    if (name === undefined) return false;
    if (member && (SYNC_CALLBACK_METHODS.has(name) || PROMISE_METHODS.has(name))) return true;
    if (member && (name === 'once' || name === 'listen') && index === call.arguments.length - 1 && index > 0)
      return true;
    if (DEFERRED_ONCE.has(name) && index === 0) return true;
    return index === call.arguments.length - 1 && !RECURRING.has(name) && isCompletionCallback(call.arguments[index]!);
  }

  private methodRepeatedIn(method: TSESTree.MethodDefinition, depth: number): string | undefined {
    const owner = classOfMember(method);
    if (method.kind === 'constructor') return owner && this.constructorRepeatedIn(owner, depth);
    const name = keyName(method) ?? 'a method';
    const where =
      method.kind === 'get' ? `the getter ${name}` : method.kind === 'set' ? `the setter ${name}` : `${name}()`;
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
      const name = memberName(node);
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
  private followCalls(
    where: string,
    self: TSESTree.Node | undefined,
    calls: readonly TSESTree.Node[],
    otherUse: boolean,
    depth: number,
  ): string | undefined {
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
    if (
      declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration
    ) {
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
      else if (!(
        parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.arguments[0] === identifier &&
        ONCE_WRAPPER.test(calleeName(parent.callee) ?? '')
      )) {
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
    const declarator =
      owner.parent?.type === AST_NODE_TYPES.VariableDeclarator && owner.parent.init === owner
        ? owner.parent
        : undefined;
    const name = owner.id?.name ?? (declarator?.id.type === AST_NODE_TYPES.Identifier ? declarator.id.name : undefined);
    const where = name ? `the constructor of ${name}` : 'a class constructor';
    if (owner.parent?.type === AST_NODE_TYPES.NewExpression && owner.parent.callee === owner)
      return this.followCalls(where, undefined, [owner.parent], false, depth);
    const constructor = owner.body.body.find(
      (member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
    );
    // A TypeScript `private constructor` is only called by the class itself, exported or not.
    const closed = constructor?.type === AST_NODE_TYPES.MethodDefinition && constructor.accessibility === 'private';
    const exported = [owner.parent, declarator?.parent?.parent].some(
      (node) =>
        node?.type === AST_NODE_TYPES.ExportNamedDeclaration || node?.type === AST_NODE_TYPES.ExportDefaultDeclaration,
    );
    if (exported && !closed) return where;
    const variables = [
      ...this.analysis.resolver.declaredVariables(owner),
      ...(declarator ? this.analysis.resolver.declaredVariables(declarator) : []),
    ];
    if (variables.length === 0 || (!closed && variables.some((variable) => isExportedByName(variable)))) return where;
    const news: TSESTree.NewExpression[] = [];
    let otherUse = false;
    for (const reference of variables.flatMap((variable) => variable.references)) {
      if (reference.init || !reference.isValueReference) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === identifier) news.push(parent);
      else if (!closed && !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier))
        otherUse = true;
    }
    return this.followCalls(where, constructor, news, otherUse, depth);
  }
}
