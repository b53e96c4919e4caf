import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isModuleMember, type Resolved } from '../analysis/resolve.js';

/** A table row naming a module export and how it is started. */
export interface TableEntry {
  package: string;
  export: string;
  via: 'new' | 'call' | 'any';
}

/** The first row a `new X()` or `X()` matches, given what its callee resolved to. */
export function matchEntry<Entry extends TableEntry>(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  callee: Resolved | undefined,
  entries: readonly Entry[],
  accepts: (entry: Entry) => boolean = () => true,
): Entry | undefined {
  if (!callee) return undefined;
  const via = node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call';
  return entries.find(
    (entry) => (entry.via === 'any' || entry.via === via) && isModuleMember(callee, entry.package, entry.export.split('.')) && accepts(entry),
  );
}

/** The text a file must contain for any row to match: the package name up to its first wildcard. */
export function packagePrefixes(entries: readonly TableEntry[]): Set<string> {
  return new Set(entries.map((entry) => entry.package.split('*')[0]!));
}
