import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FileAnalysis } from './file-analysis.js';
import { isModuleMember, memberName } from './resolve.js';

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
          if (parent?.type === AST_NODE_TYPES.MemberExpression && WORKER_SIDE.includes(memberName(parent) ?? '')) return true;
        }
      }
    }
  }
  return false;
}
