import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { keyName, memberName, type ClassNode } from '../src/analysis/ast.js';
import { isCommonJsExportTarget, isExportedByName } from '../src/analysis/exports.js';
import { fileAnalysis } from '../src/analysis/file-analysis.js';
import { walk } from '../src/analysis/subtree-walk.js';
import { SocketTypes } from '../src/detect/client-types.js';
import { LongLived, mayStoreCopy, namesAlong, type Copy } from '../src/detect/long-lived/index.js';
import { cachedHandlePrefilter } from '../src/detect/prefilter.js';
import { isDataName, isPrimitiveLiteral, isPrimitiveType } from '../src/detect/plain-data.js';
import {
  bindArrowRewrite,
  boundGetterRewrite,
  constructorGetterRewrite,
  destructuredReadThroughRewrite,
  fieldGetterRewrite,
  moduleReadThroughRewrite,
} from '../src/fix/cached-handle-fixes.js';
import type { Rewrite } from '../src/fix/edits.js';
import { FIX_MODE_SCHEMA, fixOrSuggest, type FixMode } from '../src/fix/fix-or-suggest.js';
import { runtimeModule } from '../src/fix/runtime-import.js';
import { createRule } from '../src/util/create-rule.js';
import { shortText } from '../src/util/short-text.js';

export type Options = [{ fix?: FixMode; typeAware?: boolean; clientTypes?: string[] }];
export type MessageId = 'cached' | 'useGetter' | 'useArrow' | 'readThrough' | 'useAccessor';

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

export default createRule<Options, MessageId>({
  name: 'no-cached-handle',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow keeping a copy, taken once, of a member of a resource that is re-created later',
      recommended: 'recommended',
      configOptions: { 'recommended-type-checked': [{ typeAware: true }] },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      cached:
        "{{target}} keeps {{source}}, read once {{when}}: {{why}}, but the copy keeps the old one (after a fork, the parent's dead connection). Read it through each time.",
      useGetter: 'Replace the copy with a getter that reads {{source}} on every access.',
      useArrow: 'Replace the bound copy with an arrow function that looks up {{source}} at every call.',
      readThrough: 'Read {{source}} at every use instead of keeping a copy.',
      useAccessor: 'Export a function that reads {{source}} each time instead; importers of {{target}} must call it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          fix: FIX_MODE_SCHEMA,
          typeAware: {
            type: 'boolean',
            description:
              'Also report a copied member whose type holds sockets (an http.Agent, net.Socket, undici Dispatcher or one of clientTypes), whatever it is read from. Needs type information (on in recommended-type-checked). Default false.',
          },
          clientTypes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More type names that mark a client, for typeAware.',
          },
        },
      },
    ],
    defaultOptions: [{ fix: 'fix', typeAware: false, clientTypes: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!cachedHandlePrefilter(options.typeAware === true).mayReport(sourceCode.text, context.filename)) return {};
    const analysis = fileAnalysis(context);
    // Asked for explicitly, type information must be there: a clear configuration error otherwise.
    const socketTypes = options.typeAware
      ? new SocketTypes(ESLintUtils.getParserServices(context), options.clientTypes ?? [])
      : undefined;
    const longLived = new LongLived(analysis, runtimeModule(context), socketTypes);
    const mode = options.fix ?? 'fix';
    const typescript = TYPESCRIPT_FILE.test(context.filename);

    function report(
      node: TSESTree.Node,
      target: string,
      when: string,
      copy: Copy,
      rewrite: Rewrite | undefined,
      suggestion: MessageId,
      read = sourceCode.getText(copy.read),
    ): void {
      const source = shortText(read, 50);
      const change = rewrite && { messageId: suggestion, data: { source, target }, fix: rewrite.fix };
      context.report({
        node,
        messageId: 'cached',
        data: { target, source, when, why: copy.resource.why },
        ...(change ? fixOrSuggest(mode, rewrite.safe ? change : undefined, rewrite.safe ? [] : [change]) : {}),
      });
    }

    /** The copy a stored value makes, unless what it copies is plain data. */
    function handleCopy(
      value: TSESTree.Node,
      target?: { typeAnnotation?: TSESTree.TSTypeAnnotation | undefined; value?: TSESTree.Node | null },
    ): Copy | undefined {
      const copy = longLived.copyOf(value);
      if (
        !copy ||
        namesAlong(copy.read).some(isDataName) ||
        isPrimitiveType(target?.typeAnnotation) ||
        isPrimitiveLiteral(target?.value)
      )
        return undefined;
      return copy;
    }

    /**
     * Whether a class stores a copy at all, asked before its fields are analysed (the walk of every
     * `this.x` in the class, which most classes never need): a field initialiser that copies, or a
     * `this.x = value` in the constructor (any `this.x =` in it: a superset of the ones reported below)
     * whose value copies. handleCopy without the field's declaration only ever finds more.
     */
    function storesCopy(owner: ClassNode): boolean {
      for (const member of owner.body.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition) {
          if (mayStoreCopy(member, sourceCode.visitorKeys) && handleCopy(member.value!, member)) return true;
        } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          let copies = false;
          walk(member.value, sourceCode.visitorKeys, (node) => {
            if (copies) return false;
            if (
              node.type === AST_NODE_TYPES.AssignmentExpression &&
              node.operator === '=' &&
              node.left.type === AST_NODE_TYPES.MemberExpression &&
              node.left.object.type === AST_NODE_TYPES.ThisExpression
            )
              copies = handleCopy(node.right) !== undefined;
            return !copies;
          });
          if (copies) return true;
        }
      }
      return false;
    }

    function checkClass(owner: ClassNode): void {
      const members = owner.body.body;
      if (!storesCopy(owner)) return;
      const fields = analysis.classFields(owner);
      const site = (name: string) => ({
        owner,
        fields,
        writes: analysis.memberWrites,
        name,
      });
      const constructor = fields.constructorMethod;
      // `this.api = this.resources.api` in the constructor, unless the class maintains the copy itself.
      for (const access of fields.all()) {
        const assignment = access.assignment;
        if (access.member !== constructor || access.phase !== 'init' || assignment?.operator !== '=') continue;
        const name = memberName(access.node)!;
        if (fields.writtenLater(name)) continue;
        const declaration = fields.declarations(name)[0];
        const copy = handleCopy(
          assignment.right,
          declaration?.type === AST_NODE_TYPES.TSParameterProperty ? declaration.parameter : declaration,
        );
        if (!copy) continue;
        const statement = assignment.parent?.parent === constructor?.value.body ? assignment.parent : undefined;
        // In TypeScript a typed field keeps its overloads through a getter; the arrow's Parameters<> would not.
        const boundGetter =
          copy.bind && typescript ? boundGetterRewrite(site(name), assignment, copy, analysis) : undefined;
        const rewrite = boundGetter
          ? boundGetter
          : copy.bind
            ? bindArrowRewrite(copy, analysis, { typescript, exported: false, inConstructor: { fields, statement } })
            : constructorGetterRewrite(site(name), assignment, copy, analysis);
        report(
          access.node,
          `this.${name}`,
          'in the constructor',
          copy,
          rewrite,
          copy.bind && !boundGetter ? 'useArrow' : 'useGetter',
        );
      }
      // `api = this.resources.api` as a field.
      for (const field of members) {
        if (field.type !== AST_NODE_TYPES.PropertyDefinition || !field.value) continue;
        const name = keyName(field);
        if (name === undefined || (!field.static && fields.writtenLater(name))) continue;
        const copy = handleCopy(field.value, field);
        if (!copy) continue;
        const rewrite = copy.bind
          ? bindArrowRewrite(copy, analysis, { typescript, exported: false })
          : fieldGetterRewrite(site(name), field, copy, analysis);
        const when = field.static ? 'in a static field initialiser' : 'in a field initialiser';
        report(
          field.key,
          field.static ? `${owner.id?.name ?? 'the class'}.${name}` : `this.${name}`,
          when,
          copy,
          rewrite,
          copy.bind ? 'useArrow' : 'useGetter',
        );
      }
    }

    function checkDeclaration(declaration: TSESTree.VariableDeclaration, exportedByKeyword: boolean): void {
      for (const declarator of declaration.declarations) {
        const init = declarator.init;
        if (!init) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const copy = handleCopy(init, declarator.id);
          if (!copy) continue;
          const variable = analysis.resolver.variableOf(declarator.id);
          const exported = exportedByKeyword || (variable !== null && isExportedByName(variable));
          const rewrite = copy.bind
            ? bindArrowRewrite(copy, analysis, { typescript, exported })
            : moduleReadThroughRewrite(declarator, analysis);
          report(
            declarator.id,
            declarator.id.name,
            'at module load',
            copy,
            rewrite,
            copy.bind ? 'useArrow' : exported ? 'useAccessor' : 'readThrough',
          );
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          checkPattern(declarator.id, init, exportedByKeyword);
        }
      }
    }

    /** `const { api, queue } = client`: each property is a copy of its own. */
    function checkPattern(pattern: TSESTree.ObjectPattern, init: TSESTree.Expression, exported: boolean): void {
      const resource = longLived.resourceOf(init, 0);
      const base = resource ? { resource, path: [] as readonly string[] } : longLived.copyOf(init);
      if (!base || ('bind' in base && base.bind) || namesAlong(init).some(isDataName)) return;
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        if (key === undefined || isDataName(key)) continue;
        const value = property.value;
        if (value.type === AST_NODE_TYPES.AssignmentPattern && isPrimitiveLiteral(value.right)) continue;
        const local = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
        if (local.type !== AST_NODE_TYPES.Identifier || isPrimitiveType(local.typeAnnotation)) continue;
        const copy: Copy = { resource: base.resource, read: init, path: [...base.path, key], bind: undefined };
        const rewrite =
          exported || value.type !== AST_NODE_TYPES.Identifier
            ? undefined
            : destructuredReadThroughRewrite(property, key, analysis);
        const object = sourceCode.getText(init);
        const read = /^[\w$.]+$/.test(object) ? `${object}.${key}` : `(${object}).${key}`;
        report(property, local.name, 'at module load', copy, rewrite, 'readThrough', read);
      }
    }

    /** `exports.capture = client.capture.bind(client)`, `module.exports.api = client.api`, `export default client.api`. */
    function checkExport(value: TSESTree.Node, node: TSESTree.Node, target: string): void {
      const copy = handleCopy(value);
      if (!copy) return;
      const rewrite = copy.bind ? bindArrowRewrite(copy, analysis, { typescript, exported: true }) : undefined;
      report(node, target, 'at module load', copy, rewrite, 'useArrow');
    }

    return {
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
      Program(program) {
        for (const statement of program.body) {
          if (statement.type === AST_NODE_TYPES.VariableDeclaration) checkDeclaration(statement, false);
          else if (
            statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
            statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration
          ) {
            checkDeclaration(statement.declaration, true);
          } else if (
            statement.type === AST_NODE_TYPES.ExportDefaultDeclaration &&
            statement.declaration.type !== AST_NODE_TYPES.ClassDeclaration
          ) {
            if (
              statement.declaration.type !== AST_NODE_TYPES.FunctionDeclaration &&
              statement.declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration
            ) {
              checkExport(statement.declaration, statement.declaration, 'the default export');
            }
          } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
            const expression = statement.expression;
            if (
              expression.type === AST_NODE_TYPES.AssignmentExpression &&
              expression.operator === '=' &&
              isCommonJsExportTarget(expression.left)
            ) {
              checkExport(expression.right, expression.left, sourceCode.getText(expression.left));
            }
          }
        }
      },
    };
  },
});
