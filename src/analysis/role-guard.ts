import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from './ast.js';
import { constantValue } from './bindings.js';
import { runsBehindGuard } from './guard-walk.js';
import { isGlobal, isModuleMember, type Resolver } from './resolve.js';

/**
 * Role guards: code that checks which process or thread it runs in before starting background work
 * (`if (isMainThread)`, `if (cluster.isPrimary)`, `require.main === module`, `import.meta.main`, a PM2
 * `NODE_APP_INSTANCE`/`pm_id` check), in either branch, and early exits (`if (!isMainThread) return;`).
 */

// Read in a condition, these say which process or thread the code is in (`workerData` and `parentPort`
// exist only inside a worker thread), whatever object they are read from.
const ROLE_PROPERTIES = new Set(['isMainThread', 'isPrimary', 'isMaster', 'isWorker', 'workerData', 'parentPort']);
const ROLE_ENV = new Set(['NODE_APP_INSTANCE', 'pm_id']);
const WORKER_ROLE_EXPORTS = ['isMainThread', 'threadId', 'parentPort', 'workerData'];

export class RoleGuards {
  private readonly following = new Set<string>();

  constructor(private readonly resolver: Resolver) {}

  /** Whether `node` only runs after its process or thread role was checked. */
  isGuarded(node: TSESTree.Node): boolean {
    return runsBehindGuard(node, { isGuard: (test) => this.isRoleCheck(test) });
  }

  /** Whether an expression reads the process or thread role anywhere in it. */
  isRoleCheck(expression: TSESTree.Node): boolean {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        return this.isRoleCheck(node.argument);
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        return this.isRoleCheck(node.left) || this.isRoleCheck(node.right) || isRequireMainCheck(node);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.isRoleCheck(node.test) || this.isRoleCheck(node.consequent) || this.isRoleCheck(node.alternate);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.isRoleCheck(node.right);
      case AST_NODE_TYPES.Identifier:
        return node.name === 'isMainThread' || this.isWorkerRoleExport(node) || this.namesRoleCheck(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.isRoleMember(node);
      case AST_NODE_TYPES.CallExpression:
        return node.arguments.some((argument) => this.isRoleCheck(argument)) || this.isRoleCheck(node.callee);
      default:
        return false;
    }
  }

  /** `const isWorker = !isMainThread; if (isWorker) ...`: a never-reassigned variable whose value is a role check. */
  private namesRoleCheck(node: TSESTree.Identifier): boolean {
    if (this.following.has(node.name)) return false;
    const value = constantValue(this.resolver, node);
    if (!value) return false;
    this.following.add(node.name);
    try {
      return this.isRoleCheck(value);
    } finally {
      this.following.delete(node.name);
    }
  }

  private isWorkerRoleExport(node: TSESTree.Node): boolean {
    const resolved = this.resolver.resolve(node);
    return WORKER_ROLE_EXPORTS.some((name) => isModuleMember(resolved, 'worker_threads', [name]));
  }

  private isRoleMember(node: TSESTree.MemberExpression): boolean {
    const name = memberName(node);
    if (name !== undefined && ROLE_PROPERTIES.has(name)) return true;
    // import.meta.main (Node 24.2+, Deno, Bun)
    if (name === 'main' && node.object.type === AST_NODE_TYPES.MetaProperty) return true;
    // process.env.NODE_APP_INSTANCE, process.env['pm_id']
    if (name !== undefined && ROLE_ENV.has(name) && isGlobal(this.resolver.resolve(node.object), 'process', 'env'))
      return true;
    return this.isWorkerRoleExport(node);
  }
}

/** `require.main === module` (either side, any equality operator). */
function isRequireMainCheck(node: TSESTree.LogicalExpression | TSESTree.BinaryExpression): boolean {
  const isRequireMain = (side: TSESTree.Node) =>
    side.type === AST_NODE_TYPES.MemberExpression &&
    side.object.type === AST_NODE_TYPES.Identifier &&
    side.object.name === 'require' &&
    memberName(side) === 'main';
  return isRequireMain(node.left) || isRequireMain(node.right);
}
