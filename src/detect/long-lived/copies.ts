import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../../analysis/ast.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import type { SocketTypes } from '../client-types.js';
import { Holders } from './holders.js';
import { RenewedMembers } from './renewed-members.js';
import { MAX_ALIAS_DEPTH, type Resource } from './resource-kinds.js';
import { ResourceResolver } from './resource-resolver.js';

/** A stored value that copies a member of a long-lived resource. */
export interface Copy {
  readonly resource: Resource;
  /** The member read that is copied: `this.resources.api`, `holder.get()`, for a bind copy `client.send`. */
  readonly read: TSESTree.Expression;
  /** The member names from the resource to the copy: ['api'], ['api', 'users']; [] for a holder's whole value. */
  readonly path: readonly string[];
  /** `client.send.bind(client)`: the bind call. */
  readonly bind: TSESTree.CallExpression | undefined;
}

/** Finds the stored values that copy a member of a long-lived resource: the entry point no-cached-handle uses. */
export class LongLived {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly resources: ResourceResolver;
  private readonly renewed: RenewedMembers;

  constructor(
    analysis: FileAnalysis,
    runtimeModule: string,
    /** Type information, in typeAware mode only. */
    private readonly socketTypes?: SocketTypes,
  ) {
    this.sourceCode = analysis.sourceCode;
    this.resources = new ResourceResolver(analysis, new Holders(analysis, runtimeModule));
    this.renewed = new RenewedMembers(analysis);
  }

  /** What a stored value copies: `r.api`, `r.api.users`, `holder.get()`, `r.send.bind(r)`; undefined when it copies no member of a long-lived resource. */
  copyOf(value: TSESTree.Node): Copy | undefined {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind') {
        const method = unwrap(callee.object);
        const target = node.arguments[0];
        if (method.type !== AST_NODE_TYPES.MemberExpression || !target || !this.sameExpression(target, method.object))
          return undefined;
        const copy = this.memberCopy(method);
        return copy && { ...copy, bind: node };
      }
      const resource = this.resourceOf(node, 0);
      return resource?.kind === 'holder' ? { resource, read: node, path: [], bind: undefined } : undefined;
    }
    return node.type === AST_NODE_TYPES.MemberExpression ? (this.memberCopy(node) ?? this.typedCopy(node)) : undefined;
  }

  /**
   * typeAware: a member whose type holds a socket (an Agent, a Socket, a Dispatcher, a client type the
   * user names) is a live resource whatever object it is read from; a copy of it misses its re-creation.
   */
  private typedCopy(read: TSESTree.MemberExpression): Copy | undefined {
    const name = memberName(read);
    if (!this.socketTypes || name === undefined || !this.socketTypes.isClient(read)) return undefined;
    return {
      resource: { kind: 'client', why: `its type holds sockets, which are re-created after a restore` },
      read,
      path: [name],
      bind: undefined,
    };
  }

  /** A member chain read from a resource: the nearest long-lived object on the way down. */
  memberCopy(read: TSESTree.MemberExpression): Copy | undefined {
    const path: string[] = [];
    let current: TSESTree.Node = read;
    for (let i = 0; i < MAX_ALIAS_DEPTH && current.type === AST_NODE_TYPES.MemberExpression; i++) {
      const name = memberName(current);
      if (name === undefined) return undefined;
      path.unshift(name);
      const resource = this.resourceOf(current.object, 0) ?? this.renewed.renewedMember(current.object, name);
      if (resource) return { resource, read, path, bind: undefined };
      current = unwrap(current.object);
    }
    return undefined;
  }

  /** The long-lived resource an expression stands for, if it is one (resource-resolver.ts). */
  resourceOf(expression: TSESTree.Node, depth: number): Resource | undefined {
    return this.resources.resourceOf(expression, depth);
  }

  private sameExpression(a: TSESTree.Node, b: TSESTree.Node): boolean {
    const text = (node: TSESTree.Node) =>
      this.sourceCode
        .getTokens(unwrap(node))
        .map((token) => token.value)
        .join(' ');
    return text(a) === text(b);
  }
}
