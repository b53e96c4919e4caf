import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isClass, isFunction, staticString, unwrap } from './ast.js';
import { GLOBAL_OBJECTS, type Resolver } from './resolve.js';

/**
 * What a rule looks for behind a callee: module members of the modules `accepts` takes (a table's
 * modules, already without `node:`), or globals named in `globals` (the timers).
 */
export interface CalleeTarget {
  accepts(module: string): boolean;
  readonly globals: ReadonlySet<string>;
}

type Variable = TSESLint.Scope.Variable;

const NO_VARIABLES: readonly Variable[] = [];

/**
 * How many aliases one question follows (`const a = b`, `b = c.d` ...); past it the answer is "may"
 * (a lookup not saved, never a finding lost). Real code reaches a module in a few; the bound keeps the
 * recursion far from the stack's limit on generated code.
 */
const MAX_ALIAS_DEPTH = 100;

/**
 * Which callees of a file can matter, answered from names before any scope lookup. The client and
 * worker rules ask it of every call and `new` of a file that passes their text prefilter, and most
 * callees (the file's own helpers, parameters, `this`, `console`, chained calls) lead to no table row,
 * no timer and no declaration, so they are passed over without resolving them.
 *
 * Each answer is an over-approximation of what the resolver (resolve.ts) or declarationOf
 * (same-file-declaration.ts) would find, never a guess: `false` only when that lookup provably finds
 * nothing. Built once per file, lazily, on FileAnalysis.
 */
export class CalleeNames {
  /** Per target (keep one target object per table): each name asked so far, whether it can lead there. */
  private readonly reaching = new Map<CalleeTarget, Map<string, boolean>>();
  private readonly declared = new Map<string, boolean>();
  private byNameOnce: Map<string, Variable[]> | undefined;
  /** Names being decided: met again, they close an alias cycle (nameReaches). */
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly resolver: Resolver,
  ) {}

  /**
   * Whether `resolver.resolve(callee)` can be a member of a module `target` accepts, or a global it names.
   * It mirrors the resolver step by step: a member resolves within its object's value; a call only to
   * the module it `require`s by a quoted name; `a ?? b` and `c ? a : b` only when both sides resolve
   * alike; an identifier only to a global of its own name (when nothing declares it) or to what its
   * variable is given: an import, or every value a declared variable is initialised or assigned with.
   * Each name is decided on first question, for every variable of that name in the file, and kept.
   */
  mayReach(callee: TSESTree.Node, target: CalleeTarget): boolean {
    let known = this.reaching.get(target);
    if (!known) {
      known = new Map();
      this.reaching.set(target, known);
    }
    return this.leads(callee, target, known, 0);
  }

  /**
   * Whether declarationOf(callee) can find a class or function: the callee is one written in place, or
   * a name some variable of the file declares as a class or function (`class C`, `function f`,
   * `const C = class {}` / `() => {}`). Must name every answer declarationOf can give.
   */
  mayDeclare(callee: TSESTree.Node): boolean {
    const node = unwrap(callee);
    if (isClass(node) || isFunction(node)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    let declares = this.declared.get(node.name);
    if (declares === undefined) {
      declares = this.variablesNamed(node.name).some((variable) =>
        variable.defs.some((def) => {
          if (def.type === 'ClassName' || def.type === 'FunctionName') return true;
          if (def.type !== 'Variable' || !def.node.init) return false;
          const init = unwrap(def.node.init);
          return isClass(init) || isFunction(init);
        }),
      );
      this.declared.set(node.name, declares);
    }
    return declares;
  }

  /** The file's variables of one name, in any scope (one pass over the scopes, on first question). */
  private variablesNamed(name: string): readonly Variable[] {
    if (!this.byNameOnce) {
      const byName = new Map<string, Variable[]>();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? [])
        for (const variable of scope.variables) {
          const same = byName.get(variable.name);
          if (same) same.push(variable);
          else byName.set(variable.name, [variable]);
        }
      this.byNameOnce = byName;
    }
    return this.byNameOnce.get(name) ?? NO_VARIABLES;
  }

  /**
   * Whether a variable named `name` can lead to the target: an import of one of its modules, or a
   * declared variable one of whose values (initialiser, assignments) leads there. Each name is decided
   * once per target. A name met again while it is being decided: through its own value
   * (`node = node.parent`) it adds nothing, so "no" is exact; through another name's (`a = b; b = a`),
   * and past MAX_ALIAS_DEPTH aliases, the answer is "yes" (a lookup not saved, never a finding lost).
   * `from`: the name whose values are being read.
   */
  private nameReaches(
    name: string,
    target: CalleeTarget,
    known: Map<string, boolean>,
    depth: number,
    from: string | undefined,
  ): boolean {
    const memo = known.get(name);
    if (memo !== undefined) return memo;
    if (this.inProgress.has(name)) return name !== from;
    if (depth > MAX_ALIAS_DEPTH) return true;
    this.inProgress.add(name);
    const leads = (value: TSESTree.Node | null | undefined) =>
      value != null && this.leads(value, target, known, depth + 1, name);
    let result = false;
    try {
      result = this.variablesNamed(name).some(
        (variable) =>
          variable.defs.some((def) => def.type === 'ImportBinding' && this.importsTarget(def.node, target)) ||
          (variable.defs.some((def) => def.type === 'Variable') &&
            (variable.defs.some((def) => def.type === 'Variable' && leads(def.node.init)) ||
              variable.references.some((reference) => leads(reference.writeExpr)))),
      );
    } finally {
      this.inProgress.delete(name);
    }
    known.set(name, result);
    return result;
  }

  /** An import binding of a module the target accepts (the resolver's module name: own-package specifiers too). */
  private importsTarget(node: TSESTree.Node, target: CalleeTarget): boolean {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      return reference.type === AST_NODE_TYPES.TSExternalModuleReference && this.quotes(reference.expression, target);
    }
    const declaration = node.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration && this.quotes(declaration.source, target);
  }

  /** A quoted module specifier the target accepts. */
  private quotes(source: TSESTree.Node | undefined, target: CalleeTarget): boolean {
    const specifier = staticString(source);
    return specifier !== undefined && target.accepts(this.resolver.moduleName(specifier));
  }

  /** Resolver.compute's cases, each answered from names (see mayReach). */
  private leads(
    expression: TSESTree.Node,
    target: CalleeTarget,
    known: Map<string, boolean>,
    depth: number,
    from?: string,
  ): boolean {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return (
          target.globals.has(node.name) ||
          // `globalThis.setInterval` is the global `setInterval`.
          (target.globals.size > 0 && GLOBAL_OBJECTS.has(node.name)) ||
          this.nameReaches(node.name, target, known, depth, from)
        );
      case AST_NODE_TYPES.MemberExpression:
        return this.leads(node.object, target, known, depth, from);
      case AST_NODE_TYPES.CallExpression:
        // Only `require('m')` (and its spellings) resolves, to the module it names.
        return this.quotes(node.arguments[0], target);
      case AST_NODE_TYPES.AwaitExpression:
        return node.argument.type === AST_NODE_TYPES.ImportExpression && this.quotes(node.argument.source, target);
      case AST_NODE_TYPES.LogicalExpression:
        return (
          node.operator !== '&&' &&
          this.leads(node.left, target, known, depth, from) &&
          this.leads(node.right, target, known, depth, from)
        );
      case AST_NODE_TYPES.ConditionalExpression:
        return (
          this.leads(node.consequent, target, known, depth, from) &&
          this.leads(node.alternate, target, known, depth, from)
        );
      case AST_NODE_TYPES.SequenceExpression:
        return this.leads(node.expressions[node.expressions.length - 1]!, target, known, depth, from);
      default:
        return false;
    }
  }
}
