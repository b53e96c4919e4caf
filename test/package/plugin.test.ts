import { createRequire } from 'node:module';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import type { ForkSafeRule } from '../../rules/index.js';
import { rulesFor } from '../../src/configs.js';
import { projectRoot } from '../helpers/node.js';

const require = createRequire(import.meta.url);
type Plugin = typeof import('../../src/index.js').default;

const esmPlugin = ((await import(join(projectRoot, 'dist/esm/src/index.js'))) as { default: Plugin }).default;
const cjsPlugin = require(join(projectRoot, 'dist/cjs/src/index.js')) as Plugin;
const configNames = ['recommended', 'strict', 'recommended-type-checked'] as const;

describe.each([
  ['ESM', esmPlugin],
  ['CommonJS', cjsPlugin],
])('the built plugin (%s)', (_format, plugin) => {
  it('has the meta ESLint expects', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'fork-safe' });
  });

  it.each(configNames)('has a named flat config %s that enables only its own rules', (name) => {
    const config = plugin.configs[name];
    expect(config.name).toBe(`fork-safe/${name}`);
    expect(config.plugins?.['fork-safe']).toBeDefined();
    for (const ruleId of Object.keys(config.rules ?? {})) {
      expect(ruleId).toMatch(/^fork-safe\//);
      expect(plugin.rules).toHaveProperty(ruleId.slice('fork-safe/'.length));
    }
  });
});

function fakeRule(recommended?: 'recommended' | 'strict', requiresTypeChecking = false): ForkSafeRule {
  return {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [], docs: { description: 'x', recommended, requiresTypeChecking } },
    create: () => ({}),
  } as unknown as ForkSafeRule;
}

describe('the shipped configs', () => {
  it('turn on the stricter and the typed modes where a rule asks for them', () => {
    expect(esmPlugin.configs.recommended.rules?.['fork-safe/no-module-scope-client']).toBe('error');
    expect(esmPlugin.configs.strict.rules?.['fork-safe/no-module-scope-client']).toEqual(['error', { lazyInit: true }]);
    expect(esmPlugin.configs['recommended-type-checked'].rules?.['fork-safe/no-module-scope-client']).toEqual([
      'error',
      { typeAware: true },
    ]);
  });
});

describe('configs are derived from meta.docs', () => {
  const rules = {
    base: fakeRule('recommended'),
    extra: fakeRule('strict'),
    typed: fakeRule('recommended', true),
    off: fakeRule(),
  };

  it('recommended: recommended rules that need no type information', () => {
    expect(rulesFor('recommended', rules, 'fs')).toEqual({ 'fs/base': 'error' });
  });
  it('strict: recommended plus strict rules', () => {
    expect(rulesFor('strict', rules, 'fs')).toEqual({ 'fs/base': 'error', 'fs/extra': 'error' });
  });
  it('recommended-type-checked: recommended plus the typed recommended rules', () => {
    expect(rulesFor('recommended-type-checked', rules, 'fs')).toEqual({ 'fs/base': 'error', 'fs/typed': 'error' });
  });
});

interface LintResult {
  messages: { ruleId: string | null; message: string; line: number }[];
}
interface ESLintClass {
  version: string;
  new (options: object): {
    lintText(code: string, options?: object): Promise<LintResult[]>;
    lintFiles(patterns: string[]): Promise<LintResult[]>;
  };
}

describe.each([
  ['10', () => require('eslint') as { ESLint: ESLintClass }],
  ['9', () => require(join(projectRoot, 'test/compat/node_modules/eslint')) as { ESLint: ESLintClass }],
])('ESLint %s flat config', (major, load) => {
  it('runs fork-safe/recommended-type-checked with typed linting, and its typed mode finds a client no table lists', async () => {
    const { ESLint } = load();
    const cwd = join(projectRoot, 'test/fixtures/typed-project');
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: cwd } },
        },
        esmPlugin.configs['recommended-type-checked'],
      ],
    });
    const [result] = (await eslint.lintFiles(['src/app.ts'])) as LintResult[];
    // The table finds the agent the singleton's field creates at load; only the type says the singleton
    // itself holds it.
    expect(result?.messages.map((message) => [message.ruleId, message.line, message.message.split(':')[0]])).toEqual([
      [
        'fork-safe/no-module-scope-client',
        5,
        'new Agent() created at module load, by new TelemetryTransport() on line 11, holds sockets',
      ],
      ['fork-safe/no-module-scope-client', 11, 'new TelemetryTransport() created at module load holds sockets'],
    ]);
  });

  it('reports a clear configuration error when the typed config gets no type information', async () => {
    const { ESLint } = load();
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [esmPlugin.configs['recommended-type-checked']],
    });
    await expect(eslint.lintText('export {};\n', { filePath: 'app.js' })).rejects.toThrow(/requires type information/);
  });

  it.each(['recommended', 'strict'] as const)('accepts fork-safe/%s and lints with it', async (name) => {
    const { ESLint } = load();
    expect(ESLint.version.split('.')[0]).toBe(major);
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [esmPlugin.configs[name], { rules: { 'no-unused-vars': 'error' } }],
    });
    const [result] = await eslint.lintText('const unused = setInterval(() => {}, 1000);\n', { filePath: 'app.js' });
    // The config is valid (no fatal message) and the run really linted: the core rule and ours report.
    expect(result?.messages.map((message) => message.ruleId)).toEqual([
      'no-unused-vars',
      'fork-safe/no-module-scope-worker',
    ]);
  });
});
