import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isRequireCall } from '../analysis/ast.js';

/**
 * Adds a top-level statement where it runs before the file's own code: after the leading imports,
 * `require` declarations and directives (so a hashbang and the comments above them stay first), or
 * before the first statement when there are none.
 *
 * `importEquals` says whether TypeScript's `import x = require('m')` counts as one of those imports. The
 * two fixes that add statements have always disagreed on it, and their outputs are pinned by the rule
 * tests: a guard flag (no-repeated-process-listener) is declared after it, the runtime's import goes
 * before it. Both are valid TypeScript. `blankLine` sets a declaration (not an import) apart with a blank
 * line.
 */
export function insertAtPrologueEnd(
  fixer: TSESLint.RuleFixer,
  program: TSESTree.Program,
  statement: string,
  options: { readonly importEquals: boolean; readonly blankLine?: boolean },
): TSESLint.RuleFix {
  // A declaration stands apart from the imports above it and the code below it.
  const gap = options.blankLine ? '\n' : '';
  let last: TSESTree.Node | undefined;
  for (const node of program.body) {
    if (
      node.type === AST_NODE_TYPES.ImportDeclaration ||
      (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration && options.importEquals) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration &&
        node.declarations.every((declarator) => isRequireCall(declarator.init))) ||
      (node.type === AST_NODE_TYPES.ExpressionStatement && node.directive !== undefined)
    )
      last = node;
    else break;
  }
  return last
    ? fixer.insertTextAfter(last, `\n${gap}${statement}`)
    : fixer.insertTextBefore(program.body[0]!, `${statement}\n${gap}`);
}
