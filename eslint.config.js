// The project's own lint (`npm run lint`, part of `npm test`):
// - eslint-plugin-eslint-plugin on the rules and their tests: the checks every ESLint plugin should
//   pass (meta, messages, schemas, fixers, test cases);
// - this plugin's own `recommended` config on this project's code (dogfooding), loaded from the build
//   through the package's self-reference, so `npm run build` comes first.
// Only what is listed here is linted: examples/telemetry-app (intentionally bad code, the demo's
// subject), test fixtures and the ESLint 9 install under test/compat are left alone.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import forkSafe from 'eslint-plugin-fork-safe';
import tseslint from 'typescript-eslint';

const RULE_FILES = ['rules/**/*.ts'];
const RULE_TEST_FILES = ['test/rules/**/*.ts'];
const TS_FILES = ['src/**/*.ts', ...RULE_FILES, ...RULE_TEST_FILES];
/**
 * The layers (docs/architecture.md): imports run downward only, rules -> fix -> detect -> analysis /
 * tables / util, and the runtime imports nothing from the lint side. Each entry names what a folder
 * must not import, matched on the import's path; `no-restricted-imports` makes an upward import a lint
 * error (type-only imports included).
 */
const LAYERS = [
  { files: ['src/util/**/*.ts'], forbidden: ['analysis', 'tables', 'detect', 'fix', 'cli', 'runtime', 'rules'] },
  { files: ['src/tables/**/*.ts'], forbidden: ['analysis', 'detect', 'fix', 'cli', 'runtime', 'rules'] },
  { files: ['src/analysis/**/*.ts'], forbidden: ['detect', 'fix', 'cli', 'runtime', 'rules'] },
  { files: ['src/detect/**/*.ts'], forbidden: ['fix', 'cli', 'runtime', 'rules'] },
  { files: ['src/fix/**/*.ts'], forbidden: ['cli', 'runtime', 'rules'] },
  { files: ['rules/**/*.ts'], forbidden: ['cli', 'runtime'] },
  { files: ['src/configs.ts'], forbidden: ['rules'] },
  // The audit, like the runtime, is a separate product: it reads the runtime's observer slot only.
  { files: ['src/audit/**/*.ts'], forbidden: ['analysis', 'tables', 'detect', 'fix', 'cli', 'rules', 'util'] },
];
/** `../fix/edits.js`, `../../rules/index.js`: an import that enters one of the named folders. */
const entering = (folders) => `(^|/)(${folders.join('|')})/`;

const OWN_CODE = [
  'src/**/*.ts',
  ...RULE_FILES,
  'scripts/**/*.mjs',
  'bench/**/*.mjs',
  'examples/snapshot-demo/**/*.{js,mjs}',
  'examples/audit-demo/**/*.mjs',
];

export default [
  {
    name: 'fork-safe-project/ignores',
    ignores: [
      'dist/**',
      'dist.next/**',
      'coverage/**',
      '.tmp/**',
      'examples/telemetry-app/**',
      'test/fixtures/**',
      'test/compat/**',
    ],
  },
  {
    name: 'fork-safe-project/typescript',
    files: TS_FILES,
    languageOptions: { parser: tseslint.parser },
  },
  {
    name: 'fork-safe-project/commonjs-examples',
    files: ['examples/snapshot-demo/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    ...eslintPlugin.configs.recommended,
    name: 'fork-safe-project/eslint-plugin',
    files: [...RULE_FILES, ...RULE_TEST_FILES],
    settings: {
      // The tests build their RuleTester with createRuleTester() (test/rules/rule-tester.ts).
      'eslint-plugin': { ruleTesterConstructors: ['RuleTester', 'createRuleTester'] },
    },
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      // The configs and the generated docs are built from meta.docs: its description must be one
      // sentence in the form eslint-doc-generator shows, without a final period.
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) .+[^. ]$' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/no-meta-schema-default': 'error',
      // Off, with what stands in for them:
      // - require-meta-has-suggestions: the rules report through shared helpers (src/fix/fix-or-suggest.ts
      //   and the other src/fix modules), so the rule files never show a `suggest` and this rule calls
      //   `hasSuggestions: true` wrong in every rule. The rule tests check the suggestions themselves.
      'eslint-plugin/require-meta-has-suggestions': 'off',
      // - require-meta-docs-url (not in recommended, left off): ESLintUtils.RuleCreator adds meta.docs.url
      //   (src/util/create-rule.ts) and its types forbid writing one in the rule; test/docs.test.ts checks
      //   that each url points at the rule's page.
      // - require-test-error-positions (not in recommended, left off): it wants endLine and endColumn as
      //   well, on every expected error; this project's convention is messageId, line and column, which
      //   checkCaseTable() in test/rules/rule-tester.ts enforces (and this rule would only see the test
      //   files that write their cases inline in run(), not the main tables).
    },
  },
  ...LAYERS.map(({ files, forbidden }) => ({
    name: `fork-safe-project/layers: ${files[0]}`,
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: entering(forbidden),
              message: `Imports run downward only (docs/architecture.md): this folder may not import from ${forbidden.join(', ')}.`,
            },
            // The plugin's entry points sit above every layer.
            {
              regex: '(^|/)src/(index|configs)\\.js$|^\\.\\./(index|configs)\\.js$',
              message: 'Nothing below the plugin entry imports it.',
            },
          ],
        },
      ],
    },
  })),
  {
    name: 'fork-safe-project/layers: src/runtime',
    files: ['src/runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              message:
                'The runtime ships on its own: it imports nothing from outside src/runtime (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    ...forkSafe.configs.recommended,
    name: 'fork-safe-project/dogfooding',
    files: OWN_CODE,
    // The demo's "without the runtime" module: it starts a timer, a worker and a socket at load on
    // purpose, to show how a snapshot build fails on each (like examples/telemetry-app, the subject).
    ignores: ['examples/snapshot-demo/naive-app.js'],
  },
  {
    name: 'fork-safe-project/demo-entry',
    files: ['examples/snapshot-demo/run.mjs'],
    rules: {
      // The demo's entry script, run with `node` and never imported: spawning the snapshot builds from
      // its top level (through node()) is its job. Without a hashbang, allowInHashbangFiles cannot tell.
      'fork-safe/no-module-scope-worker': 'off',
    },
  },
];
