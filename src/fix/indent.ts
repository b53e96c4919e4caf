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

/** Removes `indent` from the start of every line after the first. */
export function dedent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** Adds `extra` to every non-empty line after the first. */
export function indentMore(text: string, extra: string): string {
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.length > 0 ? `${extra}${line}` : line))
    .join('\n');
}

/**
 * A statement's text for a place one level (two spaces) deeper: every line after the first moves right
 * with it, unless a template literal spans lines (re-indenting would change the string).
 */
export function movedText(sourceCode: SourceCode, statement: TSESTree.Node): string {
  const text = sourceCode.getText(statement);
  const multilineTemplate = sourceCode
    .getTokens(statement)
    .some((token) => token.type === 'Template' && token.loc.start.line !== token.loc.end.line);
  return multilineTemplate ? text : text.replaceAll('\n', '\n  ');
}
