// eslint-doc-generator: writes the rules table in README.md and, in each docs/rules/<rule>.md, the
// header (title, description, config and fix notices) and the options table, from the rules' meta and
// the plugin's configs. `npm run docs` rewrites them; `npm run check:docs` (part of `npm test`) fails
// when they are out of date. Everything below the header and outside the markers is written by hand.
//
// It reads the built plugin (npm run build first). The generator loads a plugin by require()-ing the
// directory it is given, and finds neither a `main` in package.json nor a string `exports` entry, so
// the scripts point it at the CommonJS build, dist/cjs/src (whose index.js it requires); the paths below
// lead back from there to the repository root.

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  pathRuleDoc: '../../../docs/rules/{name}.md',
  pathRuleList: '../../../README.md',
  // `# no-cached-handle`, then the description as the first notice.
  ruleDocTitleFormat: 'name',
  ruleDocNotices: ['deprecated', 'description', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'options',
    'deprecated',
  ],
};

export default config;
