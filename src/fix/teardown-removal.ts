import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isStatementExpression, keyName, unwrap } from '../analysis/ast.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { someNode } from '../analysis/subtree-walk.js';
import type { Registration } from '../detect/process-listeners/index.js';
import { isTypeScriptFile } from './edits.js';
import { firstFreeName } from './free-names.js';
import { indentUnit, lineIndent, reindent } from './indent.js';

/**
 * The methods that end an instance's life, in the order one is picked: where a reviewer removes the
 * process listeners the instance added.
 */
const TEARDOWN_METHODS = ['stop', 'close', 'destroy', 'shutdown', 'dispose', 'terminate'];

export interface TeardownRewrite {
  /** The private field that keeps the handler, `#onSigterm`. */
  readonly field: string;
  /** The method the removal goes into. */
  readonly teardown: string;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * `start() { process.on('SIGTERM', () => this.stop()); }` in a class with a `stop()` (or close(),
 * destroy() ...): the handler moves to a private field, `#onSigterm = () => this.stop();`, the
 * registration adds that field's function, and the teardown method removes it first thing
 * (`process.off('SIGTERM', this.#onSigterm)`). Every instance then adds its own handler and takes it
 * away when it stops, so a start after a stop (what a restore does) no longer stacks one, and a second
 * instance's handler is still added (a module-level guard would skip it). Only for an arrow that reads
 * nothing but `this`, module-level names and globals (the field initialiser sees the same), in an
 * instance method of the class, for one fixed event.
 */
export function teardownRewrite(registration: Registration, analysis: FileAnalysis): TeardownRewrite | undefined {
  const { node, events } = registration;
  const { sourceCode } = analysis;
  const handler = unwrap(registration.handler);
  if (
    !isStatementExpression(node) ||
    events.dynamic ||
    events.names.length !== 1 ||
    handler.type !== AST_NODE_TYPES.ArrowFunctionExpression ||
    node.callee.type !== AST_NODE_TYPES.MemberExpression ||
    !someNode(handler, sourceCode.visitorKeys, (inner) => inner.type === AST_NODE_TYPES.ThisExpression)
  )
    return undefined;
  const method = instanceMethodOf(handler);
  if (!method) return undefined;
  const body = method.parent as TSESTree.ClassBody;
  const teardown = teardownMethod(body, method);
  const processObject = node.callee.object;
  if (!teardown || !reachableFrom(processObject, analysis) || !movable(handler, analysis)) return undefined;
  // A field's arrow has no contextual type: its parameters would be implicitly any in TypeScript.
  if (isTypeScriptFile(analysis.filename) && handler.params.some((param) => !hasAnnotation(param))) return undefined;

  const event = events.names[0]!;
  const taken = new Set(body.body.flatMap((element) => ('key' in element ? [keyName(element) ?? ''] : [])));
  const field = firstFreeName(`#on${pascal(event)}`, taken);
  const memberIndent = lineIndent(sourceCode, body.body[0]!);
  const removal = `${sourceCode.getText(processObject)}.off(${sourceCode.getText(registration.event)}, this.${field});`;
  const teardownBody = teardown.value.body!;
  const open = sourceCode.getFirstToken(teardownBody)!;
  const first = teardownBody.body[0];
  const statementIndent = first
    ? lineIndent(sourceCode, first)
    : `${memberIndent}${indentUnit(sourceCode, body.parent!, body.body[0]!)}`;
  const fieldText = `${field} = ${reindent(sourceCode, handler, memberIndent, lineIndent(sourceCode, node))};`;
  // Before the first member and the comments attached to it.
  const firstInBody = sourceCode.getTokenAfter(sourceCode.getFirstToken(body)!, { includeComments: true })!;
  return {
    field,
    teardown: keyName(teardown)!,
    fix: (fixer) => [
      fixer.insertTextBeforeRange(firstInBody.range, `${fieldText}\n\n${memberIndent}`),
      fixer.replaceText(registration.handler, `this.${field}`),
      first
        ? fixer.insertTextAfter(open, `\n${statementIndent}${removal}`)
        : fixer.replaceText(teardownBody, `{\n${statementIndent}${removal}\n${memberIndent}}`),
    ],
  };
}

/** The non-static method (or constructor) whose `this` the arrow reads, through enclosing arrows only. */
function instanceMethodOf(arrow: TSESTree.ArrowFunctionExpression): TSESTree.MethodDefinition | undefined {
  let owner: TSESTree.Node | undefined = arrow.parent;
  while (
    owner &&
    owner.type !== AST_NODE_TYPES.FunctionExpression &&
    owner.type !== AST_NODE_TYPES.FunctionDeclaration
  ) {
    if (owner.type === AST_NODE_TYPES.PropertyDefinition || owner.type === AST_NODE_TYPES.StaticBlock) return undefined;
    owner = owner.parent;
  }
  const method = owner?.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition &&
    !method.static &&
    method.parent.type === AST_NODE_TYPES.ClassBody
    ? method
    : undefined;
}

/** The class's own teardown method with a body, other than the one that registers. */
function teardownMethod(
  body: TSESTree.ClassBody,
  registering: TSESTree.MethodDefinition,
): TSESTree.MethodDefinition | undefined {
  const methods = body.body.filter(
    (element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'method' &&
      !element.static &&
      element !== registering &&
      element.value.body !== null &&
      element.value.body !== undefined,
  );
  for (const name of TEARDOWN_METHODS) {
    const found = methods.filter((method) => keyName(method) === name);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined; // overloads with one body: too rare to place safely
  }
  return undefined;
}

/** `process` (global, imported, or `globalThis.process`): the same object from the teardown method. */
function reachableFrom(object: TSESTree.Node, analysis: FileAnalysis): boolean {
  if (object.type === AST_NODE_TYPES.Identifier) {
    const variable = analysis.resolver.variableOf(object);
    return !variable || variable.scope.block.type === AST_NODE_TYPES.Program;
  }
  return analysis.sourceCode.getText(object) === 'globalThis.process';
}

/**
 * The arrow reads the same things as a field initialiser: every outside name it uses is module-level or
 * global, and it reads no `super`, `new.target` or enclosing `arguments`.
 */
function movable(arrow: TSESTree.ArrowFunctionExpression, analysis: FileAnalysis): boolean {
  const { sourceCode } = analysis;
  if (
    someNode(
      arrow,
      sourceCode.visitorKeys,
      (node) => node.type === AST_NODE_TYPES.Super || node.type === AST_NODE_TYPES.MetaProperty,
    )
  )
    return false;
  const scope = sourceCode.scopeManager?.acquire(arrow);
  if (!scope) return false;
  const outside = (reference: TSESLint.Scope.Reference) =>
    reference.resolved !== null && reference.resolved.scope.block.type !== AST_NODE_TYPES.Program;
  // The method's `arguments` resolves to the method's scope: outside as well.
  return !scope.through.some(outside);
}

function hasAnnotation(param: TSESTree.Parameter): boolean {
  return 'typeAnnotation' in param && param.typeAnnotation !== undefined;
}

/** `SIGTERM` -> `Sigterm`, `uncaughtException` -> `UncaughtException`. */
function pascal(event: string): string {
  const lower = event === event.toUpperCase() ? event.toLowerCase() : event;
  return `${lower[0]!.toUpperCase()}${lower.slice(1)}`;
}
