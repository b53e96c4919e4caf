import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis } from './file-analysis.js';
import {
  classOfMember,
  functionName,
  immediateCall,
  isFunction,
  memberName,
  SYNC_CALLBACK_METHODS,
  type ClassNode,
  type FunctionNode,
} from './ast.js';
import { GENERATOR_RUNNERS } from '../tables/background-work.js';
import { isGlobal, isModuleMember, type Resolver } from './resolve.js';
import { walk } from './subtree-walk.js';

/** A call or a `new`: what runs a function or constructor. */
export type CallSite = TSESTree.CallExpression | TSESTree.NewExpression;

type VisitorKeys = Parameters<typeof walk>[1];

/**
 * Where code runs "at module load": the program's top level (blocks, if, try, loops and top-level await
 * included), top-level IIFEs, static blocks and static field initialisers of classes defined at load,
 * the constructor (and instance fields) of a same-file class instantiated at load, functions and static
 * methods of the same file called at load (followed a few levels, with a cycle guard), and callbacks
 * that run synchronously where they are passed: a Promise executor, array iteration callbacks. With
 * `otherFiles` (other-files.ts), an exported function, constructor or static method also runs at load
 * when another project file calls it at load.
 *
 * Each "yes" keeps its reason (the call, `new` or enclosing code that runs it), so `loadChain` can name
 * the calls that make a node run at load, across files.
 */

/** A call or `new` that runs some code at load, and the file (its analysis and ModuleLoad) it is in. */
export interface LoadSite {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly moduleLoad: ModuleLoad;
  readonly analysis?: FileAnalysis;
}

/** Callers in other files (other-files.ts): the one place ModuleLoad looks beyond its own file. */
export interface OtherFileCallers {
  /** A call (or `new`, for a class) in another project file that runs at load and reaches `declaration`. */
  siteAtLoad(declaration: FunctionNode | ClassNode): LoadSite | undefined;
  /** How many answers were cut short so far (depth limit, cycle): an answer computed with a cut is not kept. */
  readonly truncations: number;
  /** The function or class an expression names, in this file or another (other-files.ts `declarationOf`). */
  declarationOf(expression: TSESTree.Node): { readonly node: TSESTree.Node } | undefined;
  /** Every call and `new` of this file, in source order. */
  readonly callSites: readonly CallSite[];
  /**
   * Set on callers that read no other file and answer "maybe" wherever reading them could answer yes
   * (other-files.ts `MaybeOtherFileCallers`): the ModuleLoad over them is an upper bound of the full one.
   */
  readonly upperBound?: UpperBoundCallers;
}

/** The "maybe" answers of an upper-bound ModuleLoad, for the three places that would read other files. */
export interface UpperBoundCallers {
  /** Whether some other file could call `declaration` at load (it is exported: another file may import it). */
  mayBeCalledElsewhere(declaration: FunctionNode | ClassNode): boolean;
}

/** Why a boundary runs at load: the code that runs it; `step` when that is a call by name (a link of the chain). */
interface Reason {
  readonly node: TSESTree.Node;
  readonly moduleLoad: ModuleLoad;
  readonly analysis?: FileAnalysis;
  readonly step: boolean;
}

/** A node whose body does not run where it is written. */
type Boundary = FunctionNode | TSESTree.StaticBlock | TSESTree.PropertyDefinition | TSESTree.AccessorProperty;

const MAX_CALL_DEPTH = 4;

/** The nearest enclosing boundary, or undefined when the node runs directly in the program body. */
export function enclosingBoundary(node: TSESTree.Node): Boundary | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(parent)) {
      // A function's name is bound where the function is written; its params and body run when called.
      if (parent.id === child) continue;
      return parent;
    }
    if (parent.type === AST_NODE_TYPES.StaticBlock) return parent;
    if (
      (parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.AccessorProperty) &&
      parent.value === child
    ) {
      return parent;
    }
  }
  return undefined;
}

export class ModuleLoad {
  private readonly memo = new Map<Boundary, boolean>();
  private readonly classMemo = new Map<TSESTree.Node, TSESTree.NewExpression | null>();
  /** The first reason found for each boundary (or class) that runs at load (the first is well-founded: no cycle). */
  private readonly reasons = new Map<TSESTree.Node, Reason>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private depth = 0;
  /** How many calls or instantiations by name are being followed right now (bounded by MAX_CALL_DEPTH). */
  private followed = 0;
  /** Per class: its references, and the `C.name()` calls among them by method name (in reference order). */
  private readonly references = new Map<ClassNode, TSESLint.Scope.Reference[]>();
  private readonly staticCalls = new Map<ClassNode, Map<string, TSESTree.CallExpression[]>>();
  /** The call sites whose callee is handed over by another call (`new (load())()`, `load().create()`), in source order. */
  private handedOverSites: readonly CallSite[] | undefined;
  /** Those sites of one type by the declaration their callee names (other-files.ts `declarationOf`), each looked up once. */
  private readonly handedOverByDeclaration = new Map<CallSite['type'], Map<TSESTree.Node, CallSite[]>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly otherFiles?: OtherFileCallers,
    private readonly visitorKeys: VisitorKeys = {},
  ) {}

  private because(node: TSESTree.Node, reason: Omit<Reason, 'moduleLoad'> & { moduleLoad?: ModuleLoad }): true {
    if (!this.reasons.has(node)) this.reasons.set(node, { moduleLoad: this, ...reason });
    return true;
  }

  /** A caller in another file, kept as the reason `node` runs at load. */
  private calledElsewhere(node: TSESTree.Node, declaration: FunctionNode | ClassNode): boolean {
    if (this.otherFiles?.upperBound) return this.otherFiles.upperBound.mayBeCalledElsewhere(declaration);
    const site = this.otherFiles?.siteAtLoad(declaration);
    return site !== undefined && this.because(node, { ...site, step: true });
  }

  /**
   * The calls and constructions that make `node` run at load, outermost first (the one at the top level
   * of its file first); each with the file it is in. Empty when `node` itself is at the top level,
   * undefined when it does not run at load.
   */
  loadChain(node: TSESTree.Node): LoadSite[] | undefined {
    if (!this.runsAtLoad(node)) return undefined;
    const chain: LoadSite[] = [];
    let moduleLoad: ModuleLoad = this;
    let analysis: FileAnalysis | undefined;
    let current: TSESTree.Node = node;
    // Each reason was found before the one that uses it, so the walk ends; the bound is a second guard.
    for (let steps = 0; steps < 100; steps++) {
      const boundary = enclosingBoundary(current);
      if (!boundary) return chain.reverse();
      const reason = moduleLoad.reasons.get(boundary);
      if (!reason) return undefined;
      if (reason.step)
        chain.push({
          node: reason.node as LoadSite['node'],
          moduleLoad: reason.moduleLoad,
          analysis: reason.analysis ?? analysis,
        });
      if (reason.moduleLoad !== moduleLoad) analysis = reason.analysis;
      moduleLoad = reason.moduleLoad;
      current = reason.node;
    }
    return undefined;
  }

  /** Whether `node` runs while the module is being evaluated. */
  runsAtLoad(node: TSESTree.Node): boolean {
    const boundary = enclosingBoundary(node);
    return boundary === undefined || this.boundaryRunsAtLoad(boundary);
  }

  private boundaryRunsAtLoad(boundary: Boundary): boolean {
    const known = this.memo.get(boundary);
    if (known !== undefined) return known;
    if (this.inProgress.has(boundary)) return false;
    this.inProgress.add(boundary);
    this.depth++;
    const cutBefore = this.otherFiles?.truncations ?? 0;
    let result: boolean;
    try {
      result = this.compute(boundary);
    } finally {
      this.depth--;
      this.inProgress.delete(boundary);
    }
    // Only memoise answers that did not depend on an in-progress node or the depth limit being hit on
    // the way: a cheap conservative rule is to memoise at the outermost level only.
    if (this.depth === 0 && (result || (this.otherFiles?.truncations ?? 0) === cutBefore))
      this.memo.set(boundary, result);
    return result;
  }

  private compute(boundary: Boundary): boolean {
    if (boundary.type === AST_NODE_TYPES.StaticBlock) {
      const owner = classOfMember(boundary);
      return owner !== undefined && this.runsAtLoad(owner) && this.because(boundary, { node: owner, step: false });
    }
    if (boundary.type === AST_NODE_TYPES.PropertyDefinition || boundary.type === AST_NODE_TYPES.AccessorProperty) {
      const owner = classOfMember(boundary);
      if (!owner) return false;
      if (boundary.static) return this.runsAtLoad(owner) && this.because(boundary, { node: owner, step: false });
      return this.follow(() => this.constructedAtLoad(boundary, owner));
    }
    return this.functionRunsAtLoad(boundary);
  }

  /** The class's constructor (or instance field) runs at load: `new C()` at load here or in another file. */
  private constructedAtLoad(boundary: TSESTree.Node, owner: ClassNode): boolean {
    const here = this.instantiationAtLoad(owner);
    if (here) return this.because(boundary, { node: here, step: true });
    return this.calledElsewhere(boundary, owner);
  }

  private functionRunsAtLoad(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (!parent) return false;
    // A generator's body runs on next(), not when the generator is called, unless a runner steps it
    // through at once (`co(function* () { ... })`).
    if (fn.generator) {
      const runner = parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === fn ? parent : undefined;
      const callee = runner && this.resolver.resolve(runner.callee);
      const runs = GENERATOR_RUNNERS.some((row) => isModuleMember(callee, row.package, []));
      return runner !== undefined && runs && this.runsAtLoad(runner) && this.because(fn, { node: runner, step: false });
    }
    // (function () { ... })(), new (function () {})(), fn.call(...) / fn.apply(...)
    const call = immediateCall(fn);
    if (call) return this.runsAtLoad(call) && this.because(fn, { node: call, step: false });
    // new Promise((resolve) => ...): the executor runs synchronously.
    if (
      parent.type === AST_NODE_TYPES.NewExpression &&
      parent.arguments[0] === fn &&
      isGlobal(this.resolver.resolve(parent.callee), 'Promise')
    ) {
      return this.runsAtLoad(parent) && this.because(fn, { node: parent, step: false });
    }
    // [..].forEach((x) => ...)
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === fn &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      SYNC_CALLBACK_METHODS.has(memberName(parent.callee) ?? '')
    ) {
      return this.runsAtLoad(parent) && this.because(fn, { node: parent, step: false });
    }
    // withReleasers(async function (releasers) { ... }): a callback handed to a function of the project
    // that calls it (its parameter is called in its own body) runs when that call runs.
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.callee !== fn &&
      this.callsParameter(parent, parent.arguments.indexOf(fn as TSESTree.CallExpressionArgument))
    ) {
      return this.runsAtLoad(parent) && this.because(fn, { node: parent, step: true });
    }
    // class C { constructor() { ... } }: runs when C is instantiated.
    if (parent.type === AST_NODE_TYPES.MethodDefinition) {
      const owner = classOfMember(parent);
      if (!owner) return false;
      if (parent.kind === 'constructor') return this.follow(() => this.constructedAtLoad(fn, owner));
      if (parent.static && parent.kind === 'method')
        return this.follow(() => {
          const here = this.staticMethodCallAtLoad(owner, parent);
          return here ? this.because(fn, { node: here, step: true }) : this.calledElsewhere(fn, fn);
        });
      return false;
    }
    return this.follow(() => {
      const here = this.callAtLoad(functionName(fn));
      return here ? this.because(fn, { node: here, step: true }) : this.calledElsewhere(fn, fn);
    });
  }

  /** Whether the function `call` calls (a declaration of the project) calls its parameter `index` in its own body. */
  private callsParameter(call: TSESTree.CallExpression, index: number): boolean {
    if (index < 0 || !this.otherFiles) return false;
    // Upper bound: the callee is not looked up (it may be another file's), so it may call the callback.
    if (this.otherFiles.upperBound) return true;
    const callee = this.otherFiles.declarationOf(call.callee)?.node;
    if (!callee || !isFunction(callee)) return false;
    const parameter = callee.params[index];
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
    let called = false;
    walk(callee.body, this.visitorKeys, (node) => {
      if (called) return false;
      if (node !== callee.body && isFunction(node)) return false; // a nested function runs when it is called
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.callee.type === AST_NODE_TYPES.Identifier &&
        node.callee.name === parameter.name
      )
        called = true;
      return !called;
    });
    return called;
  }

  /**
   * Follows a function, constructor or static method to the places that call it by name, a few levels
   * deep. Walking outwards through IIFEs, static blocks and callbacks always ends at the program, so
   * only these jumps count against the limit.
   */
  private follow(jump: () => boolean): boolean {
    if (this.followed >= MAX_CALL_DEPTH) return false;
    this.followed++;
    try {
      return jump();
    } finally {
      this.followed--;
    }
  }

  /** The first read of the name that is the callee of a call that runs at load. */
  private callAtLoad(
    name: TSESTree.Identifier | undefined,
  ): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
    const variable = name && this.resolver.variableOf(name);
    if (!variable) return undefined;
    for (const reference of variable.references) {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (
        reference.isRead() &&
        (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
        parent.callee === identifier &&
        this.runsAtLoad(parent)
      )
        return parent;
    }
    return undefined;
  }

  /**
   * Every reference to a class by name. A class declaration binds its name twice: in the enclosing scope
   * (`new C()` after it) and in the class's own scope (`static instance = new C()` inside it); a class
   * expression is also known by the variable it initialises.
   */
  private classReferences(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESLint.Scope.Reference[] {
    let references = this.references.get(owner);
    if (!references) this.references.set(owner, (references = this.computeClassReferences(owner)));
    return references;
  }

  private computeClassReferences(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): TSESLint.Scope.Reference[] {
    const variables = [...this.resolver.declaredVariables(owner)];
    const parent = owner.parent;
    if (
      parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === owner &&
      parent.id.type === AST_NODE_TYPES.Identifier
    ) {
      const variable = this.resolver.variableOf(parent.id);
      if (variable) variables.push(variable);
    }
    return variables.flatMap((variable) => variable.references);
  }

  /** A same-file class is instantiated at load: `new C()` at load, including `static instance = new C()`. */
  instantiatedAtLoad(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    return this.instantiationAtLoad(owner) !== undefined;
  }

  /**
   * The `new C()` that runs at load and so runs the constructor of `node`'s class, when `node` is in the
   * constructor or an instance field initialiser: a message names it, since the code it reports is not
   * itself at the top level.
   */
  loadTimeInstantiation(node: TSESTree.Node): TSESTree.NewExpression | undefined {
    const boundary = enclosingBoundary(node);
    const member =
      boundary?.type === AST_NODE_TYPES.PropertyDefinition || boundary?.type === AST_NODE_TYPES.AccessorProperty
        ? boundary.static
          ? undefined
          : boundary
        : boundary?.parent?.type === AST_NODE_TYPES.MethodDefinition && boundary.parent.kind === 'constructor'
          ? boundary.parent
          : undefined;
    const owner = member && classOfMember(member);
    return owner ? this.instantiationAtLoad(owner) : undefined;
  }

  /** The first `new C()` of a same-file class that runs at load. */
  private instantiationAtLoad(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): TSESTree.NewExpression | undefined {
    const known = this.classMemo.get(owner);
    if (known !== undefined) return known ?? undefined;
    if (this.inProgress.has(owner)) return undefined;
    this.inProgress.add(owner);
    let result: TSESTree.NewExpression | undefined;
    try {
      const parent = owner.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === owner) {
        if (this.runsAtLoad(parent)) result = parent;
      } else {
        for (const reference of this.classReferences(owner)) {
          const parentNode = reference.identifier.parent;
          if (
            parentNode?.type === AST_NODE_TYPES.NewExpression &&
            parentNode.callee === reference.identifier &&
            this.runsAtLoad(parentNode)
          ) {
            result = parentNode;
            break;
          }
        }
        result ??= this.handedOverAtLoad(owner, AST_NODE_TYPES.NewExpression);
      }
    } finally {
      this.inProgress.delete(owner);
    }
    if (this.depth === 0) this.classMemo.set(owner, result ?? null);
    return result;
  }

  /** `C.init()` at load, where `init` is a static method of the same-file class C. */
  private staticMethodCallAtLoad(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    method: TSESTree.MethodDefinition,
  ): TSESTree.CallExpression | undefined {
    const name = !method.computed && method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : undefined;
    if (name === undefined) return undefined;
    for (const call of this.staticCallsOf(owner).get(name) ?? []) if (this.runsAtLoad(call)) return call;
    return this.handedOverAtLoad(method.value, AST_NODE_TYPES.CallExpression);
  }

  /**
   * The `C.name()` calls of a class by method name, found once per class: asking each static method's
   * question over every reference of its class was quadratic in a bundle's classes of many statics.
   */
  private staticCallsOf(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ): Map<string, TSESTree.CallExpression[]> {
    let byName = this.staticCalls.get(owner);
    if (byName) return byName;
    byName = new Map();
    for (const reference of this.classReferences(owner)) {
      const member = reference.identifier.parent;
      const call = member?.parent;
      if (
        member?.type !== AST_NODE_TYPES.MemberExpression ||
        member.object !== reference.identifier ||
        call?.type !== AST_NODE_TYPES.CallExpression ||
        call.callee !== member
      )
        continue;
      const name = memberName(member);
      if (name === undefined) continue;
      const calls = byName.get(name);
      if (calls) calls.push(call);
      else byName.set(name, [call]);
    }
    this.staticCalls.set(owner, byName);
    return byName;
  }

  /**
   * A `new` or call at load whose callee is what another call hands over: `new (load())()`,
   * `getAgent().create()`, where `load` returns the class (a thunk, or a memoiser's getter over one;
   * other-files.ts `declarationOf` follows them).
   */
  private handedOverAtLoad<T extends AST_NODE_TYPES.NewExpression | AST_NODE_TYPES.CallExpression>(
    declaration: TSESTree.Node,
    type: T,
  ): Extract<TSESTree.CallExpression | TSESTree.NewExpression, { type: T }> | undefined {
    const otherFiles = this.otherFiles;
    if (!otherFiles) return undefined;
    this.handedOverSites ??= otherFiles.callSites.filter(
      ({ callee }) =>
        callee.type === AST_NODE_TYPES.CallExpression ||
        (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.CallExpression),
    );
    // Upper bound: what the inner call hands over is not looked up (it may be another file's): every site.
    // Otherwise the sites whose callee names `declaration`, each callee looked up once per file rather
    // than once per class and static method asked about (quadratic in a bundle).
    const sites =
      otherFiles.upperBound !== undefined
        ? this.handedOverSites
        : (this.handedOverByDeclarationOf(otherFiles, type).get(declaration) ?? []);
    for (const site of sites)
      if (site.type === type && this.runsAtLoad(site))
        return site as Extract<TSESTree.CallExpression | TSESTree.NewExpression, { type: T }>;
    return undefined;
  }

  private handedOverByDeclarationOf(
    otherFiles: OtherFileCallers,
    type: CallSite['type'],
  ): Map<TSESTree.Node, CallSite[]> {
    let byDeclaration = this.handedOverByDeclaration.get(type);
    if (byDeclaration) return byDeclaration;
    byDeclaration = new Map();
    // Only this type's callees are looked up: a lookup may parse another file.
    for (const site of this.handedOverSites ?? []) {
      if (site.type !== type) continue;
      const named = otherFiles.declarationOf(site.callee)?.node;
      if (!named) continue;
      const sites = byDeclaration.get(named);
      if (sites) sites.push(site);
      else byDeclaration.set(named, [site]);
    }
    this.handedOverByDeclaration.set(type, byDeclaration);
    return byDeclaration;
  }
}
