import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName } from './ast.js';
import type { FileAnalysis } from './file-analysis.js';
import { isModuleMember } from './resolve.js';

const WORKER_SIDE = ['parentPort', 'workerData'];

/**
 * Whether the file is a worker thread's entry: it reads `parentPort` or `workerData` from
 * worker_threads (imported, required, destructured or read as a member). Such a file runs inside the
 * worker it belongs to, so its own background work is the worker's job, not something started at the
 * load of a module that others import.
 */
export function isWorkerEntry(analysis: FileAnalysis): boolean {
  const { resolver, sourceCode } = analysis;
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  for (const scope of scopes) {
    if (scope.type !== 'module' && scope.type !== 'global') continue;
    for (const variable of scope.variables) {
      const identifier = variable.identifiers[0] as TSESTree.Identifier | undefined;
      if (!identifier || variable.defs.length === 0) continue;
      const resolved = resolver.resolve(identifier);
      if (WORKER_SIDE.some((name) => isModuleMember(resolved, 'worker_threads', [name]))) return true;
      if (isModuleMember(resolved, 'worker_threads', [])) {
        for (const reference of variable.references) {
          const parent = reference.identifier.parent;
          if (parent?.type === AST_NODE_TYPES.MemberExpression && WORKER_SIDE.includes(memberName(parent) ?? ''))
            return true;
        }
      }
    }
  }
  return false;
}

/** `new Worker(__filename)`, `new Worker(new URL(import.meta.url))`, `fork(import.meta.filename)`: a start of this very file. */
export function startsOwnFile(node: TSESTree.CallExpression | TSESTree.NewExpression, kind: string): boolean {
  if (kind !== 'thread' && kind !== 'process') return false;
  const target = node.arguments[0];
  if (!target) return false;
  const isSelf = (value: TSESTree.Node): boolean =>
    (value.type === AST_NODE_TYPES.Identifier && value.name === '__filename') ||
    (value.type === AST_NODE_TYPES.MemberExpression &&
      value.object.type === AST_NODE_TYPES.MetaProperty &&
      ['url', 'filename'].includes(memberName(value) ?? ''));
  if (isSelf(target)) return true;
  return target.type === AST_NODE_TYPES.NewExpression && target.arguments.length === 1 && isSelf(target.arguments[0]!);
}
