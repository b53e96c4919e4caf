import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isNullish, unwrap, type ClassNode } from '../analysis/ast.js';
import { declaredBinding, declaredClass, isReassigned } from '../analysis/bindings.js';
import type { ClassFields, MemberWrites } from '../analysis/class-fields.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { someNode } from '../analysis/subtree-walk.js';
import type { Copy } from '../detect/long-lived/index.js';
import { removeStatement, replaceReference, type Rewrite } from './edits.js';
import { indentUnit, lineIndent } from './indent.js';
import { operandText } from './operand.js';

/**
 * Rewrites for no-cached-handle: a copy kept in a field becomes a getter that reads through, a bound
 * method copy becomes an arrow function that looks the method up at call time, and a module-scope copy
 * has its uses read through. Builders return undefined when they cannot produce correct code; `safe`
 * says whether the rewrite may be applied by --fix (otherwise it is a suggestion).
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
interface Replacement {
  readonly node: TSESTree.Node;
  readonly text: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** How many constructor consts a getter's body is rewritten through (`const a = b.c; const d = a.e`): a few in real constructors. */
const MAX_CONST_DEPTH = 4;
/** How many same-file base classes are checked before giving up (a getter is then only suggested). */
const MAX_BASE_CLASSES = 8;

/** The text of a node with some of its sub-nodes replaced. */
function textWith(sourceCode: SourceCode, node: TSESTree.Node, replacements: readonly Replacement[]): string {
  let text = '';
  let position = node.range[0];
  const inside = replacements
    .filter((r) => r.node.range[0] >= node.range[0] && r.node.range[1] <= node.range[1])
    .sort((a, b) => a.node.range[0] - b.node.range[0]);
  for (const replacement of inside) {
    text += sourceCode.text.slice(position, replacement.node.range[0]) + replacement.text;
    position = replacement.node.range[1];
  }
  return text + sourceCode.text.slice(position, node.range[1]);
}

function containsAny(root: TSESTree.Node, sourceCode: SourceCode, types: ReadonlySet<string>): boolean {
  return someNode(root, sourceCode.visitorKeys, (node) => types.has(node.type));
}

const SCOPED = new Set<string>([
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.Super,
  AST_NODE_TYPES.MetaProperty,
]);
const CALLS = new Set<string>([AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression]);

/** The references to variables made inside an expression that creates no scope of its own. */
function referencesIn(expression: TSESTree.Node, analysis: FileAnalysis): TSESLint.Scope.Reference[] {
  const scope = analysis.resolver.scopeOf(expression);
  const within = (node: TSESTree.Node) => node.range[0] >= expression.range[0] && node.range[1] <= expression.range[1];
  return scope.references.filter((reference) => within(reference.identifier));
}

/**
 * The text of an expression from a constructor as a getter or a callback would read it, through `this`:
 * a constructor parameter the constructor keeps on `this` becomes `this.<field>`, a `const` of the
 * constructor declared before the copy becomes its initialiser (read through the same way); module-scope
 * and global names stay. `safe` is false when the parameter is stored after the copy was taken.
 */
function throughThis(
  expression: TSESTree.Node,
  copyStatement: TSESTree.Node | undefined,
  fields: ClassFields,
  analysis: FileAnalysis,
  depth = 0,
): { readonly text: string; readonly replacements: Replacement[]; readonly safe: boolean } | undefined {
  const sourceCode = analysis.sourceCode;
  const constructor = fields.constructorMethod;
  if (depth > MAX_CONST_DEPTH || !constructor || containsAny(expression, sourceCode, SCOPED)) return undefined;
  const replacements: Replacement[] = [];
  let safe = true;
  for (const reference of referencesIn(expression, analysis)) {
    const variable = reference.resolved;
    if (!variable) continue;
    const scopeType = variable.scope.type;
    if (scopeType === 'module' || scopeType === 'global' || scopeType === 'class') continue;
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || !def || variable.scope.block !== constructor.value) return undefined;
    if (def.type === 'Parameter') {
      const stored = fields.storedParameter(def.name as TSESTree.Identifier);
      if (!stored) return undefined;
      if (stored.statement && copyStatement && stored.statement.range[0] > copyStatement.range[0]) safe = false;
      replacements.push({ node: reference.identifier, text: `this.${stored.field}` });
    } else if (
      def.type === 'Variable' &&
      def.parent.kind === 'const' &&
      def.node.id === def.name &&
      def.node.init &&
      copyStatement &&
      def.node.range[1] < copyStatement.range[0]
    ) {
      const init = def.node.init;
      const inner = throughThis(init, copyStatement, fields, analysis, depth + 1);
      if (!inner) return undefined;
      safe &&= inner.safe;
      replacements.push({ node: reference.identifier, text: operandText(inner.text, init) });
    } else {
      return undefined;
    }
  }
  return { text: textWith(sourceCode, expression, replacements), replacements, safe };
}

/**
 * TypeScript, `this.send = this.client.send.bind(this.client)` in the constructor with the field's type
 * declared -> a getter of that type returning the bind: the declared type keeps every overload, where
 * the arrow's `Parameters<>` keeps only the last (TS2322). Each read then binds anew, so only when every
 * read of the field is a call (nothing can compare or unregister the function); always a suggestion.
 */
export function boundGetterRewrite(
  site: ClassCopySite,
  assignment: TSESTree.AssignmentExpression,
  copy: Copy,
  analysis: FileAnalysis,
): Rewrite | undefined {
  const { fields, name } = site;
  const declaration = fields.declarations(name)[0];
  if (
    !copy.bind ||
    declaration?.type !== AST_NODE_TYPES.PropertyDefinition ||
    !declaration.typeAnnotation ||
    fields
      .accesses(name)
      .some(
        (access) =>
          access.node !== assignment.left &&
          !(access.node.parent.type === AST_NODE_TYPES.CallExpression && access.node.parent.callee === access.node),
      )
  )
    return undefined;
  const rewrite = constructorGetterRewrite(site, assignment, { ...copy, read: copy.bind }, analysis);
  return rewrite && { safe: false, fix: rewrite.fix };
}

/** `private override`: the modifiers a getter keeps from a field (never `readonly`, `declare` or `static` unless static). */
function modifiersOf(field: TSESTree.PropertyDefinition): string {
  return [field.accessibility, field.static ? 'static' : undefined, field.override ? 'override' : undefined]
    .filter(Boolean)
    .map((m) => `${m} `)
    .join('');
}

function getterText(options: {
  decorators: string;
  modifiers: string;
  key: string;
  returnType: string;
  body: string;
  indent: string;
  unit: string;
}): string {
  const { decorators, modifiers, key, returnType, body, indent, unit } = options;
  return `${decorators}${modifiers}get ${key}()${returnType} {\n${indent}${unit}return ${body};\n${indent}}`;
}

/** A field's decorators (espree gives a field no `decorators` array at all). */
function decoratorsOf(field: TSESTree.PropertyDefinition): readonly TSESTree.Decorator[] {
  return (field.decorators as readonly TSESTree.Decorator[] | undefined) ?? [];
}

function decoratorsText(sourceCode: SourceCode, field: TSESTree.PropertyDefinition, indent: string): string {
  const decorators = decoratorsOf(field);
  if (decorators.length === 0) return '';
  const last = decorators[decorators.length - 1]!;
  const separator = last.loc.end.line < field.key.loc.start.line ? `\n${indent}` : ' ';
  return decorators.map((decorator) => sourceCode.getText(decorator)).join(' ') + separator;
}

/** Reads of `this.<name>` that run before `statement` while the instance is built (field initialisers, earlier constructor code). */
function readBefore(
  fields: ClassFields,
  name: string,
  statement: TSESTree.Node | undefined,
  field?: TSESTree.PropertyDefinition,
): boolean {
  return fields.accesses(name).some((access) => {
    if (access.kind !== 'read' || access.phase !== 'init') return false;
    if (access.member.type !== AST_NODE_TYPES.MethodDefinition)
      return field ? access.member.range[0] < field.range[0] : true;
    return statement !== undefined && access.node.range[0] < statement.range[0];
  });
}

/**
 * Whether the classes this one extends leave the member alone: each is a class of this file that
 * neither declares nor writes it. A base class from elsewhere might assign it (which a getter without a
 * setter would make throw) or define it as an own property (which would hide the getter).
 */
function basesLeaveAlone(owner: ClassNode, name: string, analysis: FileAnalysis): boolean {
  let current: ClassNode = owner;
  for (let depth = 0; depth < MAX_BASE_CLASSES; depth++) {
    const base = current.superClass;
    if (!base) return true;
    if (base.type !== AST_NODE_TYPES.Identifier) return false;
    const baseClass = declaredClass(analysis.resolver, base);
    if (!baseClass) return false;
    const fields = analysis.classFields(baseClass);
    if (
      fields.declarations(name).length > 0 ||
      fields.methods(name).length > 0 ||
      fields.accesses(name).some((access) => access.kind === 'write')
    ) {
      return false;
    }
    current = baseClass;
  }
  return false;
}

export interface ClassCopySite {
  readonly owner: ClassNode;
  readonly fields: ClassFields;
  readonly writes: MemberWrites;
  /** The field the copy is kept in ('api', '#api'). */
  readonly name: string;
}

/**
 * `this.api = this.resources.api;` in a constructor -> the statement goes and the class gets
 * `get api() { return this.resources.api; }`, in place of the field's declaration when it has one
 * (keeping its accessibility and `override`, its type as the return type, dropping `readonly`, `!`,
 * `declare`). A fix when nothing else writes the member, nothing reads it before the copy, the
 * declaration is plain and a parameter is kept on `this` before the copy; a suggestion otherwise
 * (a decorated field keeps its decorators on the getter). None for a parameter property, an
 * `accessor`, a copy nested in a block, or a copy of something the getter cannot reach.
 */
export function constructorGetterRewrite(
  site: ClassCopySite,
  assignment: TSESTree.AssignmentExpression,
  copy: Copy,
  analysis: FileAnalysis,
): Rewrite | undefined {
  const { owner, fields, writes, name } = site;
  const sourceCode = analysis.sourceCode;
  const statement = assignment.parent;
  const constructor = fields.constructorMethod;
  if (
    !constructor ||
    statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
    statement.parent !== constructor.value.body ||
    assignment.operator !== '=' ||
    unwrap(assignment.right) !== copy.read
  ) {
    return undefined;
  }
  const declarations = fields.declarations(name);
  const declaration = declarations[0];
  if (
    declarations.length > 1 ||
    (declaration && declaration.type !== AST_NODE_TYPES.PropertyDefinition) ||
    fields.methods(name).length > 0
  )
    return undefined;
  if (!declaration && !IDENTIFIER.test(name)) return undefined;
  const through = throughThis(copy.read, statement, fields, analysis);
  if (!through) return undefined;

  const safe =
    through.safe &&
    writes.writesOtherThan(name, [assignment.left], owner).length === 0 &&
    writes.declaredInSubclasses(name, owner).length === 0 &&
    basesLeaveAlone(owner, name, analysis) &&
    !readBefore(fields, name, statement) &&
    (!declaration || (decoratorsOf(declaration).length === 0 && (!declaration.value || isNullish(declaration.value))));

  const anchor = declaration ?? constructor;
  const indent = lineIndent(sourceCode, anchor);
  const getter = getterText({
    decorators: declaration ? decoratorsText(sourceCode, declaration, indent) : '',
    modifiers: declaration ? modifiersOf(declaration) : '',
    key: declaration
      ? declaration.computed
        ? `[${sourceCode.getText(declaration.key)}]`
        : sourceCode.getText(declaration.key)
      : name,
    returnType: declaration?.typeAnnotation ? sourceCode.getText(declaration.typeAnnotation) : '',
    body: through.text,
    indent,
    unit: indentUnit(sourceCode, owner, anchor),
  });
  return {
    safe,
    fix: (fixer) => [
      removeStatement(fixer, sourceCode, statement),
      declaration
        ? fixer.replaceText(declaration, getter)
        : fixer.insertTextAfter(constructor, `\n\n${indent}${getter}`),
    ],
  };
}

/**
 * `api = this.resources.api;` as a field -> `get api() { return this.resources.api; }` in its place
 * (static stays static). A fix when nothing else writes the member, no earlier field initialiser reads
 * it and the field is not decorated; a suggestion otherwise.
 */
export function fieldGetterRewrite(
  site: ClassCopySite,
  field: TSESTree.PropertyDefinition,
  copy: Copy,
  analysis: FileAnalysis,
): Rewrite | undefined {
  const { owner, fields, writes, name } = site;
  const sourceCode = analysis.sourceCode;
  if (!field.value || unwrap(field.value) !== copy.read || field.declare || containsAny(copy.read, sourceCode, SCOPED))
    return undefined;
  const indent = lineIndent(sourceCode, field);
  const safe =
    decoratorsOf(field).length === 0 &&
    writes.writesOtherThan(name, [], owner).length === 0 &&
    writes.declaredInSubclasses(name, owner).length === 0 &&
    (field.static || basesLeaveAlone(owner, name, analysis)) &&
    (field.static || (fields.methods(name).length === 0 && !readBefore(fields, name, undefined, field)));
  const getter = getterText({
    decorators: decoratorsText(sourceCode, field, indent),
    modifiers: modifiersOf(field),
    key: field.computed ? `[${sourceCode.getText(field.key)}]` : sourceCode.getText(field.key),
    returnType: field.typeAnnotation ? sourceCode.getText(field.typeAnnotation) : '',
    body: sourceCode.getText(copy.read),
    indent,
    unit: indentUnit(sourceCode, owner, field),
  });
  return { safe, fix: (fixer) => [fixer.replaceText(field, getter)] };
}

/** `typeof a.b.send`, or `ReturnType<typeof holder.get>['send']` through one call without arguments; undefined beyond that. */
function typeQueryText(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  replacements: readonly Replacement[],
): string | undefined {
  if (replacements.some((replacement) => replacement.text.includes('('))) return undefined;
  if (!containsAny(node, sourceCode, CALLS)) return `typeof ${textWith(sourceCode, node, replacements)}`;
  const names: string[] = [];
  let current = unwrap(node);
  while (
    current.type === AST_NODE_TYPES.MemberExpression &&
    !current.computed &&
    current.property.type === AST_NODE_TYPES.Identifier
  ) {
    names.unshift(current.property.name);
    current = unwrap(current.object);
  }
  if (
    current.type !== AST_NODE_TYPES.CallExpression ||
    current.arguments.length > 0 ||
    containsAny(current.callee, sourceCode, CALLS)
  )
    return undefined;
  return `ReturnType<typeof ${textWith(sourceCode, current.callee, replacements)}>${names.map((name) => `['${name}']`).join('')}`;
}

/**
 * `client.send.bind(client)` -> `(...args) => client.send(...args)`: the method is looked up on the
 * current object at every call. In TypeScript the rest parameter is typed `Parameters<typeof ...>`,
 * which keeps only the last overload, so it is a suggestion there; in JavaScript a fix unless the
 * binding is exported. Only a bind without pre-set arguments (those would be evaluated at each call).
 */
export function bindArrowRewrite(
  copy: Copy,
  analysis: FileAnalysis,
  options: {
    typescript: boolean;
    exported: boolean;
    inConstructor?: { fields: ClassFields; statement: TSESTree.Node | undefined };
  },
): Rewrite | undefined {
  const bind = copy.bind;
  const sourceCode = analysis.sourceCode;
  if (!bind || bind.arguments.length !== 1 || bind.optional || containsAny(copy.read, sourceCode, SCOPED))
    return undefined;
  let replacements: Replacement[] = [];
  let substituted = true;
  if (options.inConstructor) {
    const through = throughThis(copy.read, options.inConstructor.statement, options.inConstructor.fields, analysis);
    if (!through) return undefined;
    replacements = through.replacements;
    substituted = through.safe;
  }
  const taken = new Set(referencesIn(copy.read, analysis).map((reference) => reference.identifier.name));
  const args = ['args', 'callArgs', 'forwarded'].find((name) => !taken.has(name));
  if (!args) return undefined;
  let type = '';
  if (options.typescript) {
    const query = typeQueryText(sourceCode, copy.read, replacements);
    if (!query) return undefined;
    type = `: Parameters<${query}>`;
  }
  const method = textWith(sourceCode, copy.read, replacements);
  return {
    safe: !options.typescript && !options.exported && substituted,
    fix: (fixer) => [fixer.replaceText(bind, `(...${args}${type}) => ${method}(...${args})`)],
  };
}

/** The text an expression takes where an identifier stood; as the callee of `new`, a call in it must be wrapped too (`new (a.b())()`). */
function asOperand(sourceCode: SourceCode, expression: TSESTree.Node, at: TSESTree.Identifier): string {
  const text = sourceCode.getText(expression);
  const newCallee =
    at.parent?.type === AST_NODE_TYPES.NewExpression &&
    at.parent.callee === at &&
    containsAny(expression, sourceCode, CALLS);
  return newCallee ? `(${text})` : operandText(text, expression);
}

/** Every use of a module-scope binding, when each can take `read` in its place: the same names mean the same there, no write, no export. */
function rewritableUses(
  variable: TSESLint.Scope.Variable,
  read: TSESTree.Node,
  analysis: FileAnalysis,
): TSESTree.Identifier[] | undefined {
  const sourceCode = analysis.sourceCode;
  const names = referencesIn(read, analysis).map((reference) => ({
    name: reference.identifier.name,
    variable: ASTUtils.findVariable(analysis.resolver.scopeOf(reference.identifier), reference.identifier.name),
  }));
  const uses: TSESTree.Identifier[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier as TSESTree.Identifier;
    const parent = identifier.parent;
    if (reference.isWrite() || parent?.type === AST_NODE_TYPES.ExportSpecifier) return undefined;
    if (parent?.type === AST_NODE_TYPES.TSTypeQuery || parent?.type === AST_NODE_TYPES.TSQualifiedName) {
      if (containsAny(read, sourceCode, CALLS) || read.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    }
    const scope = analysis.resolver.scopeOf(identifier);
    if (names.some(({ name, variable: meant }) => ASTUtils.findVariable(scope, name) !== meant)) return undefined;
    uses.push(identifier);
  }
  return uses;
}

/**
 * `const api = client.api;` at module scope -> the declaration goes and every use reads `client.api`.
 * A fix for a local binding that is never reassigned. An exported one (`export const api = ...`) gets
 * a suggestion instead: export an accessor, `export const getApi = () => client.api`, that importers
 * call (and the file's own uses call it too).
 */
export function moduleReadThroughRewrite(
  declarator: TSESTree.VariableDeclarator,
  analysis: FileAnalysis,
): Rewrite | undefined {
  const init = declarator.init;
  const declared = init && declaredBinding(init, analysis);
  if (!init || !declared || declared.reassigned || containsAny(init, analysis.sourceCode, SCOPED)) return undefined;
  const sourceCode = analysis.sourceCode;
  const uses = rewritableUses(declared.variable, unwrap(init), analysis);
  if (!uses) return undefined;
  if (declared.exported) {
    if (declared.declaration.parent?.type !== AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
    const accessor = `get${declared.name[0]!.toUpperCase()}${declared.name.slice(1)}`;
    if (
      analysis.namesInUse.has(accessor) ||
      uses.some(
        (use) => use.parent?.type === AST_NODE_TYPES.TSTypeQuery || use.parent?.type === AST_NODE_TYPES.TSQualifiedName,
      )
    ) {
      return undefined;
    }
    return {
      safe: false,
      fix: (fixer) => [
        fixer.replaceText(declarator.id, accessor),
        fixer.replaceText(init, `() => ${sourceCode.getText(init)}`),
        ...uses.map((use) => replaceReference(fixer, use, `${accessor}()`)),
      ],
    };
  }
  if (declared.declaration.parent?.type !== AST_NODE_TYPES.Program) return undefined;
  return {
    safe: true,
    fix: (fixer) => [
      removeStatement(fixer, sourceCode, declared.declaration),
      ...uses.map((use) => replaceReference(fixer, use, asOperand(sourceCode, init, use))),
    ],
  };
}

/**
 * `const { api, queue } = client;` at module scope, for one property -> the property goes from the
 * pattern (the whole declaration with its last property) and every use of its binding reads
 * `client.api`. A fix for a local, never reassigned binding in a pattern without a rest element.
 */
export function destructuredReadThroughRewrite(
  property: TSESTree.Property,
  key: string,
  analysis: FileAnalysis,
): Rewrite | undefined {
  const sourceCode = analysis.sourceCode;
  const pattern = property.parent as TSESTree.ObjectPattern;
  const declarator = pattern.parent;
  const declaration = declarator?.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declaration?.type !== AST_NODE_TYPES.VariableDeclaration ||
    declaration.parent?.type !== AST_NODE_TYPES.Program ||
    declaration.declarations.length !== 1 ||
    !declarator.init ||
    pattern.properties.some((p) => p.type === AST_NODE_TYPES.RestElement) ||
    property.value.type !== AST_NODE_TYPES.Identifier ||
    containsAny(declarator.init, sourceCode, SCOPED)
  ) {
    return undefined;
  }
  const variable = analysis.resolver.variableOf(property.value);
  if (!variable || isReassigned(variable)) return undefined;
  const init = unwrap(declarator.init);
  const uses = rewritableUses(variable, init, analysis);
  if (
    !uses ||
    uses.some(
      (use) => use.parent?.type === AST_NODE_TYPES.TSTypeQuery || use.parent?.type === AST_NODE_TYPES.TSQualifiedName,
    )
  )
    return undefined;
  // Decided by the whole initializer: `client as Foo` must be wrapped even though `client` need not be.
  const object = operandText(sourceCode.getText(declarator.init), declarator.init);
  const read = `${object}${IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
  const others = pattern.properties.filter((p) => p !== property);
  return {
    safe: true,
    fix: (fixer) => {
      const edits = uses.map((use) => replaceReference(fixer, use, read));
      if (others.length === 0) return [removeStatement(fixer, sourceCode, declaration), ...edits];
      const after = sourceCode.getTokenAfter(property);
      if (after?.value === ',') {
        const next = sourceCode.getTokenAfter(after, { includeComments: true })!;
        return [fixer.removeRange([property.range[0], next.range[0]]), ...edits];
      }
      const before = sourceCode.getTokenBefore(property)!;
      return [fixer.removeRange([before.range[0], property.range[1]]), ...edits];
    },
  };
}
