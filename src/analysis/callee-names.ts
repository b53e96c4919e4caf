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
  private readonly reaching = new Map<CalleeTarget, ReadonlySet<string>>();
  private declaredOnce: ReadonlySet<string> | undefined;

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
   * The names whose variables can lead to the target are collected once per file and target (keep one
   * target object per table), following aliases until nothing changes.
   */
  mayReach(callee: TSESTree.Node, target: CalleeTarget): boolean {
    let names = this.reaching.get(target);
    if (!names) {
      names = this.namesReaching(target);
      this.reaching.set(target, names);
    }
    return this.leads(callee, names, target);
  }

  /**
   * Whether declarationOf(callee) can find a class or function: the callee is one written in place, or
   * a name some variable of the file declares as a class or function (`class C`, `function f`,
   * `const C = class {}` / `() => {}`). Must name every answer declarationOf can give.
   */
  mayDeclare(callee: TSESTree.Node): boolean {
    const node = unwrap(callee);
    if (isClass(node) || isFunction(node)) return true;
    return node.type === AST_NODE_TYPES.Identifier && this.declared.has(node.name);
  }

  private get declared(): ReadonlySet<string> {
    if (!this.declaredOnce) {
      const names = new Set<string>();
      for (const variable of this.variables()) {
        const declares = variable.defs.some((def) => {
          if (def.type === 'ClassName' || def.type === 'FunctionName') return true;
          if (def.type !== 'Variable' || !def.node.init) return false;
          const init = unwrap(def.node.init);
          return isClass(init) || isFunction(init);
        });
        if (declares) names.add(variable.name);
      }
      this.declaredOnce = names;
    }
    return this.declaredOnce;
  }

  private *variables(): Iterable<Variable> {
    for (const scope of this.sourceCode.scopeManager?.scopes ?? []) yield* scope.variables;
  }

  private namesReaching(target: CalleeTarget): ReadonlySet<string> {
    const names = new Set<string>();
    // Declared variables and every value they are given (initialiser, assignments): an alias leads
    // where its value leads, so these are decided once the names they read are.
    const aliases: { name: string; values: TSESTree.Node[] }[] = [];
    for (const variable of this.variables()) {
      if (variable.defs.some((def) => def.type === 'ImportBinding' && this.importsTarget(def.node, target))) {
        names.add(variable.name);
        continue;
      }
      if (!variable.defs.some((def) => def.type === 'Variable')) continue; // functions, classes, parameters
      const values: TSESTree.Node[] = [];
      for (const def of variable.defs) if (def.type === 'Variable' && def.node.init) values.push(def.node.init);
      for (const reference of variable.references) if (reference.writeExpr) values.push(reference.writeExpr);
      if (values.length > 0) aliases.push({ name: variable.name, values });
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const alias of aliases) {
        if (names.has(alias.name) || !alias.values.some((value) => this.leads(value, names, target))) continue;
        names.add(alias.name);
        changed = true;
      }
    }
    return names;
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
  private leads(expression: TSESTree.Node, names: ReadonlySet<string>, target: CalleeTarget): boolean {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return (
          names.has(node.name) ||
          target.globals.has(node.name) ||
          // `globalThis.setInterval` is the global `setInterval`.
          (target.globals.size > 0 && GLOBAL_OBJECTS.has(node.name))
        );
      case AST_NODE_TYPES.MemberExpression:
        return this.leads(node.object, names, target);
      case AST_NODE_TYPES.CallExpression:
        // Only `require('m')` (and its spellings) resolves, to the module it names.
        return this.quotes(node.arguments[0], target);
      case AST_NODE_TYPES.AwaitExpression:
        return node.argument.type === AST_NODE_TYPES.ImportExpression && this.quotes(node.argument.source, target);
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator !== '&&' && this.leads(node.left, names, target) && this.leads(node.right, names, target);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.leads(node.consequent, names, target) && this.leads(node.alternate, names, target);
      case AST_NODE_TYPES.SequenceExpression:
        return this.leads(node.expressions[node.expressions.length - 1]!, names, target);
      default:
        return false;
    }
  }
}
