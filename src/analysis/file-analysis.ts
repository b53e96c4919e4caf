import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ModuleLoad } from './module-load.js';
import { Resolver } from './resolve.js';
import { RoleGuards } from './role-guard.js';

/**
 * The one per-file analysis every rule reuses: what each name resolves to, what runs at module load,
 * which code is behind a role guard. Built by the first rule that asks, shared by the others, keyed on
 * the file's AST so nothing leaks between files (ESLint may lint files in parallel).
 */
export interface FileAnalysis {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly resolver: Resolver;
  readonly moduleLoad: ModuleLoad;
  readonly roleGuards: RoleGuards;
}

const analyses = new WeakMap<TSESTree.Program, FileAnalysis>();

export function fileAnalysis(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileAnalysis {
  const sourceCode = context.sourceCode;
  let analysis = analyses.get(sourceCode.ast);
  if (!analysis) {
    const resolver = new Resolver(sourceCode);
    analysis = { sourceCode, resolver, moduleLoad: new ModuleLoad(resolver), roleGuards: new RoleGuards(resolver) };
    analyses.set(sourceCode.ast, analysis);
  }
  return analysis;
}
