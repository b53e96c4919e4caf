import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { classOfMember, memberName, unwrap, type ClassNode } from '../../analysis/ast.js';
import { constantValue, declaredClass, singleDefinition } from '../../analysis/bindings.js';
import { instanceClassOf } from '../../analysis/class-fields.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { CLIENTS } from '../../tables/clients.js';
import { shortText } from '../../util/short-text.js';
import { EntryTable } from '../table-match.js';
import { fieldValues, laterRenewal, renewalLabel } from './field-writes.js';
import type { Holders } from './holders.js';
import { MAX_ALIAS_DEPTH, type Resource } from './resource-kinds.js';

/** Members and functions that hand out a shared instance (`X.instance`, `X.getInstance()`, `getInstance()`). */
export const SINGLETON_ACCESSORS: ReadonlySet<string> = new Set(['instance', 'getInstance']);

/** Which expressions stand for a long-lived resource: directly, or through a const, a kept constructor parameter or a field. */
export class ResourceResolver {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly holders: Holders,
  ) {
    this.sourceCode = analysis.sourceCode;
  }

  /** The long-lived resource an expression stands for, if it is one. */
  resourceOf(expression: TSESTree.Node, depth: number): Resource | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(callee) === 'get' &&
          node.arguments.length === 0
        ) {
          if (this.holders.holderKind(callee.object, depth + 1) === 'perProcess') {
            return {
              kind: 'holder',
              why: `${this.short(callee.object)} is a perProcess() holder, which creates a fresh value in each process`,
            };
          }
          return undefined;
        }
        const accessor =
          callee.type === AST_NODE_TYPES.MemberExpression
            ? memberName(callee)
            : callee.type === AST_NODE_TYPES.Identifier && callee.name === 'getInstance'
              ? callee.name
              : undefined;
        if (accessor !== undefined && SINGLETON_ACCESSORS.has(accessor)) {
          return {
            kind: 'singleton',
            why: `${this.short(node)} hands out the shared instance, whose members are re-created when it is reset`,
          };
        }
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (node.object.type === AST_NODE_TYPES.ThisExpression) {
          const owner = instanceClassOf(node.object);
          const field = memberName(node);
          return owner && field !== undefined ? this.fieldResource(owner, field, depth + 1) : undefined;
        }
        if (memberName(node) === 'instance' && this.isClassName(node.object)) {
          return {
            kind: 'singleton',
            why: `${this.short(node)} is the shared instance, whose members are re-created when it is reset`,
          };
        }
        return undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierResource(node, depth + 1);
      default:
        return undefined;
    }
  }

  private identifierResource(node: TSESTree.Identifier, depth: number): Resource | undefined {
    const variable = this.analysis.resolver.variableOf(node);
    const def = singleDefinition(variable);
    if (!variable || !def) return undefined;
    if (def.type === 'Variable') {
      const init = constantValue(this.analysis.resolver, node);
      if (!init) return undefined;
      if (this.holders.holderKind(node, depth) === 'perProcessProxy') {
        return {
          kind: 'proxy',
          why: `${node.name} is a perProcessProxy(), whose members belong to a fresh value in each process`,
        };
      }
      const scope = variable.scope.type;
      if ((scope === 'module' || scope === 'global') && this.isClientAtLoad(init)) {
        return {
          kind: 'client',
          why: `${node.name} is a client created at module load, which has to be re-created in each process`,
        };
      }
      // `const r = Manager.instance()`: an alias.
      return this.resourceOf(init, depth);
    }
    if (def.type === 'Parameter') {
      const fn = def.node;
      const method = fn.parent;
      if (
        fn.type !== AST_NODE_TYPES.FunctionExpression ||
        method?.type !== AST_NODE_TYPES.MethodDefinition ||
        method.kind !== 'constructor'
      )
        return undefined;
      const owner = classOfMember(method);
      const name = def.name as TSESTree.Identifier;
      const stored = owner && this.analysis.classFields(owner).storedParameter(name);
      if (owner && stored) return this.fieldResource(owner, stored.field, depth);
      const pattern = name.parent;
      return pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === name
        ? this.resourceOf(pattern.right, depth)
        : undefined;
    }
    return undefined;
  }

  /** `this.<field>` of a class: re-assigned by the class's own later code, or filled only with resources. */
  private fieldResource(owner: ClassNode, field: string, depth: number): Resource | undefined {
    const fields = this.analysis.classFields(owner);
    const renewal = laterRenewal(fields, field);
    if (renewal) return { kind: 'reinit', why: `${renewalLabel(renewal.member)} assigns a new this.${field}` };
    if (this.holders.holderKind(undefined, depth, owner, field) === 'perProcessProxy') {
      return {
        kind: 'proxy',
        why: `this.${field} is a perProcessProxy(), whose members belong to a fresh value in each process`,
      };
    }
    const values = fieldValues(fields, field);
    if (!values || values.length === 0) return undefined;
    const resources = values.map((value) => this.resourceOf(value, depth + 1));
    const first = resources[0];
    return first && resources.every((resource) => resource?.kind === first.kind) ? first : undefined;
  }

  /** `const client = new Redis()` (or `globalThis.x ?? new Redis()`) at load, with a client-table row. */
  private isClientAtLoad(init: TSESTree.Expression): boolean {
    let creation = unwrap(init);
    if (
      creation.type === AST_NODE_TYPES.LogicalExpression &&
      (creation.operator === '??' || creation.operator === '||')
    )
      creation = unwrap(creation.right);
    if (creation.type !== AST_NODE_TYPES.NewExpression && creation.type !== AST_NODE_TYPES.CallExpression) return false;
    return (
      EntryTable.of(CLIENTS).match(creation, this.analysis.resolver.resolve(creation.callee)) !== undefined &&
      this.analysis.moduleLoad.runsAtLoad(creation)
    );
  }

  /** `Manager` in `Manager.instance`: a class of this file, or a capitalised name (a class by convention). */
  private isClassName(node: TSESTree.Node): boolean {
    const object = unwrap(node);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    return declaredClass(this.analysis.resolver, object) !== undefined || /^[A-Z]/.test(object.name);
  }

  private short(node: TSESTree.Node): string {
    return shortText(this.sourceCode.getText(node), 40);
  }
}
