import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  isClass,
  isFunction,
  isStatementExpression,
  isStoredArgument,
  memberName,
  unwrap,
  within,
  type ClassNode,
  type FunctionNode,
} from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { ReachAnswer } from '../analysis/import-graph.js';
import { projectPath } from '../analysis/load-chain.js';
import { fileText } from '../analysis/project-files.js';
import { walk } from '../analysis/subtree-walk.js';
import type { ClientEntry } from '../tables/clients.js';
import { closedInCreatingFlow } from './closed-in-flow.js';
import { describeCall } from '../util/describe-call.js';
import type { EntryTable } from './table-match.js';

/**
 * What a class owns and what a function returns (docs/ownership.md): the forward half of issue 14.
 * - A class OWNS a client when its own code (constructor, instance fields, methods) creates one and keeps
 *   it on the instance: `this.x = c`, `this.map.set(k, c)`, `this.list.push(c)`, through locals and the
 *   array or object literals it is put in (a session pool opened in a method counts: the instance keeps
 *   what it opens). A client handed in (`this.pool = pool`), one a method returns without keeping, and
 *   one a method closes again in the flow that opened it are not owned.
 * - A function RETURNS a client when a value it returns is one.
 * "A client" is a table row (src/tables/clients.ts, which has Node's sockets, agents and sessions), a
 * `new C()` of a class that owns one, or a call of a function that returns one.
 */

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;
type Variable = TSESLint.Scope.Variable;

/** One step from what was asked about towards the client: the `new C()` or `f()` followed, and where. */
export interface OwnershipStep {
  readonly node: Creation;
  readonly analysis: FileAnalysis;
}

/** A client a class owns or a function returns: the creation, its file, and the steps through other declarations. */
export interface Owned {
  readonly creation: Creation;
  readonly analysis: FileAnalysis;
  /** The `new C()` / `f()` expressions followed to reach it, outermost first (empty: created in place). */
  readonly through: readonly OwnershipStep[];
}

/**
 * How many declarations deep a client is followed: a class whose method keeps `new Pool()` is one, a
 * factory returning `new Db()` whose class keeps a pool is two. Real wrappers put a client one or two
 * declarations deep (got's Http2Agent over http2 sessions; a factory over a driver wrapper); each level
 * multiplies the code read for one load-time line, and the further a client is from the line, the less
 * the line's author controls it. Cycles (a class that keeps `new C()` of itself) end here too.
 */
const MAX_OWNERSHIP_DEPTH = 3;

/** How many value steps (a local, an array or object literal, a store) one kept-on-instance question follows. */
const MAX_FLOW_STEPS = 8;

/** Per client table: which project files can reach a file that may create one of its clients (import-graph.ts). */
const leadsToClient = new WeakMap<EntryTable<ClientEntry>, Map<string, ReachAnswer>>();

/** The summaries of one file for one client table: built once per file and table (FileAnalysis.derived). */
export function ownedResources(analysis: FileAnalysis, table: EntryTable<ClientEntry>): OwnedResources {
  return analysis.derived(table, () => new OwnedResources(analysis, table));
}

export class OwnedResources {
  private readonly classMemo = new Map<ClassNode, Owned | null>();
  private readonly functionMemo = new Map<FunctionNode, Owned | null>();

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly table: EntryTable<ClientEntry>,
  ) {}

  /** The first client `node`'s class creates and keeps on its instances (in source order), or undefined. */
  ofClass(node: ClassNode, depth = 1): Owned | undefined {
    return this.memoised(this.classMemo, node, depth, () => this.computeClass(node, depth));
  }

  /** The first client `node` returns (in source order), or undefined. */
  ofFunction(node: FunctionNode, depth = 1): Owned | undefined {
    return this.memoised(this.functionMemo, node, depth, () => this.computeFunction(node, depth));
  }

  /**
   * What a `new X()` / `X()` of this file creates when it is a client: a table row, or through a declaration.
   * `depth`: how many declarations were entered to get here.
   */
  clientOf(node: Creation, depth = 0): Owned | undefined {
    const entry = this.table.match(node, this.analysis.resolver.resolve(node.callee));
    if (entry) {
      return closedInCreatingFlow(node, entry.close, this.analysis)
        ? undefined
        : { creation: node, analysis: this.analysis, through: [] };
    }
    if (depth >= MAX_OWNERSHIP_DEPTH || !this.mayOwnThrough(node.callee)) return undefined;
    const declaration = this.analysis.declarationOf(node.callee);
    if (!declaration) return undefined;
    const summaries = ownedResources(declaration.analysis, this.table);
    const declared = declaration.node;
    const owned =
      node.type === AST_NODE_TYPES.NewExpression
        ? isFunction(declared)
          ? undefined
          : summaries.ofClass(declared, depth + 1)
        : isFunction(declared)
          ? summaries.ofFunction(declared, depth + 1)
          : undefined;
    return owned && { ...owned, through: [{ node, analysis: this.analysis }, ...owned.through] };
  }

  /**
   * False when the callee names another project file whose declarations cannot lead to a client: neither
   * it nor any file it reaches through quoted module names (import-graph.ts) can match a row of the table
   * (`EntryTable.mayMatchFile`, the text test a row's creation needs in its own file). A declaration
   * found through that file, and everything its code creates down to any depth, lies in those files, so
   * the answer is "owns none" without parsing them. True for anything else (asked as before).
   */
  mayOwnThrough(callee: TSESTree.Node): boolean {
    const filename = this.analysis.filename;
    if (!filename || !this.analysis.project) return true;
    const resolved = this.analysis.resolver.resolve(callee);
    if (resolved?.kind !== 'module') return true;
    const file = this.analysis.project.fileOfModule(filename, resolved.module);
    if (!file || file === filename) return true;
    return this.reachesClient(file);
  }

  /**
   * Whether any declaration this file's code can name may lead to a client: the file's text, or a file
   * it reaches through the module names that text quotes, passes the table's text test (the proof of
   * `mayOwnThrough`, for every callee of the file at once). Without other files (no project, or a file
   * not on disk), the file's text alone decides.
   */
  mayReachClient(): boolean {
    const { filename, project } = this.analysis;
    const text = this.analysis.sourceCode.text;
    if (this.table.mayMatchFile(text, filename)) return true;
    if (!filename || !project) return false;
    return project.textReaches(filename, text, this.isClientFile, this.reachMemo());
  }

  private reachesClient(file: string): boolean {
    return this.analysis.project!.reaches(file, this.isClientFile, this.reachMemo());
  }

  private readonly isClientFile = (file: string): boolean => this.table.mayMatchFile(fileText(file) ?? '', file);

  private reachMemo(): Map<string, ReachAnswer> {
    let memo = leadsToClient.get(this.table);
    if (!memo) leadsToClient.set(this.table, (memo = new Map()));
    return memo;
  }

  /** The variable an identifier reads, when it is declared inside `code` (a local, not module state). */
  private localOf(identifier: TSESTree.Identifier, code: TSESTree.Node): Variable | undefined {
    const variable = this.analysis.resolver.variableOf(identifier);
    const declared = variable?.defs[0]?.name;
    return variable && declared && within(declared, code) ? variable : undefined;
  }

  /**
   * `depth`: how many declarations were entered to get here, this one included. Memoised only when asked
   * from the outside (depth 1): an answer from deeper may have been cut short by the bound.
   */
  private memoised<K>(memo: Map<K, Owned | null>, key: K, depth: number, compute: () => Owned | undefined) {
    const known = memo.get(key);
    if (known !== undefined) return known ?? undefined;
    const result = compute();
    if (depth === 1) memo.set(key, result ?? null);
    return result;
  }

  private computeClass(node: ClassNode, depth: number): Owned | undefined {
    let found: Owned | undefined;
    for (const member of node.body.body) {
      if (found) break;
      // Static members belong to the class object, which the rule already sees where it is defined.
      if (!('static' in member) || member.static || !('value' in member)) continue;
      const code = member.value;
      if (!code) continue;
      this.creationsIn(code, (creation) => {
        // Kept on the instance first: a question of this file. Whether the creation is a client may
        // look up (and parse) the file that declares its callee; most creations are not kept.
        if (this.keptOnInstance(creation, node)) found = this.clientOf(creation, depth);
        return found !== undefined;
      });
    }
    return found;
  }

  private computeFunction(node: FunctionNode, depth: number): Owned | undefined {
    if (node.generator) return undefined;
    if (node.body.type !== AST_NODE_TYPES.BlockStatement) return this.valueClient(node.body, node, depth, new Set());
    let found: Owned | undefined;
    walk(node.body, this.analysis.sourceCode.visitorKeys, (child) => {
      if (found) return false;
      if (isFunction(child) || isClass(child)) return false;
      if (child.type === AST_NODE_TYPES.ReturnStatement && child.argument) {
        found = this.valueClient(child.argument, node, depth, new Set());
        return false;
      }
      return true;
    });
    return found;
  }

  /**
   * Every `new X()` / `X()` in a member's code whose `this` is the instance: arrow functions keep it,
   * nested `function`s and classes have their own.
   */
  private creationsIn(code: TSESTree.Node, visit: (creation: Creation) => boolean): void {
    let done = false;
    walk(code, this.analysis.sourceCode.visitorKeys, (child) => {
      if (done) return false;
      if (
        child !== code &&
        ((isFunction(child) && child.type !== AST_NODE_TYPES.ArrowFunctionExpression) || isClass(child))
      )
        return false;
      if (child.type === AST_NODE_TYPES.NewExpression || child.type === AST_NODE_TYPES.CallExpression)
        done = visit(child);
      return !done;
    });
  }

  /** A client the value of `expression` is: a creation, either branch of `?:`/`??`/`||`, a local holding one. */
  private valueClient(
    expression: TSESTree.Node,
    fn: FunctionNode,
    depth: number,
    seen: Set<Variable>,
  ): Owned | undefined {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return this.valueClient(node.argument, fn, depth, seen);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.valueClient(node.consequent, fn, depth, seen) ?? this.valueClient(node.alternate, fn, depth, seen);
      case AST_NODE_TYPES.LogicalExpression:
        return this.valueClient(node.left, fn, depth, seen) ?? this.valueClient(node.right, fn, depth, seen);
      case AST_NODE_TYPES.SequenceExpression:
        return this.valueClient(node.expressions.at(-1)!, fn, depth, seen);
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.CallExpression:
        return this.clientOf(node, depth);
      case AST_NODE_TYPES.Identifier: {
        // A local of the function: what it is given (`const c = new Pool(); c.on(...); return c`).
        const variable = this.localOf(node, fn);
        if (!variable || seen.has(variable) || seen.size >= MAX_FLOW_STEPS) return undefined;
        seen.add(variable);
        for (const reference of variable.references) {
          if (!reference.writeExpr) continue;
          const owned = this.valueClient(reference.writeExpr, fn, depth, seen);
          if (owned) return owned;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Whether the value of `node` ends up held by the instance (`this.x`, a collection on it), followed a few steps. */
  private keptOnInstance(node: TSESTree.Node, owner: ClassNode): boolean {
    const seen = new Set<Variable>();
    const kept = (value: TSESTree.Node): boolean => {
      if (seen.size >= MAX_FLOW_STEPS) return false;
      // Climb through what passes the value on unchanged.
      let current: TSESTree.Node = value;
      for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
        if (
          parent.type === AST_NODE_TYPES.AwaitExpression ||
          parent.type === AST_NODE_TYPES.ChainExpression ||
          parent.type === AST_NODE_TYPES.TSAsExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
          (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
          parent.type === AST_NODE_TYPES.LogicalExpression ||
          (parent.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) === current)
        )
          continue;
        break;
      }
      const parent = current.parent;
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.AccessorProperty:
          // An instance field's initialiser (only instance members are scanned).
          return parent.value === current;
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right !== current) return false;
          if (parent.left.type === AST_NODE_TYPES.MemberExpression)
            return this.onInstance(parent.left.object, owner, new Set());
          return parent.left.type === AST_NODE_TYPES.Identifier && this.readsKept(parent.left, owner, kept, seen);
        case AST_NODE_TYPES.VariableDeclarator:
          return (
            parent.init === current &&
            parent.id.type === AST_NODE_TYPES.Identifier &&
            this.readsKept(parent.id, owner, kept, seen)
          );
        case AST_NODE_TYPES.ArrayExpression:
          return kept(parent);
        case AST_NODE_TYPES.Property:
          return (
            parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression && kept(parent.parent)
          );
        case AST_NODE_TYPES.CallExpression: {
          // `this.sessions.set(key, session)`, `list.push(entry)` where the list is kept.
          const callee = unwrap(parent.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.Super)
            return false;
          if (!isStoredArgument(parent, current)) return false;
          const store = unwrap(callee.object);
          return (
            this.onInstance(store, owner, new Set()) ||
            (store.type === AST_NODE_TYPES.Identifier && this.readsKept(store, owner, kept, seen))
          );
        }
        default:
          return false;
      }
    };
    return kept(node);
  }

  /** Whether every later read of a local passes its value on to something kept: one read that does is enough. */
  private readsKept(
    identifier: TSESTree.Identifier,
    owner: ClassNode,
    kept: (value: TSESTree.Node) => boolean,
    seen: Set<Variable>,
  ): boolean {
    const variable = this.localOf(identifier, owner);
    if (!variable || seen.has(variable) || seen.size >= MAX_FLOW_STEPS) return false;
    seen.add(variable);
    return variable.references.some((reference) => reference.isRead() && kept(reference.identifier));
  }

  /**
   * Whether an expression reaches into the instance: `this`, `this.a[b]`, `this.map.get(k)`, or a local
   * that was given one of those (`let sessions = this.sessions[key]`).
   */
  private onInstance(expression: TSESTree.Node, owner: ClassNode, seen: Set<Variable>): boolean {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.ThisExpression:
        return true;
      case AST_NODE_TYPES.MemberExpression:
        return this.onInstance(node.object, owner, seen);
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        return (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(callee) === 'get' &&
          this.onInstance(callee.object, owner, seen)
        );
      }
      case AST_NODE_TYPES.LogicalExpression:
        return this.onInstance(node.left, owner, seen);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.onInstance(node.left, owner, seen);
      case AST_NODE_TYPES.Identifier: {
        const variable = this.localOf(node, owner);
        if (!variable || seen.has(variable) || seen.size >= MAX_FLOW_STEPS) return false;
        seen.add(variable);
        return variable.references.some(
          (reference) => reference.writeExpr != null && this.onInstance(reference.writeExpr, owner, seen),
        );
      }
      default:
        return false;
    }
  }
}

/**
 * Whether `ownedThroughDeclaration` can find anything for `node`, answered from the node and its
 * callee's resolution alone: for callers to ask before a costlier question about the same node.
 */
export function mayKeepOwnedClient(node: Creation, analysis: FileAnalysis): boolean {
  // `new C();` / `f();` as a statement of its own: nothing keeps the instance, so nothing can call the
  // method that would open its client (a client the call creates itself runs where it is written).
  if (isStatementExpression(node)) return false;
  // A global (`new Map()`, `console.log()`, `Promise.all()`) names no declaration of the project.
  return !analysis.resolver.isGlobalChain(node.callee);
}

/**
 * The client a `new C()` / `f()` of a declared class or function (not a table row itself) owns or
 * returns, when creating that client is not itself code that runs at load: a creation that runs at
 * load (`new Pool()` in the constructor of a class instantiated at load) is reported where it is
 * written, so this is for clients a method opens later, or that are created in another file.
 * The callee's declaration is looked up first (most callees name no class or function of the project, and
 * the answer ends there), then what it owns (memoised per declaration for the whole run; nearly always
 * nothing), and only for an owner `isCandidate` (the rule asks whether the line runs at load). That order
 * is for cost: whether a line inside an exported function runs at load may search every file of the
 * package for a load-time caller (other-files.ts), which cost the client rule nearly all of its time when
 * it was asked first, for every call of a project declaration (docs/performance.md).
 */
export function ownedThroughDeclaration(
  node: Creation,
  analysis: FileAnalysis,
  table: EntryTable<ClientEntry>,
  isCandidate: () => boolean,
): Owned | undefined {
  if (!mayKeepOwnedClient(node, analysis)) return undefined;
  const summaries = ownedResources(analysis, table);
  if (!summaries.mayOwnThrough(node.callee) || !analysis.declarationOf(node.callee)) return undefined;
  const owned = summaries.clientOf(node);
  if (!owned || owned.through.length === 0 || !isCandidate()) return undefined;
  // A step that runs at load (`this.inner = new Inner()` in the constructor) is a load-time line of its own,
  // checked there: one report per client.
  if (owned.through.slice(1).some((step) => step.analysis.moduleLoad.runsAtLoad(step.node))) return undefined;
  return owned.analysis.moduleLoad.runsAtLoad(owned.creation) ? undefined : owned;
}

/**
 * Where an owned client is created, for a message: "line 44: `http2.connect()`", with the other
 * declarations followed ("through `new Pool()` at line 12") and a file name when it is another file.
 */
export function describeOwned(owned: Owned, from: FileAnalysis): string {
  const where = (node: TSESTree.Node, analysis: FileAnalysis) => {
    const line = node.loc.start.line;
    if (analysis === from || !analysis.filename || !from.filename) return `line ${line}`;
    return `${projectPath(from, analysis.filename)}:${line}`;
  };
  const created = `${where(owned.creation, owned.analysis)}: \`${describeCall(owned.creation, owned.analysis.sourceCode)}\``;
  const steps = owned.through
    .slice(1)
    .map((step) => `\`${describeCall(step.node, step.analysis.sourceCode)}\` at ${where(step.node, step.analysis)}`);
  return steps.length > 0 ? `${created}, through ${steps.join(', ')}` : created;
}
