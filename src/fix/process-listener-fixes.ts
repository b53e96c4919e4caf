import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  enclosingClass,
  isFunction,
  isStatementExpression,
  keyName,
  memberName,
  unwrap,
  within,
  type FunctionNode,
} from '../analysis/ast.js';
import { isReassigned, singleDefinition } from '../analysis/bindings.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { someNode, walk } from '../analysis/subtree-walk.js';
import { EXIT_EVENTS, type Registration } from '../detect/process-listeners/index.js';
import { isTypeScriptFile, withImport } from './edits.js';
import type { FreeNames } from './free-names.js';
import { dedent, lineIndent, reindent } from './indent.js';
import { insertAtPrologueEnd } from './insertion-point.js';
import type { RuntimeBinding } from './runtime-import.js';

/**
 * The edits for a repeated process listener:
 * - onExit(): `process.on('exit', handler)` becomes `onExit(handler)` (`{ event: 'beforeExit' }` for
 *   beforeExit). onExit() adds the same function only once, so this stops the stacking only when the
 *   handler is the same function every time: a module-level function, a module-level `const` or import,
 *   or a per-instance arrow field / bound method used from that instance. An inline closure is a new
 *   function on every call; one that reads only module-level names is moved to a module-level function
 *   first. It is a fix when onExit() calls the handler exactly as Node did; otherwise a suggestion.
 * - a guard: the registration is wrapped in a module-level flag (or, for an event that varies, a
 *   module-level Set of the events already hooked). The first run behaves exactly as before; every
 *   later run, from any instance, adds nothing. Always a suggestion.
 */

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

export interface OnExitRewrite {
  /** onExit() calls the handler as Node did: a fix. Otherwise a suggestion, with a note saying what differs. */
  readonly safe: boolean;
  readonly note: string;
  /** The module-level function an inline handler is moved to, if it is. */
  readonly hoisted: string | undefined;
  readonly fix: Fix;
}

export interface GuardRewrite {
  readonly flag: string;
  readonly fix: Fix;
}

export function onExitRewrite(
  registration: Registration,
  analysis: FileAnalysis,
  binding: RuntimeBinding,
  names: FreeNames,
): OnExitRewrite | undefined {
  const { node, method, handler, events } = registration;
  const event = events.names[0];
  if (events.dynamic || events.names.length !== 1 || event === undefined || !EXIT_EVENTS.has(event)) return undefined;
  const sourceCode = analysis.sourceCode;
  // The call's value (process) must not be used, and no comment outside the handler may be lost.
  if (!isStatementExpression(node) || node.arguments.length !== 2) return undefined;
  if (sourceCode.getCommentsInside(node).some((comment) => !within(comment, handler))) return undefined;

  const notes: string[] = [];
  if (method.startsWith('prepend'))
    notes.push('it then runs with the other onExit() handlers, no longer before every other listener');
  if (event === 'beforeExit' && !/once/i.test(method))
    notes.push('it then runs once per process, no longer each time the event loop empties');
  const options = event === 'beforeExit' ? ", { event: 'beforeExit' }" : '';
  const call = (argument: string) => `${binding.name}(${argument}${options})`;

  const target = unwrap(handler);
  // `() => flush()`: onExit(flush) calls the same function the same way, without a wrapper to hoist.
  const forwarded = forwardedFunction(target, analysis);
  if (forwarded) {
    return {
      safe: notes.length === 0,
      note: noteText(notes),
      hoisted: undefined,
      fix: (fixer) => withImport(binding, fixer, [fixer.replaceText(node, call(forwarded))]),
    };
  }
  if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) {
    const hoist = hoisting(target, registration, analysis, names);
    if (!hoist) return undefined;
    return {
      safe: notes.length === 0,
      note: noteText(notes),
      hoisted: hoist.name,
      // Where the import is added at the same place (a file without imports), a blank line follows it.
      fix: (fixer) =>
        withImport(binding, fixer, [
          fixer.insertTextBeforeRange(
            [hoist.at, hoist.at],
            `${binding.insert && hoist.at === sourceCode.ast.body[0]?.range[0] ? '\n' : ''}${hoist.text}`,
          ),
          fixer.replaceText(node, call(hoist.name)),
        ]),
    };
  }
  const stable =
    target.type === AST_NODE_TYPES.Identifier
      ? moduleFunction(target, analysis)
      : target.type === AST_NODE_TYPES.MemberExpression
        ? instanceFunction(target, node, analysis)
        : undefined;
  if (!stable) return undefined;
  const name = sourceCode.getText(handler);
  if (!stable.fn) notes.push(`onExit() calls ${name} with no arguments`);
  // A handler that reads the exit code or its `this` would run differently under onExit(): no edit
  // (the guard suggestion keeps the call as it is).
  else if (!callsAlike(stable.fn, stable.bound, sourceCode)) return undefined;
  return {
    safe: notes.length === 0,
    note: noteText(notes),
    hoisted: undefined,
    fix: (fixer) => withImport(binding, fixer, [fixer.replaceText(node, call(name))]),
  };
}

/**
 * `() => flush()` (or `() => { flush(); }`) where flush is a module-level function, const or import that
 * nothing reassigns: its name. The wrapper passes no arguments and no `this`, as onExit() does. Not a
 * global the file does not declare: the wrapper looks that up at each call.
 */
function forwardedFunction(handler: TSESTree.Node, analysis: FileAnalysis): string | undefined {
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression || handler.params.length > 0 || handler.async)
    return undefined;
  const body = handler.body;
  const only =
    body.type === AST_NODE_TYPES.BlockStatement
      ? body.body.length === 1 && body.body[0]!.type === AST_NODE_TYPES.ExpressionStatement
        ? body.body[0]!.expression
        : undefined
      : body;
  if (
    only?.type !== AST_NODE_TYPES.CallExpression ||
    only.arguments.length > 0 ||
    only.optional ||
    only.callee.type !== AST_NODE_TYPES.Identifier ||
    analysis.sourceCode.getCommentsInside(handler).length > 0
  )
    return undefined;
  const variable = analysis.resolver.variableOf(only.callee);
  if (!variable || !moduleFunction(only.callee, analysis)) return undefined;
  // onExit(flush) reads flush when it registers: a const declared later could still be uninitialised.
  const def = singleDefinition(variable);
  if (!def || (def.type === 'Variable' && def.node.range[1] > handler.range[0])) return undefined;
  return only.callee.name;
}

function noteText(notes: readonly string[]): string {
  return notes.length === 0 ? '' : `; ${notes.join('; ')}`;
}

/** The handler is always the same function: a function, const or import at module level that nothing reassigns. */
function moduleFunction(
  identifier: TSESTree.Identifier,
  analysis: FileAnalysis,
): { fn: FunctionNode | undefined; bound: boolean } | undefined {
  const variable = analysis.resolver.variableOf(identifier);
  if (!variable) return { fn: undefined, bound: false }; // a global the file does not declare
  const def = singleDefinition(variable);
  if (!def || variable.scope.block.type !== AST_NODE_TYPES.Program) return undefined;
  if (isReassigned(variable)) return undefined;
  if (def.type === 'FunctionName') return { fn: def.node as FunctionNode, bound: false };
  if (def.type === 'ImportBinding') return { fn: undefined, bound: false };
  if (def.type !== 'Variable' || def.node.id !== def.name) return undefined;
  const init = def.node.init ? unwrap(def.node.init) : undefined;
  return { fn: isFunction(init) ? init : undefined, bound: false };
}

/**
 * `this.flush` used from the instance's own method, where flush is the same function per instance: an
 * arrow field (`flush = () => ...`) or a method bound in the constructor (`this.flush = this.flush.bind(this)`),
 * and nothing else assigns it.
 */
function instanceFunction(
  member: TSESTree.MemberExpression,
  registration: TSESTree.Node,
  analysis: FileAnalysis,
): { fn: FunctionNode; bound: boolean } | undefined {
  if (member.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = memberName(member);
  // `this` is the instance: the nearest function that has its own `this` is an instance method.
  let owner: TSESTree.Node | undefined = registration.parent;
  while (
    owner &&
    !(owner.type === AST_NODE_TYPES.FunctionExpression || owner.type === AST_NODE_TYPES.FunctionDeclaration)
  )
    owner = owner.parent;
  const method = owner?.parent;
  if (name === undefined || method?.type !== AST_NODE_TYPES.MethodDefinition || method.static) return undefined;
  const body = method.parent;
  if (body?.type !== AST_NODE_TYPES.ClassBody) return undefined;

  let found: { fn: FunctionNode; bound: boolean } | undefined;
  for (const element of body.body) {
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      !element.static &&
      keyName(element) === name &&
      element.value?.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      found = { fn: element.value, bound: true };
    }
  }
  const constructor = body.body.find(
    (element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor',
  );
  const key = `this.${name}`;
  const text = (node: TSESTree.Node) => analysis.sourceCode.getText(node).replace(/\s+/g, '');
  let reassigned = false;
  walk(body, analysis.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || text(node.left) !== key) return;
    const inConstructor = constructor !== undefined && within(node, constructor);
    const bind = unwrap(node.right);
    // this.flush = this.flush.bind(this), in the constructor
    if (
      inConstructor &&
      bind.type === AST_NODE_TYPES.CallExpression &&
      bind.callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(bind.callee) === 'bind' &&
      text(bind.callee.object) === key &&
      bind.arguments.length === 1 &&
      bind.arguments[0]?.type === AST_NODE_TYPES.ThisExpression
    ) {
      const bound = body.body.find(
        (element): element is TSESTree.MethodDefinition =>
          element.type === AST_NODE_TYPES.MethodDefinition &&
          element.kind === 'method' &&
          !element.static &&
          keyName(element) === name,
      );
      if (bound?.value.type === AST_NODE_TYPES.FunctionExpression) found = { fn: bound.value, bound: true };
      else reassigned = true;
      return;
    }
    reassigned = true;
  });
  return reassigned ? undefined : found;
}

/** onExit() calls `fn()` with no arguments and no `this`: the same as Node when fn takes none and reads neither. */
function callsAlike(fn: FunctionNode, bound: boolean, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (fn.params.length > 0) return false;
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return true;
  return !readsOwnContext(fn, sourceCode.visitorKeys, bound);
}

/** Whether a function reads its own `arguments` (or `this`, unless bound), through nested arrows but not nested functions. */
function readsOwnContext(
  fn: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode['visitorKeys'],
  thisIsBound = false,
): boolean {
  let found = false;
  walk(fn, visitorKeys, (node) => {
    if (found) return false;
    if (
      node !== fn &&
      (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)
    )
      return false;
    if ((node.type === AST_NODE_TYPES.ThisExpression && !thisIsBound) || node.type === AST_NODE_TYPES.Super)
      found = true;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments' && !isPropertyName(node)) found = true;
    return !found;
  });
  return found;
}

/** `this.flush` where flush is a method of the class that nothing binds, shadows or reassigns. */
function isPrototypeMethod(member: TSESTree.MemberExpression, analysis: FileAnalysis): boolean {
  const name = memberName(member);
  const owner = enclosingClass(member);
  if (member.object.type !== AST_NODE_TYPES.ThisExpression || name === undefined || !owner) return false;
  const members = owner.body.body.filter(
    (element) =>
      (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
      keyName(element) === name,
  );
  if (
    members.length !== 1 ||
    members[0]!.type !== AST_NODE_TYPES.MethodDefinition ||
    members[0]!.kind !== 'method' ||
    members[0]!.static
  )
    return false;
  let assigned = false;
  walk(owner, analysis.sourceCode.visitorKeys, (node) => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.object.type === AST_NODE_TYPES.ThisExpression &&
      memberName(node.left) === name
    )
      assigned = true;
    return !assigned;
  });
  return !assigned;
}

/** The handler expression reads the enclosing `this` (a `function` handler's own `this` is process). */
function reachesThis(handler: TSESTree.Node, visitorKeys: TSESLint.SourceCode['visitorKeys']): boolean {
  const target = unwrap(handler);
  if (target.type === AST_NODE_TYPES.FunctionExpression) return false;
  let found = false;
  walk(target, visitorKeys, (node) => {
    if (found || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)
      return false;
    if (node.type === AST_NODE_TYPES.ThisExpression) found = true;
    return !found;
  });
  return found;
}

function isPropertyName(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
    (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && parent.value !== node)
  );
}

/**
 * Moves an inline handler to a module-level function declaration (hoisted, so it exists wherever the
 * registration runs), when that changes nothing: it takes no parameters, reads no `this`, `super`,
 * `arguments` or private `#names`, and every name it reads is declared at module level or global.
 */
function hoisting(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
  registration: Registration,
  analysis: FileAnalysis,
  names: FreeNames,
): { name: string; text: string; at: number } | undefined {
  const sourceCode = analysis.sourceCode;
  if (fn.params.length > 0 || fn.generator || fn.typeParameters || readsOwnContext(fn, sourceCode.visitorKeys))
    return undefined;
  if (someNode(fn, sourceCode.visitorKeys, (node) => node.type === AST_NODE_TYPES.PrivateIdentifier)) return undefined;
  const scope = sourceCode.scopeManager?.acquire(fn);
  if (!scope) return undefined;
  const local = scope.through.some(
    (reference) => reference.resolved && reference.resolved.scope.block.type !== AST_NODE_TYPES.Program,
  );
  if (local) return undefined;
  // A named function expression that calls itself would lose its name.
  if (fn.id && scope.set.get(fn.id.name)?.references.length) return undefined;

  const event = registration.events.names[0]!;
  const name = names.take(event === 'beforeExit' ? 'onProcessBeforeExit' : 'onProcessExit');
  const indent = lineIndent(sourceCode, fn);
  let body: string;
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    body = dedent(sourceCode, fn.body, indent);
  } else {
    // An exit listener's value is ignored; a beforeExit handler's promise is awaited for its errors.
    const expression = reindent(sourceCode, fn.body, '  ', indent);
    body = `{\n  ${event === 'beforeExit' ? 'return ' : ''}${expression};\n}`;
  }
  const returnType = fn.returnType ? sourceCode.getText(fn.returnType) : declaredReturnType(fn, event, analysis);
  const text = `${fn.async ? 'async ' : ''}function ${name}()${returnType} ${body}\n\n`;
  return { name, text, at: hoistPosition(sourceCode, registration.node) };
}

/**
 * In TypeScript, the return type a hoisted handler declares when the arrow had none: `: void` (or
 * `: Promise<void>`) when it returns no value, as a reviewer writes a module-level function. A
 * handler that returns a value (a beforeExit handler's promise) is left to inference.
 */
function declaredReturnType(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
  event: string,
  analysis: FileAnalysis,
): string {
  if (!isTypeScriptFile(analysis.filename)) return '';
  let returnsValue = fn.body.type !== AST_NODE_TYPES.BlockStatement && event === 'beforeExit';
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    walk(fn.body, analysis.sourceCode.visitorKeys, (node) => {
      if (returnsValue || isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null) returnsValue = true;
      return !returnsValue;
    });
  }
  if (returnsValue) return '';
  return fn.async ? ': Promise<void>' : ': void';
}

/** Before the top-level statement holding the registration, and before the comments attached to it. */
function hoistPosition(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number {
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.Program) statement = statement.parent;
  if (statement === sourceCode.ast.body[0]) return statement.range[0];
  let start = statement.range[0];
  let line = statement.loc.start.line;
  const comments = sourceCode.getCommentsBefore(statement);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.loc.end.line < line - 1) break;
    start = comment.range[0];
    line = comment.loc.start.line;
  }
  return start;
}

/**
 * Wraps the registration in a module-level guard: `if (!sigtermListenerAdded) { sigtermListenerAdded =
 * true; process.on('SIGTERM', h); }`, or for an event that varies (a loop variable, a parameter),
 * `if (!signalListenersAdded.has(signal)) { signalListenersAdded.add(signal); ... }`. The flag is
 * declared after the imports, before any code runs.
 */
export function guardRewrite(
  registration: Registration,
  analysis: FileAnalysis,
  names: FreeNames,
): GuardRewrite | undefined {
  const { node, events } = registration;
  const sourceCode = analysis.sourceCode;
  const statement = isStatementExpression(node) ? node.parent : undefined;
  const arrow =
    node.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && node.parent.body === node ? node.parent : undefined;
  // `signals.forEach((signal) => process.on(signal, stop))`: the arrow's value is not used.
  const conciseForEach =
    arrow !== undefined &&
    sourceCode.getTokenBefore(node)?.value === '=>' &&
    arrow.parent?.type === AST_NODE_TYPES.CallExpression &&
    arrow.parent.arguments[0] === arrow &&
    arrow.parent.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(arrow.parent.callee) === 'forEach';
  if (!statement && !conciseForEach) return undefined;
  // A handler that reaches an instance through `this` (`() => this.stop()`, `this.stop`) would be tied
  // to the first instance: a second instance's handler would never be added. No guard. An unbound
  // prototype method (`this.flush`) is the same function for every instance, called with process as this.
  const target = unwrap(registration.handler);
  const prototypeMethod = target.type === AST_NODE_TYPES.MemberExpression && isPrototypeMethod(target, analysis);
  if (!prototypeMethod && reachesThis(target, sourceCode.visitorKeys)) return undefined;

  const keyed = events.dynamic || events.names.length !== 1;
  const event = unwrap(registration.event);
  if (keyed && !isPlainReference(event)) return undefined;
  const base = keyed
    ? `${lowerCamel(lastName(event) ?? 'event')}ListenersAdded`
    : `${lowerCamel(events.names[0]!)}ListenerAdded`;
  const flag = names.take(base);
  const eventText = sourceCode.getText(registration.event);
  const test = keyed ? `!${flag}.has(${eventText})` : `!${flag}`;
  const mark = keyed ? `${flag}.add(${eventText});` : `${flag} = true;`;
  const declaration = keyed ? `const ${flag} = new Set();` : `let ${flag} = false;`;
  const declare = (fixer: TSESLint.RuleFixer) =>
    insertAtPrologueEnd(fixer, sourceCode.ast, declaration, { importEquals: true, blankLine: true });

  if (statement) {
    const indent = lineIndent(sourceCode, statement);
    const guarded = `if (${test}) {\n${indent}  ${mark}\n${indent}  ${reindent(sourceCode, statement, '  ')}\n${indent}}`;
    return { flag, fix: (fixer) => [declare(fixer), fixer.replaceText(statement, guarded)] };
  }
  const indent = lineIndent(sourceCode, arrow!);
  const block = `{\n${indent}  if (${test}) {\n${indent}    ${mark}\n${indent}    ${reindent(sourceCode, node, '    ')};\n${indent}  }\n${indent}}`;
  return { flag, fix: (fixer) => [declare(fixer), fixer.replaceText(node, block)] };
}

/** An expression that reads the same value twice without side effects: `signal`, `options.signal`, `this.signal`. */
function isPlainReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    !node.optional &&
    (node.object.type === AST_NODE_TYPES.ThisExpression || isPlainReference(node.object))
  );
}

function lastName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression)
    return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? node.property.name : memberName(node);
  return undefined;
}

/** `SIGTERM` → `sigterm`, `uncaughtException` stays, `Signal` → `signal`. */
function lowerCamel(name: string): string {
  return name === name.toUpperCase() ? name.toLowerCase() : `${name[0]!.toLowerCase()}${name.slice(1)}`;
}
