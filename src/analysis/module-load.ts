import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  classOfMember,
  functionName,
  immediateCall,
  isFunction,
  memberName,
  SYNC_CALLBACK_METHODS,
  type FunctionNode,
} from './ast.js';
import { isGlobal, type Resolver } from './resolve.js';

/**
 * Where code runs "at module load": the program's top level (blocks, if, try, loops and top-level await
 * included), top-level IIFEs, static blocks and static field initialisers of classes defined at load,
 * the constructor (and instance fields) of a same-file class instantiated at load, functions and static
 * methods of the same file called at load (followed a few levels, with a cycle guard), and callbacks
 * that run synchronously where they are passed: a Promise executor, array iteration callbacks.
 */

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
  private readonly inProgress = new Set<TSESTree.Node>();
  private depth = 0;
  /** How many calls or instantiations by name are being followed right now (bounded by MAX_CALL_DEPTH). */
  private followed = 0;

  constructor(private readonly resolver: Resolver) {}

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
    let result: boolean;
    try {
      result = this.compute(boundary);
    } finally {
      this.depth--;
      this.inProgress.delete(boundary);
    }
    // Only memoise answers that did not depend on an in-progress node or the depth limit being hit on
    // the way: a cheap conservative rule is to memoise at the outermost level only.
    if (this.depth === 0) this.memo.set(boundary, result);
    return result;
  }

  private compute(boundary: Boundary): boolean {
    if (boundary.type === AST_NODE_TYPES.StaticBlock) {
      const owner = classOfMember(boundary);
      return owner !== undefined && this.runsAtLoad(owner);
    }
    if (boundary.type === AST_NODE_TYPES.PropertyDefinition || boundary.type === AST_NODE_TYPES.AccessorProperty) {
      const owner = classOfMember(boundary);
      if (!owner) return false;
      return boundary.static ? this.runsAtLoad(owner) : this.follow(() => this.instantiatedAtLoad(owner));
    }
    return this.functionRunsAtLoad(boundary);
  }

  private functionRunsAtLoad(fn: FunctionNode): boolean {
    const parent = fn.parent;
    // A generator's body runs on next(), not when the generator is called.
    if (!parent || fn.generator) return false;
    // (function () { ... })(), new (function () {})(), fn.call(...) / fn.apply(...)
    const call = immediateCall(fn);
    if (call) return this.runsAtLoad(call);
    // new Promise((resolve) => ...): the executor runs synchronously.
    if (
      parent.type === AST_NODE_TYPES.NewExpression &&
      parent.arguments[0] === fn &&
      isGlobal(this.resolver.resolve(parent.callee), 'Promise')
    ) {
      return this.runsAtLoad(parent);
    }
    // [..].forEach((x) => ...)
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === fn &&
      parent.callee.type === AST_NODE_TYPES.MemberExpression &&
      SYNC_CALLBACK_METHODS.has(memberName(parent.callee) ?? '')
    ) {
      return this.runsAtLoad(parent);
    }
    // class C { constructor() { ... } }: runs when C is instantiated.
    if (parent.type === AST_NODE_TYPES.MethodDefinition) {
      const owner = classOfMember(parent);
      if (!owner) return false;
      if (parent.kind === 'constructor') return this.follow(() => this.instantiatedAtLoad(owner));
      if (parent.static && parent.kind === 'method')
        return this.follow(() => this.staticMethodCalledAtLoad(owner, parent));
      return false;
    }
    return this.follow(() => this.calledAtLoad(functionName(fn)));
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

  /** Whether some read of the name is the callee of a call that runs at load. */
  private calledAtLoad(name: TSESTree.Identifier | undefined): boolean {
    const variable = name && this.resolver.variableOf(name);
    if (!variable) return false;
    return variable.references.some((reference) => {
      const identifier = reference.identifier;
      const parent = identifier.parent;
      return (
        reference.isRead() &&
        (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
        parent.callee === identifier &&
        this.runsAtLoad(parent)
      );
    });
  }

  /**
   * Every reference to a class by name. A class declaration binds its name twice: in the enclosing scope
   * (`new C()` after it) and in the class's own scope (`static instance = new C()` inside it); a class
   * expression is also known by the variable it initialises.
   */
  private classReferences(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESLint.Scope.Reference[] {
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
      }
    } finally {
      this.inProgress.delete(owner);
    }
    if (this.depth === 0) this.classMemo.set(owner, result ?? null);
    return result;
  }

  /** `C.init()` at load, where `init` is a static method of the same-file class C. */
  private staticMethodCalledAtLoad(
    owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    method: TSESTree.MethodDefinition,
  ): boolean {
    const name = !method.computed && method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : undefined;
    if (name === undefined) return false;
    return this.classReferences(owner).some((reference) => {
      const member = reference.identifier.parent;
      const call = member?.parent;
      return (
        member?.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        memberName(member) === name &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === member &&
        this.runsAtLoad(call)
      );
    });
  }
}
