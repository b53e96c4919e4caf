import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isNullish, keyName, memberName, staticString, unwrap } from './ast.js';
import { ownPackageSpecifier } from './own-package.js';

/**
 * What an expression stands for, resolved through scopes and imports the way real code writes them:
 * - `{ kind: 'module', module, path }`: a member of a module's exports (`module` without the `node:`
 *   prefix; `path` the property names from the module object, e.g. ['Worker']);
 * - `{ kind: 'global', path }`: a member of the global object that nothing in the file shadows
 *   (`setInterval`, `globalThis.setInterval`, `process.env`).
 */
export type Resolved =
  | { readonly kind: 'module'; readonly module: string; readonly path: readonly string[] }
  | { readonly kind: 'global'; readonly path: readonly string[] };

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/**
 * How many steps (an alias, a member, a branch of `??` or `?:`) one resolution follows. Real code
 * reaches a module export in a few (`const { Worker } = require('worker_threads')` is two); the limit
 * ends pathological alias chains, and bounds how often a node cut short is resolved again (see memo).
 */
const MAX_RESOLVE_DEPTH = 12;
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'self', 'window']);
const NO_NAMES: ReadonlySet<string> = new Set();

export function normaliseModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

function extend(base: Resolved | undefined, name: string): Resolved | undefined {
  if (!base) return undefined;
  if (base.kind === 'global' && base.path.length === 1 && GLOBAL_OBJECTS.has(base.path[0]!)) {
    return { kind: 'global', path: [name] };
  }
  return { ...base, path: [...base.path, name] };
}

/** `a.default || a`, `a ?? a.default`: CommonJS/ESM interop spellings of one module object. */
function sameModuleObject(a: Resolved, b: Resolved): Resolved | undefined {
  if (a.kind !== 'module' || b.kind !== 'module' || a.module !== b.module) return undefined;
  const strip = (path: readonly string[]) => (path[0] === 'default' ? path.slice(1) : path);
  const pa = strip(a.path);
  const pb = strip(b.path);
  return pa.length === pb.length && pa.every((part, i) => part === pb[i]) ? { ...a, path: pa } : undefined;
}

function equalResolved(a: Resolved | undefined, b: Resolved | undefined): Resolved | undefined {
  if (!a || !b) return undefined;
  if (a.kind === 'global' && b.kind === 'global') {
    return a.path.length === b.path.length && a.path.every((part, i) => part === b.path[i]) ? a : undefined;
  }
  return sameModuleObject(a, b);
}

/**
 * Resolves expressions within one file. Results are memoised per node; create one per file (the
 * per-file analysis does) and never share it across files.
 */
export class Resolver {
  /**
   * Per node. A result cut short by the depth limit or a cycle (`truncated`) holds only for a question
   * asked as deep or deeper than it was (`depth`): asked from shallower, with more depth left, the node
   * is resolved again (at most MAX_RESOLVE_DEPTH times, one per depth).
   */
  private readonly memo = new Map<
    TSESTree.Node,
    { resolved: Resolved | undefined; truncated: boolean; depth: number }
  >();
  /**
   * Per variable as well as per node: every reference to a variable resolves to the same thing, and
   * resolving a variable reads all of its references (to see every value it is given), so a variable
   * read a thousand times would otherwise cost a thousand times a thousand.
   */
  private readonly variableMemo = new Map<Variable, Resolved | undefined>();
  private readonly inProgress = new Set<Variable>();
  /** How many resolutions were cut short (depth limit, cycle): a result computed without one is context-free. */
  private truncations = 0;
  /** Names of the file's variables whose value resolve() follows (an import, a declared variable): see mayResolveTo. */
  private followedNamesOnce: ReadonlySet<string> | undefined;
  private globalReferencesOnce: ReadonlySet<TSESTree.Node> | undefined;

  /** `filename`: the file on disk, so that a relative import of the file's own package resolves to its name. */
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly filename?: string,
  ) {}

  resolve(node: TSESTree.Node, depth = 0): Resolved | undefined {
    const known = this.memo.get(node);
    if (known && (!known.truncated || depth >= known.depth)) {
      // A reused result that was cut short still cuts short whatever uses it (see variableMemo).
      if (known.truncated) this.truncations++;
      return known.resolved;
    }
    if (depth > MAX_RESOLVE_DEPTH) {
      this.truncations++;
      return undefined;
    }
    const truncationsBefore = this.truncations;
    const resolved = this.compute(unwrap(node), depth);
    this.memo.set(node, { resolved, truncated: this.truncations !== truncationsBefore, depth });
    return resolved;
  }

  /**
   * Whether `resolve(node)` can be a module member, or a global whose path starts with one of `globals`,
   * answered from names alone, before any scope lookup: the rules ask it of every call's callee, and most
   * callees are the file's own functions, parameters, `this` or other globals, which never resolve to a
   * table row. It mirrors compute(): a name resolves to a module only through a variable defined by an
   * import or a declaration (followedNames), and to a global only when nothing defines it, so a name that
   * is neither followed nor one of `globals` or the global objects (`globalThis.x` is `x`) cannot; a
   * call (`require('m')`) or an `await import()` may.
   */
  mayResolveTo(node: TSESTree.Node, globals: ReadonlySet<string> = NO_NAMES): boolean {
    const current = unwrap(node);
    switch (current.type) {
      case AST_NODE_TYPES.Identifier:
        return this.followedNames.has(current.name) || globals.has(current.name) || GLOBAL_OBJECTS.has(current.name);
      case AST_NODE_TYPES.MemberExpression:
        return this.mayResolveTo(current.object, globals);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.AwaitExpression:
        return true;
      case AST_NODE_TYPES.LogicalExpression:
        return (
          current.operator !== '&&' &&
          this.mayResolveTo(current.left, globals) &&
          this.mayResolveTo(current.right, globals)
        );
      case AST_NODE_TYPES.ConditionalExpression:
        return this.mayResolveTo(current.consequent, globals) && this.mayResolveTo(current.alternate, globals);
      case AST_NODE_TYPES.SequenceExpression:
        return this.mayResolveTo(current.expressions[current.expressions.length - 1]!, globals);
      default:
        return false;
    }
  }

  private get followedNames(): ReadonlySet<string> {
    if (!this.followedNamesOnce) {
      const names = new Set<string>();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? [])
        for (const variable of scope.variables)
          if (variable.defs.some((def) => def.type === 'ImportBinding' || def.type === 'Variable'))
            names.add(variable.name);
      this.followedNamesOnce = names;
    }
    return this.followedNamesOnce;
  }

  /**
   * Whether an expression is a global or a chain of members on one (`console.log`, `Promise.all`,
   * `globalThis.fetch`), without looking its root up in the scopes: where this says yes, `resolve` says
   * global too (or nothing, for a computed member); an alias of a global is left to `resolve`. For
   * questions asked of every call of a file that end at a global.
   */
  isGlobalChain(node: TSESTree.Node): boolean {
    let root = node;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    return root.type === AST_NODE_TYPES.Identifier && this.globalReferences.has(root);
  }

  /** Every identifier of the file that reads a global: unresolved, or a configured global (no definition). */
  private get globalReferences(): ReadonlySet<TSESTree.Node> {
    if (!this.globalReferencesOnce) {
      const identifiers = new Set<TSESTree.Node>();
      const global = this.sourceCode.scopeManager?.globalScope;
      for (const reference of global?.through ?? []) identifiers.add(reference.identifier);
      for (const variable of global?.variables ?? [])
        if (variable.defs.length === 0)
          for (const reference of variable.references) identifiers.add(reference.identifier);
      this.globalReferencesOnce = identifiers;
    }
    return this.globalReferencesOnce;
  }

  /** The variable an identifier refers to, looked up from the identifier's own scope. */
  variableOf(identifier: TSESTree.Identifier): Variable | null {
    return ASTUtils.findVariable(this.scopeOf(identifier), identifier);
  }

  /** The variables a declaration declares (`getDeclaredVariables`). */
  declaredVariables(node: TSESTree.Node): readonly Variable[] {
    return this.sourceCode.getDeclaredVariables(node);
  }

  scopeOf(node: TSESTree.Node): Scope {
    return this.sourceCode.getScope(node);
  }

  private compute(node: TSESTree.Node, depth: number): Resolved | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.resolveIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        return name === undefined ? undefined : extend(this.resolve(node.object, depth + 1), name);
      }
      case AST_NODE_TYPES.CallExpression:
        return this.resolveModuleLoad(node, depth);
      case AST_NODE_TYPES.AwaitExpression:
        return node.argument.type === AST_NODE_TYPES.ImportExpression ? this.moduleOf(node.argument.source) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        if (node.operator === '&&') return undefined;
        return equalResolved(this.resolve(node.left, depth + 1), this.resolve(node.right, depth + 1));
      case AST_NODE_TYPES.ConditionalExpression:
        return equalResolved(this.resolve(node.consequent, depth + 1), this.resolve(node.alternate, depth + 1));
      case AST_NODE_TYPES.SequenceExpression:
        return this.resolve(node.expressions[node.expressions.length - 1]!, depth + 1);
      default:
        return undefined;
    }
  }

  private moduleOf(source: TSESTree.Node): Resolved | undefined {
    const specifier = staticString(source);
    return specifier === undefined ? undefined : { kind: 'module', module: this.moduleName(specifier), path: [] };
  }

  /** The module a specifier names: `node:` dropped, and a relative path to the file's own package entry as its name. */
  private moduleName(specifier: string): string {
    return ownPackageSpecifier(this.filename, specifier) ?? normaliseModule(specifier);
  }

  /** `require('x')`, `module.require('x')`, `process.getBuiltinModule('x')`. */
  private resolveModuleLoad(node: TSESTree.CallExpression, depth: number): Resolved | undefined {
    const callee = this.resolve(node.callee, depth + 1);
    if (callee?.kind !== 'global') return undefined;
    const path = callee.path.join('.');
    if (path === 'require' || path === 'module.require' || path === 'process.getBuiltinModule') {
      return this.moduleOf(node.arguments[0] as TSESTree.Node);
    }
    return undefined;
  }

  private resolveIdentifier(node: TSESTree.Identifier, depth: number): Resolved | undefined {
    const variable = this.variableOf(node);
    if (!variable || variable.defs.length === 0) return { kind: 'global', path: [node.name] };
    if (this.variableMemo.has(variable)) return this.variableMemo.get(variable);
    if (this.inProgress.has(variable)) {
      this.truncations++;
      return undefined;
    }
    this.inProgress.add(variable);
    const truncationsBefore = this.truncations;
    try {
      const resolved = this.resolveVariable(variable, depth);
      // A result cut short by the depth limit or by a cycle depends on where it was asked from: not kept.
      if (this.truncations === truncationsBefore) this.variableMemo.set(variable, resolved);
      return resolved;
    } finally {
      this.inProgress.delete(variable);
    }
  }

  private resolveVariable(variable: Variable, depth: number): Resolved | undefined {
    const [def, ...more] = variable.defs;
    if (!def || more.length > 0) return undefined;
    if (def.type === 'ImportBinding') return this.resolveImport(def.node);
    if (def.type !== 'Variable') return undefined; // functions, classes, parameters: the user's own
    const declarator = def.node;
    // Every value the variable ever holds must resolve to the same thing (`let W = a.Worker; W = b.Worker`).
    const values: Resolved[] = [];
    if (declarator.init) {
      const initial = this.resolvePattern(declarator.id, def.name, declarator.init, depth);
      if (!initial) return undefined;
      values.push(initial);
    }
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const write = reference.writeExpr;
      const parent = reference.identifier.parent;
      if (
        !write ||
        parent?.type !== AST_NODE_TYPES.AssignmentExpression ||
        parent.operator !== '=' ||
        parent.left !== reference.identifier
      ) {
        return undefined;
      }
      // `try { x = require('m') } catch { x = undefined }`: an optional module is still that module.
      if (isNullish(write)) continue;
      const value = this.resolve(write, depth + 1);
      if (!value) return undefined;
      values.push(value);
    }
    return values.reduce<Resolved | undefined>((a, b) => (a ? equalResolved(a, b) : undefined), values[0]);
  }

  /** `const { Worker: W } = require('worker_threads')`: the property path from the pattern to the name. */
  private resolvePattern(
    pattern: TSESTree.Node,
    name: TSESTree.Identifier,
    init: TSESTree.Expression,
    depth: number,
  ): Resolved | undefined {
    const path = pathInPattern(pattern, name);
    if (!path) return undefined;
    let resolved = this.resolve(init, depth + 1);
    for (const part of path) resolved = extend(resolved, part);
    return resolved;
  }

  private resolveImport(node: TSESTree.Node): Resolved | undefined {
    // TypeScript's `import wt = require('node:worker_threads')`
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (node.importKind === 'type' || reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      return this.moduleOf(reference.expression);
    }
    const declaration = node.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return undefined;
    const module = this.moduleName(declaration.source.value);
    switch (node.type) {
      case AST_NODE_TYPES.ImportSpecifier: {
        if (node.importKind === 'type') return undefined;
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
        return { kind: 'module', module, path: [imported] };
      }
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return { kind: 'module', module, path: ['default'] };
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return { kind: 'module', module, path: [] };
      default:
        return undefined;
    }
  }
}

function pathInPattern(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] | undefined {
  if (pattern === name) return [];
  if (pattern.type === AST_NODE_TYPES.Identifier) return undefined;
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return pathInPattern(pattern.left, name);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = keyName(property);
    if (key === undefined) continue;
    const rest = pathInPattern(property.value, name);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

/**
 * Whether a resolved value is `module.path` from a table, allowing the interop spellings: a leading
 * `default` (a default import or `mod.default` of a CommonJS module) may be present or not.
 */
export function isModuleMember(resolved: Resolved | undefined, module: string, path: readonly string[]): boolean {
  if (resolved?.kind !== 'module' || !moduleMatches(module, resolved.module)) return false;
  const actual = resolved.path[0] === 'default' ? resolved.path.slice(1) : resolved.path;
  const wanted = path[0] === 'default' ? path.slice(1) : path;
  return actual.length === wanted.length && actual.every((part, i) => matches(wanted[i]!, part));
}

/** Whether a resolved module (already without `node:`) is the table's module, or matches its wildcard. */
export function moduleMatches(pattern: string, module: string): boolean {
  return matches(normaliseModule(pattern), module);
}

const wildcards = new Map<string, RegExp>();

/** Equality, or a table pattern where `*` stands for any run of characters ('@aws-sdk/client-*', '*Client'). */
function matches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  let regExp = wildcards.get(pattern);
  if (!regExp) {
    regExp = new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*')}$`,
    );
    wildcards.set(pattern, regExp);
  }
  return regExp.test(value);
}

export function isGlobal(resolved: Resolved | undefined, ...path: string[]): boolean {
  return (
    resolved?.kind === 'global' &&
    resolved.path.length === path.length &&
    resolved.path.every((part, i) => part === path[i])
  );
}
