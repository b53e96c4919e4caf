// The Resolver's memoisation: a result cut short by the depth limit (asked from deep inside another
// resolution) must not be what a later, shallower question gets.
import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { Resolver, type Resolved } from '../../src/analysis/resolve.js';

/** Resolves, in order, the callee of each `new` in the code, with one Resolver for the file. */
function resolveCallees(code: string): (Resolved | undefined)[] {
  const results: (Resolved | undefined)[] = [];
  const linter = new Linter({ configType: 'flat' });
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      const resolver = new Resolver(context.sourceCode);
      return { NewExpression: (node: TSESTree.NewExpression) => results.push(resolver.resolve(node.callee)) };
    },
  };
  const messages = linter.verify(code, {
    plugins: { test: { rules: { resolve: rule as never } } },
    rules: { 'test/resolve': 'error' },
  });
  expect(messages).toEqual([]);
  return results;
}

/** `const a0 = require('node:http'); const a1 = a0; ...`: each alias is one more step of depth. */
function aliasChain(length: number): string {
  const lines = ["const a0 = require('node:http');"];
  for (let i = 1; i <= length; i++) lines.push(`const a${i} = a${i - 1};`);
  return lines.join('\n');
}

const httpAgent: Resolved = { kind: 'module', module: 'http', path: ['Agent'] };

describe('Resolver memoisation and the depth limit', () => {
  it('resolves a short alias chain', () => {
    expect(resolveCallees(`${aliasChain(3)}\nnew a3.Agent();`)).toEqual([httpAgent]);
  });

  it('gives up on a chain longer than the depth limit', () => {
    expect(resolveCallees(`${aliasChain(20)}\nnew a20.Agent();`)).toEqual([undefined]);
  });

  // Whichever node of the chain the limit cuts at, the aliases below it must still resolve when asked directly.
  it.each([10, 11, 12, 13, 16, 20])(
    'still resolves short aliases after a chain of %i through them was cut short',
    (length) => {
      expect(
        resolveCallees(`${aliasChain(length)}\nnew a${length}.Agent();\nnew a2.Agent();\nnew a5.Agent();`),
      ).toEqual([undefined, httpAgent, httpAgent]);
    },
  );

  it('resolves every reference of a variable alike, and a cycle to nothing', () => {
    const code =
      "let c = require('node:http'); new c.Agent(); new c.Agent();\nlet x = y; let y = x; new x.Agent(); new y.Agent();";
    expect(resolveCallees(code)).toEqual([httpAgent, httpAgent, undefined, undefined]);
  });
});
