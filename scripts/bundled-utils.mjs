// What the plugin's build takes from @typescript-eslint/utils in place of the package's root (see
// build.mjs): the three values the rules use, each from the subpath that holds it. The root module
// also loads TSESLint's wrappers around `eslint` (require('eslint') at load, which an ESM bundle cannot
// do) and scope-manager; these subpaths load neither, nor TypeScript. Types still come from the root:
// they are erased.
//
// Each is copied into a plain binding of this module, read once at load. Re-exported directly, a value of
// a CommonJS module reaches the bundle through esbuild's interop object, whose every property is a getter:
// every `AST_NODE_TYPES.X` in a rule would be a function call (about a tenth of the rules' time in the
// profile of docs/performance.md).
import * as astUtils from '@typescript-eslint/utils/ast-utils';
import * as eslintUtils from '@typescript-eslint/utils/eslint-utils';
import * as types from '@typescript-eslint/types';

export const ASTUtils = { ...astUtils };
export const ESLintUtils = { ...eslintUtils };
export const AST_NODE_TYPES = types.AST_NODE_TYPES;
export const AST_TOKEN_TYPES = types.AST_TOKEN_TYPES;
