// The rule pages under docs/rules/ are tested: every example they mark is linted with the rule it
// documents, so a page cannot claim something the rule does not do.
//
// Marker convention (one page per rule, docs/rules/<rule-name>.md):
// - A marker is a line that starts with ❌, ✅, 🔧 or 💡, either as a heading (`### ❌ Incorrect`) or as a
//   paragraph (`❌ Reported:`, `**✅ Correct**`). It marks every fenced code block after it, up to the next
//   heading or the next marker. Blocks with no marker above them (configs, shell commands, unmarked
//   headings' examples) are not linted.
//     ❌  incorrect: the rule reports at least one problem in the block.
//     ✅  correct: the rule reports nothing in the block.
//     🔧  the exact output of `eslint --fix` (all passes) on the nearest ❌ block above it.
//     💡  the exact output of applying one of the suggestions the rule offers on the nearest ❌ block
//        above it (any of them, on any of its problems).
// - The header that eslint-doc-generator writes (title, description and notices, up to
//   `<!-- end auto-generated rule header -->`) is not read: its notices start with 🔧 and 💡 too.
// - Outputs are compared without trailing whitespace at the end (a Markdown block cannot show it).
// - Marked blocks must be `ts`, `typescript`, `js` or `javascript`; each is linted as `example.ts` with
//   typescript-eslint's parser and only the documented rule, at 'error' with its default options. No
//   marked block may have a parse error or an invalid inline config comment.
// - An example that needs options sets them the way a user would, with an inline config comment in the
//   block: /* eslint fork-safe/<rule-name>: ["error", { "fix": "suggest" }] */
//
// Besides the examples: every rule in rules/index.ts has a page with at least one ❌ and one ✅ example,
// its meta.docs.url points at that page, and the page names each of its options in backticks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Linter, type ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { projectRoot } from './helpers/node.js';

type Marker = 'incorrect' | 'correct' | 'fixed' | 'suggested';

interface Example {
  readonly marker: Marker;
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence in the page, for failure messages. */
  readonly line: number;
}

const MARKERS: Record<string, Marker> = { '❌': 'incorrect', '✅': 'correct', '🔧': 'fixed', '💡': 'suggested' };
const MARKER_LINE = /^(?:#{1,6}[ \t]+)?(?:\*\*|__|\*|_)?(❌|✅|🔧|💡)/u;
const HEADING = /^#{1,6}[ \t]/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LINTED_LANGUAGES = new Set(['ts', 'typescript', 'js', 'javascript']);
const GENERATED_HEADER_END = '<!-- end auto-generated rule header -->';

/** The marked fenced code blocks of a Markdown page, in order, below the generated header. */
function markedExamples(markdown: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const examples: Example[] = [];
  let marker: Marker | undefined;
  for (let i = lines.indexOf(GENERATED_HEADER_END) + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const open = fence[1]!;
      const language = fence[2]!.trim().split(/\s+/)[0]!.toLowerCase();
      const body: string[] = [];
      const start = i + 1;
      for (i++; i < lines.length; i++) {
        const close = FENCE.exec(lines[i]!);
        if (close && close[1]![0] === open[0] && close[1]!.length >= open.length && close[2]!.trim() === '') break;
        body.push(lines[i]!);
      }
      if (marker) examples.push({ marker, language, code: `${body.join('\n')}\n`, line: start });
      continue;
    }
    const marked = MARKER_LINE.exec(line);
    if (marked) marker = MARKERS[marked[1]!];
    else if (HEADING.test(line)) marker = undefined;
  }
  return examples;
}

function configFor(ruleName: string): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { 'fork-safe': { rules } as unknown as ESLint.Plugin },
      rules: { [`fork-safe/${ruleName}`]: 'error' },
    },
  ];
}

const FILENAME = 'example.ts';

function describeMessages(messages: readonly Linter.LintMessage[]): string {
  return (
    messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? '(fatal)'} ${m.message}`).join('\n') || '(no problems)'
  );
}

function applySuggestion(code: string, suggestion: Linter.LintSuggestion): string {
  const [start, end] = suggestion.fix.range;
  return code.slice(0, start) + suggestion.fix.text + code.slice(end);
}

const docsDir = join(projectRoot, 'docs', 'rules');
const pages = existsSync(docsDir)
  ? readdirSync(docsDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => basename(file, '.md'))
      .filter((name) => Object.hasOwn(rules, name))
      .sort()
  : [];

describe('every rule has a page', () => {
  it.each(Object.keys(rules))('%s: its page exists, is linked from meta.docs.url and names every option', (name) => {
    const path = join(docsDir, `${name}.md`);
    expect(existsSync(path), `docs/rules/${name}.md is missing`).toBe(true);
    const markdown = readFileSync(path, 'utf8');
    expect(
      markdown.split(/\r?\n/),
      `docs/rules/${name}.md has no header from eslint-doc-generator (npm run docs)`,
    ).toContain(GENERATED_HEADER_END);
    const rule = rules[name]!;
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));

    const schema = rule.meta.schema;
    const entries: readonly unknown[] = Array.isArray(schema) ? schema : [schema];
    const options = entries.flatMap((entry) =>
      Object.keys((entry as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}),
    );
    for (const option of options)
      expect(markdown, `docs/rules/${name}.md does not mention \`${option}\``).toContain(`\`${option}\``);

    const examples = markedExamples(markdown);
    expect(
      examples.some((example) => example.marker === 'incorrect'),
      'no ❌ example',
    ).toBe(true);
    expect(
      examples.some((example) => example.marker === 'correct'),
      'no ✅ example',
    ).toBe(true);
  });
});

describe.each(pages)('docs/rules/%s.md', (name) => {
  const examples = markedExamples(readFileSync(join(docsDir, `${name}.md`), 'utf8'));
  const config = configFor(name);
  const ruleId = `fork-safe/${name}`;
  const linter = new Linter({ configType: 'flat' });

  // Each 🔧 and 💡 block refers to the nearest ❌ block above it.
  const cases = examples.map((example, index) => {
    const source = examples
      .slice(0, index)
      .reverse()
      .find((earlier) => earlier.marker === 'incorrect');
    return [`${example.marker} example at line ${example.line}`, { ...example, source }] as const;
  });

  it.each(cases)('%s', (_title, { marker, language, code, line, source }) => {
    expect(
      LINTED_LANGUAGES.has(language),
      `the marked block at line ${line} is \`${language || '(no language)'}\`, not ts or js`,
    ).toBe(true);
    const messages = linter.verify(code, config, FILENAME);
    // Only the rule's own reports carry a messageId: anything else is a parse error or a broken inline
    // config comment (an unknown rule, an invalid option), which must not count as a report.
    const own = messages.filter((m) => m.ruleId === ruleId && m.messageId !== undefined && !m.fatal);
    const broken = messages.filter((m) => !own.includes(m));
    expect(broken, `parse or configuration error in the block at line ${line}:\n${describeMessages(broken)}`).toEqual(
      [],
    );

    switch (marker) {
      case 'incorrect':
        expect(own.length, `the ❌ block at line ${line} is not reported:\n${code}`).toBeGreaterThan(0);
        break;
      case 'correct':
        expect(own, `the ✅ block at line ${line} is reported:\n${describeMessages(own)}`).toEqual([]);
        break;
      case 'fixed': {
        expect(source, `the 🔧 block at line ${line} has no ❌ block above it`).toBeDefined();
        const { output } = linter.verifyAndFix(source!.code, config, FILENAME);
        expect(
          output.trimEnd(),
          `the 🔧 block at line ${line} is not what --fix makes of the ❌ block at line ${source!.line}`,
        ).toBe(code.trimEnd());
        break;
      }
      case 'suggested': {
        expect(source, `the 💡 block at line ${line} has no ❌ block above it`).toBeDefined();
        const outputs = linter
          .verify(source!.code, config, FILENAME)
          .filter((m) => m.ruleId === ruleId)
          .flatMap((m) =>
            (m.suggestions ?? []).map((suggestion) => applySuggestion(source!.code, suggestion).trimEnd()),
          );
        expect(
          outputs,
          `the 💡 block at line ${line} is none of the suggestions for the ❌ block at line ${source!.line}`,
        ).toContain(code.trimEnd());
        break;
      }
    }
  });
});
