import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Indentation as the file writes it: what fixes read from the code they move or add next to. */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The spaces and tabs that start the line a node starts on. */
export function lineIndent(sourceCode: SourceCode, node: TSESTree.Node): string {
  return /^[ \t]*/.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')![0];
}

/** One level of indentation as a block uses it: how much deeper `inner` starts than `outer`; two spaces when it does not. */
export function indentUnit(sourceCode: SourceCode, outer: TSESTree.Node, inner: TSESTree.Node): string {
  const outerIndent = lineIndent(sourceCode, outer);
  const innerIndent = lineIndent(sourceCode, inner);
  return innerIndent.startsWith(outerIndent) && innerIndent.length > outerIndent.length
    ? innerIndent.slice(outerIndent.length)
    : '  ';
}

/** A piece of a node's text to write differently: a renamed identifier. Never spans lines. */
export interface TextReplacement {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * A node's text with `edit` applied to every line after the first, except the lines that continue a
 * template literal: their leading spaces belong to the string's value, so re-indenting them would change
 * it. `replacements` are written in first.
 */
function editLines(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  edit: (line: string) => string,
  replacements: readonly TextReplacement[] = [],
): string {
  const templates = sourceCode
    .getTokens(node)
    .filter((token) => token.type === 'Template' && token.loc.start.line !== token.loc.end.line)
    .map((token) => token.range);
  const sorted = [...replacements].sort((a, b) => a.range[0] - b.range[0]);
  let lineStart = node.range[0];
  return sourceCode
    .getText(node)
    .split('\n')
    .map((original, i) => {
      const start = lineStart;
      lineStart += original.length + 1;
      let line = original;
      for (const { range, text } of sorted.filter(({ range }) => range[0] >= start && range[1] <= lineStart).reverse())
        line = `${line.slice(0, range[0] - start)}${text}${line.slice(range[1] - start)}`;
      if (i === 0 || templates.some(([from, to]) => start > from && start < to)) return line;
      return edit(line);
    })
    .join('\n');
}

/** A node's text with `indent` removed from the start of every line after the first (template literals kept). */
export function dedent(sourceCode: SourceCode, node: TSESTree.Node, indent: string): string {
  return editLines(sourceCode, node, (line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
}

/**
 * A node's text with `indent` removed from, then `extra` added to, every non-empty line after the first
 * (template literals kept): the text for a place `extra` deeper than the line it starts on.
 */
export function reindent(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  extra: string,
  indent = '',
  replacements: readonly TextReplacement[] = [],
): string {
  return editLines(
    sourceCode,
    node,
    (line) => {
      const rest = line.startsWith(indent) ? line.slice(indent.length) : line;
      return rest.length > 0 ? `${extra}${rest}` : rest;
    },
    replacements,
  );
}

/**
 * A statement's text for a place one level (two spaces) deeper: every line after the first moves right
 * with it; `replacements` (a renamed variable) are written in.
 */
export function movedText(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  replacements: readonly TextReplacement[] = [],
): string {
  return reindent(sourceCode, statement, '  ', '', replacements);
}
