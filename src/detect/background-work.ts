import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, isNullish, keyName, memberName, unwrap, type FunctionNode } from '../analysis/ast.js';
import { declaredBinding, isReassigned, singleDefinition } from '../analysis/bindings.js';
import { enclosingBoundary, type LoadSite } from '../analysis/module-load.js';
import { projectPath } from '../analysis/load-chain.js';
import { isSameDeclaration } from '../analysis/other-files.js';
import { describeCall } from '../util/describe-call.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { isGlobal, isModuleMember, type Resolved } from '../analysis/resolve.js';
import { someNode, walk } from '../analysis/subtree-walk.js';
import { INTERVAL_TIMERS, ONE_SHOT_TIMERS, type BackgroundCreator } from '../tables/background-work.js';
import type { EntryTable } from './table-match.js';

/** The timers' global names: the globals a start's callee may resolve to. */
const TIMER_GLOBALS: ReadonlySet<string> = new Set(
  [...INTERVAL_TIMERS, ...ONE_SHOT_TIMERS].map((timer) => timer.global),
);

export type StartCall = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * A parameter whose default is a global interval timer, called in its own function:
 * `function poll(fn, schedule = setInterval) { return schedule(fn, 1000) }`.
 */
export interface TimerParameter {
  readonly fn: FunctionNode;
  readonly index: number;
  readonly name: string;
  readonly timer: string;
}

export type BackgroundStart =
  | { readonly kind: 'interval'; readonly through?: TimerParameter }
  | { readonly kind: 'recurringTimeout'; readonly loop: FunctionNode }
  | { readonly kind: BackgroundCreator['kind']; readonly creator: BackgroundCreator };

/** What a call or construction starts, if it starts background work. */
export function classifyStart(
  node: StartCall,
  analysis: FileAnalysis,
  creators: EntryTable<BackgroundCreator>,
): BackgroundStart | undefined {
  // A timer is a global or a `timers` export, a creator a module export: the name test first, then the lookup.
  if (!analysis.resolver.mayResolveTo(node.callee, TIMER_GLOBALS)) {
    const through = node.type === AST_NODE_TYPES.CallExpression ? timerParameter(node, analysis) : undefined;
    return through && { kind: 'interval', through };
  }
  const callee = analysis.resolver.resolve(node.callee);
  if (!callee) return undefined;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    if (
      INTERVAL_TIMERS.some(
        (timer) => isGlobal(callee, timer.global) || isModuleMember(callee, timer.package, [timer.export]),
      )
    ) {
      return { kind: 'interval' };
    }
    const loop = isSetTimeout(callee) ? recurringTimeoutLoop(node, analysis) : undefined;
    if (loop) return { kind: 'recurringTimeout', loop };
  }
  const creator = creators.match(
    node,
    callee,
    (candidate) => candidate.requiresOption === undefined || hasOption(node.arguments[0], candidate.requiresOption),
  );
  return creator ? { kind: creator.kind, creator } : undefined;
}

function hasOption(argument: TSESTree.Node | undefined, name: string): boolean {
  if (argument?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return argument.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && keyName(property) === name,
  );
}

function isSetTimeout(callee: Resolved | undefined): boolean {
  return ONE_SHOT_TIMERS.some(
    (timer) => isGlobal(callee, timer.global) || isModuleMember(callee, timer.package, [timer.export]),
  );
}

/**
 * `p.then(f)`, `p.then(_, f)`, `p.catch(f)`, `p.finally(f)`: `f` runs once the promise settles, as the
 * code after an `await` does, so a poll loop may reschedule itself from it.
 */
function isPromiseContinuation(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression)
    return false;
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  const method = memberName(call.callee);
  return (
    (method === 'then' && (index === 0 || index === 1)) || ((method === 'catch' || method === 'finally') && index === 0)
  );
}

/**
 * How many functions a timer's callback is followed through to find that it schedules the timer again:
 * the callback, a wrapper it forwards to, the loop, and the function that re-arms the timer
 * (graphile-worker's cron: `setTimeout(() => loop())` in scheduleNextLoop, which loop calls). A loop
 * that comes back only through more functions than that is read as a one-shot.
 */
const MAX_CYCLE_LENGTH = 4;

/**
 * The loop of a setTimeout whose callback schedules itself again: `setTimeout(function tick() { ...;
 * setTimeout(tick, ms) }, ms)`, or `function poll() { ...; setTimeout(poll, ms) }` called at load, where
 * the reschedule may also sit in a promise callback (`refresh().finally(() => setTimeout(poll, ms))`),
 * or a cycle of the file's own functions (`function loop() { work(); scheduleNext(); }` with
 * `function scheduleNext() { timer = setTimeout(loop, ms) }`).
 */
function recurringTimeoutLoop(call: TSESTree.CallExpression, analysis: FileAnalysis): FunctionNode | undefined {
  const callback = functionOf(call.arguments[0] as TSESTree.Node | undefined, analysis);
  if (!callback) return undefined;
  // The call is inside the callback itself (`function poll() { setTimeout(poll) }`), or inside a
  // function the callback comes back to through the functions it calls (`const doNext = async () => {
  // ...; setTimeout(() => doNext(), ms) }`: the arrow is a wrapper, the loop is doNext).
  const reached = reachedFrom(callback, analysis);
  for (let parent: TSESTree.Node | undefined = call.parent; parent; parent = parent.parent)
    if (parent === callback || reached.has(parent as FunctionNode)) return parent as FunctionNode;
  // Or the callback's own code (not a function nested in it, but its promise callbacks) schedules the
  // callback again.
  const found = ownCalls(callback, analysis).some(
    (node) =>
      isSetTimeout(analysis.resolver.resolve(node.callee)) &&
      functionOf(node.arguments[0] as TSESTree.Node | undefined, analysis) === callback,
  );
  return found ? callback : undefined;
}

/**
 * The calls a function makes when it runs: in its own code, and in the promise callbacks of its own
 * code (which run once what they wait for settles, as the code after an `await` does), not in other
 * nested functions (which run when something calls them).
 */
function ownCalls(fn: FunctionNode, analysis: FileAnalysis): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const body = fn.body;
  walk(body, analysis.sourceCode.visitorKeys, (node) => {
    if (node !== body && isFunction(node) && !isPromiseContinuation(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    return true;
  });
  return calls;
}

/**
 * The file's own functions that run when `callback` runs, through the calls by name in their own code
 * (ownCalls), at most MAX_CYCLE_LENGTH functions deep: `() => { timeout = null; loop(); }` reaches
 * loop, and what loop calls.
 */
function reachedFrom(callback: FunctionNode, analysis: FileAnalysis): Set<FunctionNode> {
  const reached = new Set<FunctionNode>();
  let frontier = [callback];
  for (let step = 0; step < MAX_CYCLE_LENGTH && frontier.length > 0; step++) {
    const next: FunctionNode[] = [];
    for (const fn of frontier) {
      for (const called of ownCalls(fn, analysis)) {
        const target = functionOf(called.callee, analysis);
        if (!target || target === callback || reached.has(target)) continue;
        reached.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return reached;
}

/** The key of a file's parameter names that default to an interval timer (`schedule = setInterval`), found from its text. */
const timerDefaultNames = {};
/**
 * `name = setInterval`, matched at a `setInterval` and read backwards from it (sticky, so only there).
 * Led by the name instead, the pattern was tried at every name of the file: 130 ms on the 85 benchmark
 * files that mention the timer (big bundles), against 7 ms from the timer's own places, for the same
 * names. Before it had a lookbehind for where a name starts, it took 7.5 s.
 */
const TIMER_DEFAULT = new RegExp(
  `(?<=(?<![\\w$])([A-Za-z_$][\\w$]*)\\s*=\\s*)(?:${INTERVAL_TIMERS.map((timer) => timer.global).join('|')})\\b`,
  'y',
);

function timerDefaultNamesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const { global } of INTERVAL_TIMERS) {
    for (let at = text.indexOf(global); at >= 0; at = text.indexOf(global, at + 1)) {
      TIMER_DEFAULT.lastIndex = at;
      const name = TIMER_DEFAULT.exec(text)?.[1];
      if (name) names.add(name);
    }
  }
  return names;
}

/** The parameter a call's callee is, when its default is a global interval timer and the call is in its function's own code. */
function timerParameter(call: TSESTree.CallExpression, analysis: FileAnalysis): TimerParameter | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const names = analysis.derived(timerDefaultNames, () => timerDefaultNamesIn(analysis.sourceCode.text));
  if (!names.has(callee.name)) return undefined;
  const variable = analysis.resolver.variableOf(callee);
  const def = singleDefinition(variable);
  if (def?.type !== 'Parameter' || !variable || isReassigned(variable) || !isFunction(def.node)) return undefined;
  const fn = def.node;
  if (enclosingBoundary(call) !== fn) return undefined;
  const index = fn.params.findIndex(
    (param) =>
      param.type === AST_NODE_TYPES.AssignmentPattern &&
      param.left.type === AST_NODE_TYPES.Identifier &&
      param.left.name === callee.name,
  );
  const param = fn.params[index];
  if (param?.type !== AST_NODE_TYPES.AssignmentPattern) return undefined;
  const timer = INTERVAL_TIMERS.find((row) => isGlobal(analysis.resolver.resolve(param.right), row.global));
  return timer && { fn, index, name: callee.name, timer: timer.global };
}

/**
 * What a timer parameter holds when its function runs at load, judged at the call that runs it:
 * `'default'` when that call leaves the argument out (or passes `undefined`), the call itself when it
 * passes the timer (`poll(fn, setInterval)`), undefined when it passes anything else, or when what runs
 * the function at load is not a plain call of it (its argument is unknown).
 */
export function timerParameterValue(
  node: StartCall,
  through: TimerParameter,
  analysis: FileAnalysis,
): 'default' | LoadSite | undefined {
  const immediate = through.fn.parent;
  const site: LoadSite | undefined =
    immediate?.type === AST_NODE_TYPES.CallExpression && immediate.callee === through.fn
      ? { node: immediate, moduleLoad: analysis.moduleLoad, analysis }
      : analysis.moduleLoad.loadChain(node)?.at(-1);
  if (site?.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const caller = site.analysis ?? analysis;
  const called = site.node === immediate ? undefined : caller.declarationOf(site.node.callee);
  // By identity in this file, by place from another file (which sees its own parse of this one).
  if (
    site.node !== immediate &&
    called?.node !== through.fn &&
    !(analysis.filename && isSameDeclaration(called, analysis.filename, through.fn))
  )
    return undefined;
  const args = site.node.arguments;
  if (args.slice(0, through.index + 1).some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const passed = args[through.index];
  if (!passed || isNullish(passed)) return 'default';
  return isGlobal(caller.resolver.resolve(passed), through.timer) ? { ...site, analysis: caller } : undefined;
}

/** How a timer parameter came to hold its timer, for a message: "through its default", "as passed by `poll()` at line 9". */
export function describeTimerParameter(node: StartCall, through: TimerParameter, analysis: FileAnalysis): string {
  const value = timerParameterValue(node, through, analysis);
  if (value === 'default' || value === undefined) return 'through its default';
  const caller = value.analysis ?? analysis;
  const where =
    caller === analysis
      ? `line ${value.node.loc.start.line}`
      : `${projectPath(analysis, caller.filename)}:${value.node.loc.start.line}`;
  return `as passed by \`${describeCall(value.node, caller.sourceCode)}\` at ${where}`;
}

/**
 * Whether started work runs at load. A loop that reschedules itself from a promise callback in its own
 * body (`function poll() { refresh().finally(() => setTimeout(poll, ms)) }`) runs at load when the loop
 * function does, as the `await` and `try/finally` forms of the same loop do.
 */
export function startsAtLoad(node: StartCall, start: BackgroundStart, analysis: FileAnalysis): boolean {
  if (start.kind === 'interval' && start.through)
    return analysis.moduleLoad.runsAtLoad(node) && timerParameterValue(node, start.through, analysis) !== undefined;
  if (analysis.moduleLoad.runsAtLoad(node)) return true;
  if (start.kind !== 'recurringTimeout') return false;
  let boundary = enclosingBoundary(node);
  while (boundary && boundary !== start.loop) {
    if (!isPromiseContinuation(boundary)) return false;
    boundary = enclosingBoundary(boundary);
  }
  return boundary === start.loop && analysis.moduleLoad.runsAtLoad(start.loop.body);
}

/** The same-file function an argument is or names. */
function functionOf(argument: TSESTree.Node | undefined, analysis: FileAnalysis): FunctionNode | undefined {
  if (!argument) return undefined;
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression)
    return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = analysis.resolver.variableOf(node);
  const def = singleDefinition(variable);
  if (!def) return undefined;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionExpression) return def.node;
  if (def.type === 'Variable' && def.node.init) {
    const init = unwrap(def.node.init);
    if (init.type === AST_NODE_TYPES.FunctionExpression || init.type === AST_NODE_TYPES.ArrowFunctionExpression)
      return init;
  }
  return undefined;
}

/** Whether a member access reads `.unref`/`.ref` etc. on a value: used to absorb `setInterval(...).unref()`. */
export function chainedMethod(node: TSESTree.Node): { name: string; call: TSESTree.CallExpression } | undefined {
  const member = node.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return undefined;
  const call = member.parent;
  const name = memberName(member);
  return name !== undefined && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member
    ? { name, call }
    : undefined;
}

/** `x.unref()` with no arguments, where `x` is `node`. */
function isUnrefCall(node: TSESTree.Node): boolean {
  const method = chainedMethod(node);
  return method?.name === 'unref' && method.call.arguments.length === 0;
}

/**
 * Whether the timer a call starts is unref'd where it is started, so it never holds the process open:
 * `setInterval(...).unref()`, `const t = setInterval(...); t.unref()`, or
 * `this.timer = setInterval(...); this.timer.unref()` in the same function. Messages differ for these:
 * an unref'd timer does not hang a snapshot build or a test runner, but it still never fires after a
 * restore and still runs once per process.
 */
export function isUnrefdTimer(call: TSESTree.CallExpression, analysis: FileAnalysis): boolean {
  if (isUnrefCall(call)) return true;
  const declared = declaredBinding(call, analysis);
  if (declared)
    return (
      !declared.reassigned &&
      declared.variable.references.some((reference) => !reference.init && isUnrefCall(reference.identifier))
    );
  // this.timer = setInterval(...), then this.timer.unref() where it was started
  const assignment = call.parent;
  if (
    assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
    assignment.operator !== '=' ||
    assignment.right !== call ||
    assignment.left.type !== AST_NODE_TYPES.MemberExpression ||
    assignment.left.object.type !== AST_NODE_TYPES.ThisExpression
  )
    return false;
  const field = memberName(assignment.left);
  const boundary = enclosingBoundary(call);
  if (field === undefined || !isFunction(boundary)) return false;
  return someNode(
    boundary.body,
    analysis.sourceCode.visitorKeys,
    (node) =>
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      memberName(node) === field &&
      enclosingBoundary(node) === boundary &&
      isUnrefCall(node),
  );
}
