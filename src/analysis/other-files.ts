import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  isClass,
  isFunction,
  isNullish,
  keyName,
  memberName,
  staticString,
  unwrap,
  within,
  type ClassNode,
  type FunctionNode,
} from './ast.js';
import { isReassigned, singleDefinition } from './bindings.js';
import { isCommonJsExportTarget } from './exports.js';
import type { FileAnalysis } from './file-analysis.js';
import type { CallSite, LoadSite, OtherFileCallers, UpperBoundCallers } from './module-load.js';
import { importedNames } from './project-files.js';
import { walk } from './subtree-walk.js';
import { escapeRegExp } from '../util/escape-regexp.js';

/**
 * What a name of one file stands for in another, and who calls an exported function at load:
 * - `declarationOf(analysis, expression)`: the function or class an expression names, in this file or
 *   another file of the project (through imports, `require`, re-exports, barrels, `module.exports`);
 * - `ExportTable`: what each exported name of a file is (ESM exports, `module.exports = X`,
 *   `exports.X = ...`, `module.exports = { X }`, `export ... from`, `export *`, and TypeScript's
 *   CommonJS output: `Object.defineProperty(exports, 'X', { get })`, `__exportStar(require('./x'), exports)`);
 * - `OtherFileCallers` for one file: a call or `new` in another project file that runs at load (by
 *   that file's own ModuleLoad, its role guards applied) and reaches an exported declaration of this file.
 */

/** A function or class, and the file it is written in. */
export interface Declaration {
  readonly analysis: FileAnalysis;
  readonly node: FunctionNode | ClassNode;
}

type ExportValue =
  | { readonly kind: 'value'; readonly node: TSESTree.Node }
  | { readonly kind: 'from'; readonly module: string; readonly name: string };

/**
 * How many aliases, imports and re-exports one lookup follows. Real code reaches a declaration in a few
 * (an import, a barrel, the barrel's re-export); the limit ends alias loops between files.
 */
const MAX_LOOKUP_DEPTH = 8;

/**
 * How many files away from the linted file a "run at load" question is followed: the linted file's
 * function, called at load by a second file, whose caller is in a third, whose caller is in a fourth.
 * Each file adds a parse and its own same-file search (bounded by module-load.ts's MAX_CALL_DEPTH);
 * the chains that matter in SDKs (an entry's init() -> a tracer -> a processor) are three or four files
 * long, and each further file multiplies the files read for one report.
 */
const MAX_FILE_DEPTH = 3;

/** The exported names of one file. */
export class ExportTable {
  readonly named = new Map<string, ExportValue>();
  /** `export * from 'm'`, `__exportStar(require('m'), exports)`: the modules every other name may come from. */
  readonly stars: string[] = [];

  constructor(program: TSESTree.Program) {
    for (const statement of program.body) this.addStatement(statement);
  }

  private set(name: string, value: ExportValue): void {
    this.named.set(name, value);
  }

  private addStatement(statement: TSESTree.ProgramStatement): void {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration:
        this.addNamed(statement);
        return;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        this.set('default', { kind: 'value', node: statement.declaration });
        return;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported && statement.exportKind !== 'type') this.stars.push(statement.source.value);
        return;
      case AST_NODE_TYPES.ExpressionStatement:
        this.addCommonJs(statement.expression);
        return;
      default:
        return;
    }
  }

  private addNamed(statement: TSESTree.ExportNamedDeclaration): void {
    if (statement.exportKind === 'type') return;
    const declaration = statement.declaration;
    if (declaration) {
      if (
        (declaration.type === AST_NODE_TYPES.FunctionDeclaration ||
          declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
        declaration.id
      ) {
        this.set(declaration.id.name, { kind: 'value', node: declaration });
      } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init)
            this.set(declarator.id.name, { kind: 'value', node: declarator.init });
        }
      }
      return;
    }
    for (const specifier of statement.specifiers) {
      if (specifier.exportKind === 'type') continue;
      const exported = nameOf(specifier.exported);
      if (statement.source) {
        this.set(exported, { kind: 'from', module: statement.source.value, name: nameOf(specifier.local) });
      } else {
        this.set(exported, { kind: 'value', node: specifier.local });
      }
    }
  }

  private addCommonJs(expression: TSESTree.Expression): void {
    if (expression.type === AST_NODE_TYPES.SequenceExpression) {
      for (const part of expression.expressions) this.addCommonJs(part);
      return;
    }
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
      const right = unwrap(expression.right);
      // `exports.a = exports.b = void 0` (TypeScript's preamble): declares, assigns nothing yet.
      if (right.type === AST_NODE_TYPES.AssignmentExpression || isNullish(right)) return;
      const left = expression.left;
      if (left.type !== AST_NODE_TYPES.MemberExpression || !isCommonJsExportTarget(left)) return;
      const name = memberName(left);
      const isModuleExports =
        left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'module' && name === 'exports';
      if (isModuleExports) {
        this.set('default', { kind: 'value', node: right });
        if (right.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of right.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
            const key = keyName(property);
            if (key !== undefined) this.set(key, { kind: 'value', node: property.value });
          }
        }
      } else if (name !== undefined && isExportsObject(left.object)) {
        this.set(name, { kind: 'value', node: right });
      }
      return;
    }
    if (expression.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(expression.callee);
    const calleeName =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(callee)
          : undefined;
    const [first, second, third] = expression.arguments;
    // Object.defineProperty(exports, 'X', { enumerable: true, get: function () { return m.X; } })
    if (
      calleeName === 'defineProperty' &&
      first &&
      isExportsObject(first) &&
      third?.type === AST_NODE_TYPES.ObjectExpression
    ) {
      const name = staticString(second);
      const getter = third.properties.find(
        (property): property is TSESTree.Property =>
          property.type === AST_NODE_TYPES.Property && keyName(property) === 'get',
      );
      const body = getter && isFunction(getter.value) ? getter.value.body : undefined;
      const returned =
        body?.type === AST_NODE_TYPES.BlockStatement
          ? body.body.find((s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement)?.argument
          : body;
      if (name !== undefined && returned) this.set(name, { kind: 'value', node: returned });
      return;
    }
    // __exportStar(require('./x'), exports), tslib.__exportStar(...), __export(require('./x'))
    if ((calleeName === '__exportStar' || calleeName === '__export') && first) {
      const required = unwrap(first);
      if (required.type === AST_NODE_TYPES.CallExpression) {
        const module = staticString(required.arguments[0]);
        if (module !== undefined && (second === undefined || isExportsObject(second))) this.stars.push(module);
      }
    }
  }
}

/** `exports`, `module.exports`. */
function isExportsObject(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'exports';
  return (
    value.type === AST_NODE_TYPES.MemberExpression &&
    value.object.type === AST_NODE_TYPES.Identifier &&
    value.object.name === 'module' &&
    memberName(value) === 'exports'
  );
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * Set while a lookup may stay in its own file (`MaybeOtherFileCallers`): another file is then not parsed.
 * No cache lies under `declarationOf`'s recursion, so nothing answered this way is kept for other lookups.
 */
let ownFileOnly = false;

/** The analysis of the file a module name imported from `analysis`'s file stands for. */
function fileOf(analysis: FileAnalysis, module: string): FileAnalysis | undefined {
  const file = analysis.project?.fileOfModule(analysis.filename, module);
  if (!file) return undefined;
  if (file === analysis.filename) return analysis;
  return ownFileOnly ? undefined : analysis.project?.analysisOf(file);
}

/**
 * The function or class that an expression names: a same-file declaration, or, through an import or a
 * `require`, the one another project file exports under that name; a member of a class names its
 * static method. Undefined for anything else (a dependency's export, a parameter, a computed value).
 *
 * For other helpers: `declarationOf(analysis, node.callee)` for a call or `new` in the file of
 * `analysis` gives `{ analysis, node }`, where `analysis` is the FileAnalysis of the file that
 * declares it (the same object for a same-file declaration) and `node` the function (for a static
 * method, its FunctionExpression) or the class.
 */
export function declarationOf(analysis: FileAnalysis, expression: TSESTree.Node, depth = 0): Declaration | undefined {
  if (depth > MAX_LOOKUP_DEPTH) return undefined;
  let node = unwrap(expression);
  // TypeScript's CommonJS output calls imports as `(0, m_1.f)(...)`.
  if (node.type === AST_NODE_TYPES.SequenceExpression) node = unwrap(node.expressions[node.expressions.length - 1]!);
  if (isFunction(node) || isClass(node)) return { analysis, node };
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = analysis.resolver.variableOf(node);
    const def = singleDefinition(variable);
    if (def?.type === 'FunctionName' || def?.type === 'ClassName') {
      const declared = def.node as TSESTree.Node;
      if (isFunction(declared) || isClass(declared)) return { analysis, node: declared };
    }
    if (def?.type === 'Variable' && def.node.init && def.node.id === def.name && variable && !isReassigned(variable)) {
      const init = unwrap(def.node.init);
      if (isFunction(init) || isClass(init)) return { analysis, node: init };
      if (init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression) {
        const aliased = declarationOf(analysis, init, depth + 1);
        if (aliased) return aliased;
      }
    }
  }
  const resolved = analysis.resolver.resolve(node);
  if (resolved?.kind === 'module') {
    const target = fileOf(analysis, resolved.module);
    return target && exportedDeclaration(target, resolved.path, depth + 1);
  }
  // `load()`, `getAgent()`: a call of a function that hands over a class or function (a thunk, or the
  // getter a memoiser makes over one) stands for what it returns: `new (load())()`, `load().create()`.
  if (node.type === AST_NODE_TYPES.CallExpression) return returnedByCall(analysis, node, depth + 1);
  // C.create(): a static method of a class this file knows.
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    const owner = name === undefined ? undefined : declarationOf(analysis, node.object, depth + 1);
    if (owner && isClass(owner.node)) {
      const method = staticMethod(owner.node, name!);
      if (method) return { analysis: owner.analysis, node: method };
    }
  }
  return undefined;
}

/**
 * What a call returns, when that is a class or function: the one declaration every `return` of the
 * called function names (`() => require('./agent').Agent`), or, for a getter a memoiser of the project
 * made (`const getAgent = lazy(() => require('./agent').Agent)`), what the thunk handed to it returns.
 */
function returnedByCall(analysis: FileAnalysis, call: TSESTree.CallExpression, depth: number): Declaration | undefined {
  const callee = declarationOf(analysis, call.callee, depth + 1);
  if (callee) return isFunction(callee.node) ? returnedBy(callee.analysis, callee.node, depth + 1) : undefined;
  const thunk = memoisedThunk(analysis, call.callee, depth + 1);
  return thunk && isFunction(thunk.node) ? returnedBy(thunk.analysis, thunk.node, depth + 1) : undefined;
}

/** The values a function returns (its own `return`s, or an arrow's expression); undefined when one returns nothing. */
function returnedValues(fn: FunctionNode, visitorKeys: Parameters<typeof walk>[1]): TSESTree.Node[] | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  let bare = false;
  walk(fn.body, visitorKeys, (node) => {
    if (isFunction(node) || isClass(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) values.push(node.argument);
      else bare = true;
      return false;
    }
    return true;
  });
  return bare ? undefined : values;
}

/**
 * The one class or function every value `fn` returns names. An async function or a generator returns a
 * promise or an iterator, not the value of its `return`.
 */
function returnedBy(analysis: FileAnalysis, fn: FunctionNode, depth: number): Declaration | undefined {
  if (fn.async || fn.generator || depth > MAX_LOOKUP_DEPTH) return undefined;
  const values = returnedValues(fn, analysis.sourceCode.visitorKeys);
  let found: Declaration | undefined;
  for (const value of values ?? []) {
    const named = declarationOf(analysis, value, depth + 1);
    if (!named || (found && found.node !== named.node)) return undefined;
    found = named;
  }
  return found;
}

/**
 * `getAgent` in `const getAgent = lazy(() => require('./agent').Agent)`, where `lazy` is a function of
 * the project that returns a function returning what its parameter returns (`function lazy(fn) { let
 * v; return () => v ??= fn(); }`): the thunk handed to it.
 */
function memoisedThunk(analysis: FileAnalysis, callee: TSESTree.Node, depth: number): Declaration | undefined {
  const name = unwrap(callee);
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = analysis.resolver.variableOf(name);
  const def = singleDefinition(variable);
  if (def?.type !== 'Variable' || !def.node.init || def.node.id !== def.name || !variable || isReassigned(variable))
    return undefined;
  const made = unwrap(def.node.init);
  if (made.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const memoiser = declarationOf(analysis, made.callee, depth + 1);
  if (!memoiser || !isFunction(memoiser.node) || memoiser.node.async || memoiser.node.generator) return undefined;
  const outer = memoiser.node;
  const returned = returnedValues(outer, memoiser.analysis.sourceCode.visitorKeys);
  if (returned?.length !== 1) return undefined;
  const getter = declarationOf(memoiser.analysis, returned[0]!, depth + 1)?.node;
  if (!getter || !isFunction(getter) || getter.async || !within(getter, outer) || getter === outer) return undefined;
  const getterValues = returnedValues(getter, memoiser.analysis.sourceCode.visitorKeys);
  if (!getterValues?.length) return undefined;
  const resolver = memoiser.analysis.resolver;
  for (const [index, parameter] of outer.params.entries()) {
    if (parameter.type !== AST_NODE_TYPES.Identifier) continue;
    const handed = made.arguments[index];
    if (!handed || handed.type === AST_NODE_TYPES.SpreadElement) continue;
    const parameterVariable = resolver.declaredVariables(outer).find((candidate) => candidate.name === parameter.name);
    if (!parameterVariable || isReassigned(parameterVariable)) continue;
    const seen = new Set<unknown>();
    if (!getterValues.every((value) => isValueOfCall(value, parameterVariable, outer, resolver, seen))) continue;
    return declarationOf(analysis, handed, depth + 1);
  }
  return undefined;
}

type Variable = NonNullable<ReturnType<FileAnalysis['resolver']['variableOf']>>;

/**
 * Whether an expression's value is what a call of `parameter` returned: `fn()`, `v ??= fn()`,
 * `v || (v = fn())`, `done ? v : (v = fn())`, or a local of `scope` that is only ever given such a
 * value (or nothing yet: `let v = null`).
 */
function isValueOfCall(
  expression: TSESTree.Node,
  parameter: Variable,
  scope: FunctionNode,
  resolver: FileAnalysis['resolver'],
  seen: Set<unknown>,
): boolean {
  const node = unwrap(expression);
  const again = (next: TSESTree.Node) => isValueOfCall(next, parameter, scope, resolver, seen);
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return node.callee.type === AST_NODE_TYPES.Identifier && resolver.variableOf(node.callee) === parameter;
    case AST_NODE_TYPES.AssignmentExpression:
      return (
        (node.operator === '=' || node.operator === '??=' || node.operator === '||=') &&
        again(node.right) &&
        (node.operator === '=' || again(node.left))
      );
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator !== '&&' && again(node.left) && again(node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return again(node.consequent) && again(node.alternate);
    case AST_NODE_TYPES.SequenceExpression:
      return again(node.expressions.at(-1)!);
    case AST_NODE_TYPES.Identifier: {
      const variable = resolver.variableOf(node);
      const declared = variable?.defs[0]?.name;
      if (!variable || variable === parameter || !declared || !within(declared, scope)) return false;
      if (seen.has(variable)) return true;
      if (seen.size >= MAX_LOOKUP_DEPTH) return false;
      seen.add(variable);
      return variable.references.every(
        (reference) => !reference.writeExpr || isNullish(reference.writeExpr) || again(reference.writeExpr),
      );
    }
    default:
      return false;
  }
}

function staticMethod(owner: ClassNode, name: string): FunctionNode | undefined {
  for (const member of owner.body.body) {
    if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.static &&
      member.kind === 'method' &&
      keyName(member) === name &&
      isFunction(member.value)
    )
      return member.value;
  }
  return undefined;
}

/**
 * What a path of export names stands for in a file: `[]` and `['default']` the default export (or
 * `module.exports`), `['X']` a named export, `['C', 'create']` a static method of an exported class.
 */
export function exportedDeclaration(file: FileAnalysis, path: readonly string[], depth = 0): Declaration | undefined {
  if (depth > MAX_LOOKUP_DEPTH) return undefined;
  const names = path.length === 0 ? ['default'] : [...path];
  // `require('./x').default.X`, an ESM default import of a CommonJS module: `default` is the module
  // object, unless it is a class whose static method is meant.
  if (names[0] === 'default' && names.length > 1) {
    const whole = exportedName(file, 'default', depth);
    if (!(whole && isClass(whole.node) && names.length === 2)) names.shift();
  }
  const found = exportedName(file, names[0]!, depth);
  if (!found || names.length === 1) return found;
  if (names.length === 2 && isClass(found.node)) {
    const method = staticMethod(found.node, names[1]!);
    return method && { analysis: found.analysis, node: method };
  }
  return undefined;
}

function exportedName(file: FileAnalysis, name: string, depth: number): Declaration | undefined {
  const table = file.exportTable;
  const value = table.named.get(name);
  if (value?.kind === 'value') return declarationOf(file, value.node, depth + 1);
  if (value?.kind === 'from') {
    const target = fileOf(file, value.module);
    return target && exportedDeclaration(target, [value.name], depth + 1);
  }
  if (name === 'default') return undefined;
  for (const module of table.stars) {
    const target = fileOf(file, module);
    const found = target && exportedDeclaration(target, [name], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether a found declaration is `node` of `filename`. By place, not identity: the linted file's own AST
 * is ESLint's, while another file that imports it sees the parse of it on disk.
 */
export function isSameDeclaration(found: Declaration | undefined, filename: string, node: TSESTree.Node): boolean {
  return (
    found !== undefined &&
    found.analysis.filename === filename &&
    found.node.type === node.type &&
    found.node.range[0] === node.range[0] &&
    found.node.range[1] === node.range[1]
  );
}

/**
 * False when `callee` resolves to a member of another project file from which no quoted module name
 * leads to `filename` (import-graph.ts): `declarationOf` would parse that file, and the files it
 * imports, for a declaration that cannot be `filename`'s. True otherwise (asked as before).
 */
function mayNameDeclarationIn(analysis: FileAnalysis, callee: TSESTree.Node, filename: string): boolean {
  const resolved = analysis.resolver.resolve(callee);
  if (resolved?.kind !== 'module' || !analysis.project) return true;
  const file = analysis.project.fileOfModule(analysis.filename, resolved.module);
  return !file || file === filename || analysis.project.mayImport(file, filename);
}

/** The names other files may import a declaration of this file by (its exports, or its class's for a static method). */
function exportNamesOf(file: FileAnalysis, node: FunctionNode | ClassNode): string[] {
  const names: string[] = [];
  for (const [name, value] of file.exportTable.named) {
    if (value.kind === 'value' && declarationOf(file, value.node)?.node === node) names.push(name);
  }
  return names;
}

/** The calls and constructions of a file, in source order (what another file's declaration may be reached by). */
export function callSites(analysis: FileAnalysis): CallSite[] {
  const sites: CallSite[] = [];
  walk(analysis.sourceCode.ast, analysis.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) sites.push(node);
  });
  return sites;
}

/**
 * Shared by every file's OtherFileCallers of one lint process: how many files deep the question being
 * answered now is, which declarations are being followed (a cycle between files ends there), and how
 * often an answer was cut short by either (such an answer is not kept: see ModuleLoad's memo).
 */
const following = new Set<TSESTree.Node>();
let fileDepth = 0;
let cutShort = 0;

/** The method definition of a static method's function (imported through its class), or undefined. */
function staticMethodOf(declaration: FunctionNode | ClassNode): TSESTree.MethodDefinition | undefined {
  return declaration.parent?.type === AST_NODE_TYPES.MethodDefinition ? declaration.parent : undefined;
}

/** The names another file may import `declaration` by: its exports, or its class's for a static method. */
function importNamesOf(analysis: FileAnalysis, declaration: FunctionNode | ClassNode): string[] {
  const exported = staticMethodOf(declaration)?.parent?.parent ?? declaration;
  return isClass(exported) || isFunction(exported) ? exportNamesOf(analysis, exported) : [];
}

/**
 * Callers in other files without reading them: "maybe" for every declaration another file could import
 * (the search in `OtherFiles` looks only at those), and for every callee the full answer would look up.
 * The ModuleLoad over these answers yes wherever the full one does (an upper bound, from this file
 * alone): a "no" from it settles "does this run at load" without the search or any parse of another file.
 */
export class MaybeOtherFileCallers implements OtherFileCallers, UpperBoundCallers {
  readonly truncations = 0;

  constructor(private readonly analysis: FileAnalysis) {}

  get upperBound(): UpperBoundCallers {
    return this;
  }

  /**
   * Whether `declaration` has a name another file may import it by (`exportNamesOf`'s test, answered
   * from the set of this file's exported declarations, built once).
   */
  mayBeCalledElsewhere(declaration: FunctionNode | ClassNode): boolean {
    const analysis = this.analysis;
    if (!analysis.project || !analysis.filename) return false;
    const exported = staticMethodOf(declaration)?.parent?.parent ?? declaration;
    if (!isClass(exported) && !isFunction(exported)) return false;
    const declarations = (this.exportedOnce ??= this.exportedDeclarations());
    return declarations === 'unknown' || declarations.has(exported);
  }

  private exportedOnce: ReadonlySet<TSESTree.Node> | 'unknown' | undefined;

  /**
   * The declarations this file exports by name. Found without leaving the file: a lookup through another
   * file ends in that file's own parse, never at this file's node, so these are the declarations the
   * full search can find names for.
   */
  private exportedDeclarations(): ReadonlySet<TSESTree.Node> | 'unknown' {
    const found = new Set<TSESTree.Node>();
    ownFileOnly = true;
    try {
      for (const value of this.analysis.exportTable.named.values()) {
        const declared = value.kind === 'value' ? declarationOf(this.analysis, value.node)?.node : undefined;
        if (declared) found.add(declared);
      }
      return found;
    } catch {
      return 'unknown'; // could not tell: every declaration may be imported
    } finally {
      ownFileOnly = false;
    }
  }

  siteAtLoad(): LoadSite | undefined {
    return undefined; // never asked: ModuleLoad asks `upperBound` instead
  }

  declarationOf(): Declaration | undefined {
    return undefined; // never asked: ModuleLoad asks `upperBound` instead
  }

  get callSites(): readonly CallSite[] {
    return this.analysis.callSites;
  }
}

/** The answer to "which other file calls this file's declaration at load", for one file. */
export class OtherFiles implements OtherFileCallers {
  private readonly answers = new Map<TSESTree.Node, LoadSite | null>();

  constructor(private readonly analysis: FileAnalysis) {}

  get truncations(): number {
    return cutShort;
  }

  declarationOf(expression: TSESTree.Node): Declaration | undefined {
    return this.analysis.declarationOf(expression);
  }

  get callSites(): readonly CallSite[] {
    return this.analysis.callSites;
  }

  siteAtLoad(declaration: FunctionNode | ClassNode): LoadSite | undefined {
    const known = this.answers.get(declaration);
    if (known !== undefined) return known ?? undefined;
    if (!this.analysis.project || !this.analysis.filename) return undefined;
    if (following.has(declaration) || fileDepth >= MAX_FILE_DEPTH) {
      cutShort++;
      return undefined;
    }
    following.add(declaration);
    fileDepth++;
    const before = cutShort;
    let found: LoadSite | undefined;
    try {
      found = this.search(declaration);
    } catch {
      // Another file's code is not the linted file's: whatever it holds, no report goes through it and
      // the lint goes on.
      found = undefined;
    } finally {
      fileDepth--;
      following.delete(declaration);
    }
    if (found || cutShort === before) this.answers.set(declaration, found ?? null);
    return found;
  }

  private search(declaration: FunctionNode | ClassNode): LoadSite | undefined {
    const analysis = this.analysis;
    const filename = analysis.filename!;
    const method = staticMethodOf(declaration);
    const names = importNamesOf(analysis, declaration);
    if (names.length === 0) return undefined;
    const wanted = names.filter((name) => name !== 'default');
    const fileNames = importedNames(filename);
    const wantsNew = isClass(declaration);
    // What a file that calls it must contain: `new` for a class, and a call of the name (`name(`,
    // `x.name(`, TypeScript's `(0, x.name)(`), or of the static method's name.
    const methodName = method && keyName(method);
    const called = methodName ?? (wantsNew ? undefined : wanted.length === names.length ? wanted : undefined);
    const callPattern = called && new RegExp(`(?:${[called].flat().map(escapeRegExp).join('|')})\\s*\\)?\\s*\\(`);
    const project = analysis.project!;
    for (const file of project.candidates(filename)) {
      if (file === filename) continue;
      const text = project.text(file);
      if (text === undefined) continue;
      // Cheap first: the file must mention a name the declaration is exported as (or, for a default
      // export, the file's own name), and call or construct something by it.
      const mentions =
        wanted.some((name) => text.includes(name)) ||
        (names.length > wanted.length && fileNames.some((name) => text.includes(name)));
      if (!mentions || (wantsNew && !text.includes('new ')) || (callPattern && !callPattern.test(text))) continue;
      // A caller names the declaration through a module name it quotes (import-graph.ts): a file with no
      // such path to this one is not parsed.
      if (!project.mayImport(file, filename)) continue;
      const other = project.analysisOf(file);
      if (!other) continue;
      for (const site of other.callSites) {
        if ((site.type === AST_NODE_TYPES.NewExpression) !== wantsNew) continue;
        if (!mayNameDeclarationIn(other, site.callee, filename)) continue;
        if (!isSameDeclaration(other.declarationOf(site.callee), filename, declaration)) continue;
        if (other.roleGuards.isGuarded(site) || !other.moduleLoad.runsAtLoad(site)) continue;
        return { node: site, moduleLoad: other.moduleLoad, analysis: other };
      }
    }
    return undefined;
  }
}
