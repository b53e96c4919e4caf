// What the plugin's build takes from @typescript-eslint/utils in place of the package's root (see
// build.mjs): the three values the rules use, each from the subpath that holds it. The root module
// also loads TSESLint's wrappers around `eslint` (require('eslint') at load, which an ESM bundle cannot
// do) and scope-manager; these subpaths load neither, nor TypeScript. Types still come from the root:
// they are erased.
export * as ASTUtils from '@typescript-eslint/utils/ast-utils';
export * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
export { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
