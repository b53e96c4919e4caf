import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap, type ClassNode } from '../../analysis/ast.js';
import { constantValue } from '../../analysis/bindings.js';
import { instanceClassOf } from '../../analysis/class-fields.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { isModuleMember } from '../../analysis/resolve.js';
import { fieldValues } from './field-writes.js';
import { MAX_ALIAS_DEPTH } from './resource-kinds.js';

/** The runtime's exports that make a holder: a value that is re-created per process. */
export const HOLDER_EXPORTS = ['perProcess', 'perProcessProxy'] as const;
export type HolderKind = (typeof HOLDER_EXPORTS)[number];

/** The runtime's holders: `perProcess()` gives a fresh value per process, `perProcessProxy()` forwards to it. */
export class Holders {
  constructor(
    private readonly analysis: FileAnalysis,
    private readonly runtimeModule: string,
  ) {}

  /** Whether an expression is a holder (`perProcess(...)`) or a proxy (`perProcessProxy(...)`) of the runtime, directly or through a const or a field. */
  holderKind(
    expression: TSESTree.Node | undefined,
    depth: number,
    owner?: ClassNode,
    field?: string,
  ): HolderKind | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    if (owner && field !== undefined) {
      const values = fieldValues(this.analysis.classFields(owner), field);
      if (!values || values.length === 0) return undefined;
      const kinds = values.map((value) => this.holderKind(value, depth + 1));
      return kinds.every((kind) => kind === kinds[0]) ? kinds[0] : undefined;
    }
    if (!expression) return undefined;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = this.analysis.resolver.resolve(node.callee);
        if (isModuleMember(callee, this.runtimeModule, ['perProcess'])) return 'perProcess';
        if (isModuleMember(callee, this.runtimeModule, ['perProcessProxy'])) return 'perProcessProxy';
        return undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const value = constantValue(this.analysis.resolver, node);
        return value && this.holderKind(value, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (node.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
        const fieldOwner = instanceClassOf(node.object);
        const name = memberName(node);
        return fieldOwner && name !== undefined ? this.holderKind(undefined, depth + 1, fieldOwner, name) : undefined;
      }
      default:
        return undefined;
    }
  }
}
