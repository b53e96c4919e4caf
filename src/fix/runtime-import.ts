import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isRequireCall, keyName, staticString } from '../analysis/ast.js';
import { fileAnalysis, type FileAnalysis } from '../analysis/file-analysis.js';
import { firstFreeName } from './free-names.js';
import { insertAtPrologueEnd } from './insertion-point.js';

export const DEFAULT_RUNTIME_MODULE = 'eslint-plugin-fork-safe/runtime';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The runtime's module specifier: `settings['fork-safe'].runtimeModule`, so a team can point fixes at its own copy. */
export function runtimeModule(context: Context): string {
  const settings = context.settings['fork-safe'] as { runtimeModule?: unknown } | undefined;
  return typeof settings?.runtimeModule === 'string' && settings.runtimeModule !== ''
    ? settings.runtimeModule
    : DEFAULT_RUNTIME_MODULE;
}

export interface RuntimeBinding {
  /** The local name to call the runtime export by in this file. */
  readonly name: string;
  /** The edit that makes `name` available, or none when the file already imports it. */
  readonly insert: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
}

/**
 * How a fix refers to a runtime export: reuses an existing import or require of it; otherwise adds it
 * to an existing import (or destructuring require) of the runtime, or adds one new statement after the
 * last import (after directives, a hashbang and leading comments otherwise), as `import` or `require`
 * to match the file. The local name never collides with a name the file already uses.
 *
 * Only one insertion per file can be applied per pass: ESLint defers overlapping fixes to its next
 * pass, where this finds the import and reuses it, so several fixes converge instead of duplicating it.
 */
export function runtimeBinding(context: Context, exportName: string): RuntimeBinding {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const specifier = runtimeModule(context);
  const esmImports = program.body.filter(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === specifier &&
      statement.importKind !== 'type',
  );
  const requirePatterns = program.body.flatMap((statement) => runtimeRequirePatterns(statement, specifier));

  for (const declaration of esmImports) {
    for (const imported of declaration.specifiers) {
      if (
        imported.type === AST_NODE_TYPES.ImportSpecifier &&
        imported.importKind !== 'type' &&
        importedName(imported) === exportName
      ) {
        return { name: imported.local.name, insert: undefined };
      }
    }
  }
  for (const pattern of requirePatterns) {
    for (const property of pattern.properties) {
      if (
        property.type === AST_NODE_TYPES.Property &&
        keyName(property) === exportName &&
        property.value.type === AST_NODE_TYPES.Identifier
      ) {
        return { name: property.value.name, insert: undefined };
      }
    }
  }

  const name = runtimeLocalName(fileAnalysis(context), exportName);
  const named = esmImports.find(
    (declaration) =>
      declaration.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier) &&
      declaration.specifiers.length > 0,
  );
  if (named) {
    const last = named.specifiers[named.specifiers.length - 1]!;
    return {
      name,
      insert: (fixer) => fixer.insertTextAfter(last, `, ${name === exportName ? name : `${exportName} as ${name}`}`),
    };
  }
  const pattern = requirePatterns.find(
    (p) => p.properties.length > 0 && p.properties.every((q) => q.type === AST_NODE_TYPES.Property),
  );
  if (pattern) {
    const last = pattern.properties[pattern.properties.length - 1]!;
    return {
      name,
      insert: (fixer) => fixer.insertTextAfter(last, `, ${name === exportName ? name : `${exportName}: ${name}`}`),
    };
  }

  const quote = preferredQuote(sourceCode);
  const source = `${quote}${specifier}${quote}`;
  const statement = usesCommonJs(program)
    ? `const { ${name === exportName ? name : `${exportName}: ${name}`} } = require(${source});`
    : `import { ${name === exportName ? name : `${exportName} as ${name}`} } from ${source};`;
  return { name, insert: (fixer) => insertAtPrologueEnd(fixer, program, statement, { importEquals: false }) };
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/** `const { a, b } = require('<runtime>')` at the top level. */
function runtimeRequirePatterns(statement: TSESTree.ProgramStatement, specifier: string): TSESTree.ObjectPattern[] {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return [];
  return statement.declarations.flatMap((declarator) => {
    const init = declarator.init;
    const isRuntimeRequire =
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      staticString(init.arguments[0]) === specifier;
    return isRuntimeRequire && declarator.id.type === AST_NODE_TYPES.ObjectPattern ? [declarator.id] : [];
  });
}

/** A file is CommonJS when it has no import or export statement and is not parsed as a module, or uses require/module.exports without them. */
function usesCommonJs(program: TSESTree.Program): boolean {
  const esm = program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
  if (esm) return false;
  // 'script', or 'commonjs' where a parser passes ESLint's sourceType through
  if ((program.sourceType as string) !== 'module') return true;
  return program.body.some((statement) => containsRequireCall(statement));
}

function containsRequireCall(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    return statement.declarations.some((declarator) => isRequireCall(declarator.init));
  }
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = statement.expression;
    if (isRequireCall(expression)) return true;
    // module.exports = ... / exports.x = ...
    return (
      expression.type === AST_NODE_TYPES.AssignmentExpression &&
      expression.left.type === AST_NODE_TYPES.MemberExpression &&
      expression.left.object.type === AST_NODE_TYPES.Identifier &&
      (expression.left.object.name === 'module' || expression.left.object.name === 'exports')
    );
  }
  return false;
}

function preferredQuote(sourceCode: Readonly<TSESLint.SourceCode>): string {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration)
      return sourceCode.getText(statement.source).startsWith('"') ? '"' : "'";
  }
  return "'";
}

/** `wanted`, else `forkSafe<Wanted>`, `forkSafe<Wanted>2`, ...: the first name nothing in the file declares or reads. */
function runtimeLocalName(analysis: FileAnalysis, wanted: string): string {
  const taken = analysis.namesInUse;
  return taken.has(wanted) ? firstFreeName(`forkSafe${wanted[0]!.toUpperCase()}${wanted.slice(1)}`, taken) : wanted;
}
