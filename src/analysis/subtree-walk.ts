import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type VisitorKeys = TSESLint.SourceCode['visitorKeys'];

/** The child nodes of a node, in source order, by the parser's visitor keys (TypeScript nodes included). */
export function childNodes(node: TSESTree.Node, visitorKeys: VisitorKeys): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Visits a subtree depth-first, in source order; `visit` returns false to skip a node's children.
 * Iterative, so deeply nested code cannot overflow the stack, and without a children array per node:
 * the rules walk class bodies and whole programs on every file, so this is a hot path.
 */
export function walk(
  root: TSESTree.Node,
  visitorKeys: VisitorKeys,
  visit: (node: TSESTree.Node) => boolean | void,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    // Pushed last to first, so that they are popped in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as TSESTree.Node);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

/** Whether any node of a subtree (the root included) passes `test`; the walk ends at the first that does. */
export function someNode(
  root: TSESTree.Node,
  visitorKeys: VisitorKeys,
  test: (node: TSESTree.Node) => boolean,
): boolean {
  let found = false;
  walk(root, visitorKeys, (node) => {
    if (found) return false;
    found = test(node);
    return !found;
  });
  return found;
}
