import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ADD_LISTENER_METHODS, isStatementExpression, isWriteTarget, memberName } from '../analysis/ast.js';
import { declaredBinding } from '../analysis/bindings.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { isGlobal, isModuleMember } from '../analysis/resolve.js';
import { chainedMethod, type StartCall } from '../detect/background-work.js';
import {
  isTypeScriptFile,
  removeStatement,
  replaceReference,
  withImport,
  type Rewrite,
  type Withheld,
} from './edits.js';
import { lineIndent, movedText, type TextReplacement } from './indent.js';
import type { RuntimeBinding } from './runtime-import.js';
import { firstFreeName } from './free-names.js';
import { callsOnlyOn, laterSetup, renamedWithin } from './setup-statements.js';

export type { Rewrite, Withheld };

/**
 * `setInterval(fn, ms)` -> `interval(fn, ms, { unref: false })`. The runtime unrefs by default; a plain
 * setInterval keeps the process alive, so the fix keeps that (a process whose only work is this timer
 * must not start exiting); the unref'd form is offered as a suggestion. `.unref()` chains and
 * `id.unref()` statements are absorbed. A stored id's `clearInterval(id)` calls become `id.stop()`.
 */
export interface IntervalRewrite {
  readonly safe: boolean;
  /** The original timer keeps the process alive (no `.unref()` was absorbed). */
  readonly refCounted: boolean;
  /** The edit; `keepRef` adds `{ unref: false }` so the timer keeps the process alive as before. */
  readonly fix: (keepRef: boolean) => (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

export function intervalRewrite(
  call: TSESTree.CallExpression,
  analysis: FileAnalysis,
  binding: RuntimeBinding,
): IntervalRewrite | undefined {
  const { sourceCode, resolver } = analysis;
  if (
    call.arguments.length < 1 ||
    call.arguments.length > 2 ||
    call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)
  )
    return undefined;
  // `clearInterval(timer)` inside the callback is rewritten within the callback's own text (one edit may
  // not overlap another), so the arguments are written with those calls already replaced.
  const inner: TextReplacement[] = [];
  const argumentsText = () => {
    const args = call.arguments.map((argument) => textWith(sourceCode, argument, inner));
    // Node runs setInterval(fn) every millisecond (a missing delay is 1 ms): say so, in a call that type-checks.
    if (args.length === 1) args.push('1');
    return args.join(', ');
  };

  // setInterval(...).unref() is the same as interval(...)
  const chained = chainedMethod(call);
  const unrefChained = chained?.name === 'unref' && chained.call.arguments.length === 0;
  const replaced: TSESTree.Node = unrefChained ? chained.call : call;
  const text = (keepRef: boolean) => `${binding.name}(${argumentsText()}${keepRef ? ', { unref: false }' : ''})`;

  if (isStatementExpression(replaced)) {
    return {
      safe: true,
      refCounted: !unrefChained,
      fix: (keepRef) => (fixer) => withImport(binding, fixer, [fixer.replaceText(replaced, text(keepRef))]),
    };
  }
  const declared = declaredBinding(replaced, analysis);
  if (!declared) return undefined;
  const clears: TSESTree.CallExpression[] = [];
  const unrefs: TSESTree.ExpressionStatement[] = [];
  let other = false;
  for (const reference of declared.variable.references) {
    // A write (`timer = undefined`) reads no handle; a read of it is judged below.
    if (reference.init || reference.isWriteOnly()) continue;
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments.length === 1 &&
      parent.arguments[0] === identifier &&
      (isGlobal(resolver.resolve(parent.callee), 'clearInterval') ||
        isModuleMember(resolver.resolve(parent.callee), 'timers', ['clearInterval']))
    ) {
      clears.push(parent);
      continue;
    }
    const method = chainedMethod(identifier);
    if (method?.name === 'unref' && method.call.arguments.length === 0 && isStatementExpression(method.call)) {
      unrefs.push(method.call.parent);
      continue;
    }
    other = true;
  }
  // The variable would hold the managed task where a Timeout was: no edit when anything reads it as a
  // Timeout (`timer.refresh()`, passed on, exported: a consumer's clearInterval(timer) would silently
  // stop nothing), when `clearInterval(timer)` may meet a reassigned value (`timer.stop()` would throw
  // where clearInterval(undefined) does nothing), or when a reassignment must keep fitting an annotation.
  const annotated = declared.declarator.id.typeAnnotation !== undefined;
  if (other || declared.exported || (declared.reassigned && (clears.length > 0 || annotated))) return undefined;
  const within = (node: TSESTree.Node) => node.range[0] >= replaced.range[0] && node.range[1] <= replaced.range[1];
  // `timer.unref()` inside the callback would be a statement removed inside the replaced call.
  if (unrefs.some(within)) return undefined;
  for (const clear of clears.filter(within)) inner.push({ range: clear.range, text: `${declared.name}.stop()` });
  return {
    // A type annotation (`const t: NodeJS.Timeout = ...`) would no longer fit the managed handle.
    safe: !declared.reassigned && !annotated,
    refCounted: !unrefChained && unrefs.length === 0,
    fix: (keepRef) => (fixer) =>
      withImport(binding, fixer, [
        fixer.replaceText(replaced, text(keepRef)),
        ...(declared.declarator.id.typeAnnotation ? [fixer.remove(declared.declarator.id.typeAnnotation)] : []),
        ...clears.filter((clear) => !within(clear)).map((clear) => fixer.replaceText(clear, `${declared.name}.stop()`)),
        ...unrefs.map((statement) => removeStatement(fixer, sourceCode, statement)),
      ]),
  };
}

/** A node's text with `replacements` inside it written in. */
function textWith(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  replacements: readonly TextReplacement[],
): string {
  const [start, end] = node.range;
  let text = sourceCode.getText(node);
  for (const { range, text: replacement } of replacements
    .filter(({ range }) => range[0] >= start && range[1] <= end)
    .sort((a, b) => b.range[0] - a.range[0]))
    text = `${text.slice(0, range[0] - start)}${replacement}${text.slice(range[1] - start)}`;
  return text;
}

/** `x.on(...)`, `x.once(...)`: a listener attached to the value directly, as a statement. */
function listenerStatement(statement: TSESTree.Node, name: string): boolean {
  return callsOnlyOn(statement, name, ADD_LISTENER_METHODS);
}

/** A chain of listener calls on the created worker: `spawn(cmd).on('exit', h)`. */
function listenerChainTop(node: TSESTree.Node): TSESTree.Node {
  let top = node;
  for (let method = chainedMethod(top); method && ADD_LISTENER_METHODS.has(method.name); method = chainedMethod(top))
    top = method.call;
  return top;
}

/**
 * A worker or child process created at load -> `startWorker(() => ..., { mainThreadOnly: true })`.
 * Listeners attached right after the creation, and later statements at load that set the same worker up
 * (`.on`, `.unref()`, `.setMaxListeners()` ...), move into the factory, so a restarted worker has them.
 * When the variable is used anywhere else, the rewrite is only a suggestion: it then holds the managed
 * handle, and its other uses go through `.current`.
 */
export function workerRewrite(
  creation: StartCall,
  analysis: FileAnalysis,
  binding: RuntimeBinding,
): Rewrite | Withheld {
  const { sourceCode } = analysis;
  const options = '{ mainThreadOnly: true }';
  const nested = { withheld: 'it is created inside another expression; give it a const of its own' };
  const top = listenerChainTop(creation);
  if (isStatementExpression(top)) {
    return {
      safe: true,
      fix: (fixer) =>
        withImport(binding, fixer, [
          fixer.replaceText(top, `${binding.name}(() => ${sourceCode.getText(top)}, ${options})`),
        ]),
    };
  }
  if (top !== creation) return nested;
  const declared = declaredBinding(creation, analysis);
  if (!declared) return nested;
  if (declared.declaration.kind !== 'const' || declared.reassigned)
    return {
      withheld: `${declared.name} is not a const that nothing reassigns, so it could not hold the managed handle`,
    };
  const { declaration, name, variable } = declared;

  // The whole statement (`export const w = ...` included), and the statements right after it that only
  // attach listeners to the worker.
  const replaced: TSESTree.Node =
    declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
  const siblings =
    replaced.parent && 'body' in replaced.parent && Array.isArray(replaced.parent.body)
      ? (replaced.parent.body as TSESTree.Node[])
      : undefined;
  if (!siblings) return nested;
  const listeners: TSESTree.Node[] = [];
  let next = siblings.indexOf(replaced) + 1;
  for (; next < siblings.length && listenerStatement(siblings[next]!, name); next++) listeners.push(siblings[next]!);
  // Later statements at load that set the same worker up (`worker.unref()`, `worker.on(...)`) move into
  // the factory too, in order, or a restarted worker would miss them. The factory runs where the
  // creation stood, so each must use only bindings declared before it; otherwise no edit.
  const later = laterSetup(replaced, variable, analysis, listeners.length + 1);
  if (!later)
    return {
      withheld: `a later statement at load that sets ${name} up uses a name declared after it, and the factory runs where the creation stands`,
    };
  listeners.push(...later);
  const inListeners = (node: TSESTree.Node) =>
    listeners.some((statement) => node.range[0] >= statement.range[0] && node.range[1] <= statement.range[1]);
  const elsewhere = variable.references.filter((reference) => !reference.init && !inListeners(reference.identifier));

  const keepBinding = elsewhere.length > 0 || declared.exported;
  const typescript = isTypeScriptFile(analysis.filename);
  // The binding keeps its name for the handle; the factory's worker gets one of its own (no shadowing).
  const innerName = keepBinding ? firstFreeName('created', analysis.namesInUse) : name;
  const renames = keepBinding ? renamedWithin([declaration, ...listeners], variable, innerName) : [];
  const indent = lineIndent(sourceCode, declaration);
  const inner = [
    movedText(sourceCode, declaration, renames),
    ...listeners.map((statement) => movedText(sourceCode, statement, renames)),
    `return ${innerName};`,
  ];
  const factory = `() => {\n${inner.map((line) => `${indent}  ${line}`).join('\n')}\n${indent}}`;
  const adjacent = listeners.slice(0, listeners.length - later.length);
  const last = adjacent[adjacent.length - 1] ?? declaration;
  const head = keepBinding
    ? `${sourceCode.getText(replaced).slice(0, declaration.range[0] - replaced.range[0])}const ${name} = `
    : '';
  return {
    // Moving a later statement up is a suggestion: what ran between them now runs after it.
    safe: !keepBinding && later.length === 0,
    fix: (fixer) =>
      withImport(binding, fixer, [
        fixer.replaceTextRange([replaced.range[0], last.range[1]], `${head}${binding.name}(${factory}, ${options});`),
        ...later.map((statement) => removeStatement(fixer, sourceCode, statement)),
        ...elsewhere.flatMap((reference) => currentUse(fixer, reference.identifier, name, typescript)),
      ]),
  };
}

/**
 * Rewrites one other use of a worker variable that now holds the managed handle: `w.x` -> `w.current?.x`,
 * `f(w)` -> `f(w.current)`, `{ w }` -> `{ w: w.current }`; `export { w }` exports the handle, unchanged.
 * A member written (`w.x = 1`, `[w.x] = a`) cannot go through an optional chain: `w.current.x`. In
 * TypeScript a value handed on or written through is `w.current!` (it throws, or passes undefined, as
 * the JavaScript does, when no worker runs).
 */
function currentUse(
  fixer: TSESLint.RuleFixer,
  identifier: TSESTree.Identifier | TSESTree.JSXIdentifier,
  name: string,
  typescript: boolean,
): TSESLint.RuleFix[] {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier) return [];
  const member = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier;
  if (member && !parent.optional && !writesThroughChain(parent)) {
    return [
      fixer.replaceTextRange(
        [identifier.range[0], parent.property.range[0] - (parent.computed ? 1 : 0)],
        `${name}.current?.`,
      ),
    ];
  }
  // In TypeScript the value goes on as the worker it was (`f(w.current!)`): `Worker | undefined` would not
  // fit where a Worker is expected. Not in a type (`typeof w.current`) nor before `?.`.
  const inType = parent?.type === AST_NODE_TYPES.TSTypeQuery || parent?.type === AST_NODE_TYPES.TSQualifiedName;
  const asserted = typescript && !inType && !(member && parent.optional);
  return [replaceReference(fixer, identifier, `${name}.current${asserted ? '!' : ''}`)];
}

/** `w.x = 1`, `w.a.b = 1`, `[w.a().b] = list`: the chain that starts at `member` ends in a written member. */
function writesThroughChain(member: TSESTree.MemberExpression): boolean {
  let top: TSESTree.Node = member;
  while (
    (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) ||
    (top.parent?.type === AST_NODE_TYPES.CallExpression && top.parent.callee === top)
  )
    top = top.parent;
  return top.type === AST_NODE_TYPES.MemberExpression && isWriteTarget(top);
}

/** `cluster.fork()` as a statement -> `if (cluster.isPrimary) cluster.fork();` (a suggestion). */
export function primaryGuardRewrite(call: StartCall, analysis: FileAnalysis): Rewrite | undefined {
  if (!isStatementExpression(call) || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const cluster = analysis.sourceCode.getText(call.callee.object);
  const statement = call.parent;
  return {
    safe: false,
    fix: (fixer) => [
      fixer.replaceText(statement, `if (${cluster}.isPrimary) ${analysis.sourceCode.getText(statement)}`),
    ],
  };
}
