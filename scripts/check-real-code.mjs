// `npm run check:real-code`: every rule on real code nobody here wrote. Lints each .js/.mjs/.cjs/.ts/
// .mts/.cts/.tsx/.jsx file of the installed node_modules with all of the plugin's rules (the BUILT
// plugin), applies the fixes in memory, and checks that no rule throws, every fixed file still parses,
// and a second pass changes nothing. Prints counts per rule and the time taken; exits 1 on any failure.
// Files the parser itself cannot read (some minified bundles, other dialects) are counted and skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const { default: plugin } = await import(new URL('../dist/esm/src/index.js', import.meta.url).href);
const modules = join(root, 'node_modules');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const MAX_BYTES = 2_000_000;

const files = readdirSync(modules, { recursive: true })
  .filter(
    (name) => SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') && !name.endsWith('.d.cts'),
  )
  .map((name) => join(modules, name))
  .filter((file) => statSync(file).isFile() && statSync(file).size <= MAX_BYTES);

const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`fork-safe/${name}`, 'error']));
const configFor = (file) => [
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx,jsx}'],
    languageOptions: {
      parser: tseslint.parser,
      sourceType: /\.c[jt]s$/.test(file) ? 'commonjs' : 'module',
      parserOptions: { ecmaFeatures: { jsx: /x$/.test(file) } },
    },
    plugins: { 'fork-safe': plugin },
    rules,
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
];
// Lint under a name ESLint maps to the config and the parser maps to the right dialect.
const virtualName = (file) => `virtual${file.slice(file.lastIndexOf('.'))}`;

const listFindings = process.argv.includes('--list');
const linter = new Linter({ configType: 'flat' });
const failures = [];
const findings = {};
let unparsable = 0;
let fixedFiles = 0;
const started = performance.now();

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const config = configFor(file);
  const name = virtualName(file);
  const where = relative(root, file);
  try {
    const messages = linter.verify(text, config, name);
    if (messages.some((message) => message.fatal)) {
      unparsable++;
      continue;
    }
    for (const message of messages) {
      if (!message.ruleId?.startsWith('fork-safe/')) continue;
      findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
      // `--list`: every finding, to review what the rules report on code nobody here wrote.
      if (listFindings)
        process.stdout.write(`${where}:${message.line}:${message.column} ${message.ruleId}: ${message.message}\n`);
    }
    if (!messages.some((message) => message.fix)) continue;
    const fixed = linter.verifyAndFix(text, config, name);
    fixedFiles++;
    const fatal = fixed.messages.find((message) => message.fatal);
    if (fatal) failures.push(`${where}: the fixed file does not parse: ${fatal.message}`);
    else if (linter.verifyAndFix(fixed.output, config, name).fixed)
      failures.push(`${where}: a second --fix pass changes the file again`);
  } catch (error) {
    failures.push(`${where}: a rule threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `files linted: ${files.length - unparsable} (${unparsable} the parser cannot read, skipped) in ${seconds} s\n`,
);
for (const ruleId of Object.keys(rules)) process.stdout.write(`  ${ruleId}: ${findings[ruleId] ?? 0} findings\n`);
process.stdout.write(`files fixed: ${fixedFiles}; failures: ${failures.length}\n`);
for (const failure of failures) process.stdout.write(`  ${failure}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
