import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap, type ClassNode } from '../../analysis/ast.js';
import { constantValue, declaredClass } from '../../analysis/bindings.js';
import { instanceClassOf } from '../../analysis/class-fields.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { fieldValues, laterRenewal, renewalLabel } from './field-writes.js';
import { MAX_ALIAS_DEPTH, type Resource } from './resource-kinds.js';

/** Members that their own class re-creates: found through the same-file class of the object they are read from. */
export class RenewedMembers {
  constructor(private readonly analysis: FileAnalysis) {}

  /**
   * `resources.api` where `resources` is an instance of a class of this file that assigns `this.api`
   * again in one of its own methods (a reinit after fork): the member is re-created by its owner.
   */
  renewedMember(object: TSESTree.Node, name: string): Resource | undefined {
    const owner = this.classOfValue(object, 0);
    if (!owner) return undefined;
    const renewal = laterRenewal(this.analysis.classFields(owner), name);
    if (!renewal) return undefined;
    return { kind: 'reinit', why: `${renewalLabel(renewal.member, owner)} assigns a new ${name}` };
  }

  /** The same-file class an expression is an instance of: `new C()`, through a const, a kept constructor parameter or a field filled only that way. */
  private classOfValue(expression: TSESTree.Node, depth: number): ClassNode | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      return declaredClass(this.analysis.resolver, node.callee);
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const value = constantValue(this.analysis.resolver, node);
      return value && this.classOfValue(value, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = instanceClassOf(node.object);
      const field = memberName(node);
      const values = owner && field !== undefined ? fieldValues(this.analysis.classFields(owner), field) : undefined;
      if (!values || values.length === 0) return undefined;
      const classes = values.map((value) => this.classOfValue(value, depth + 1));
      return classes.every((found) => found === classes[0]) ? classes[0] : undefined;
    }
    return undefined;
  }
}
