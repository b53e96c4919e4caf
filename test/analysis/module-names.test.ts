// Module names read from text alone (module-names.ts): where the resolver can read one, and nowhere else.
import { describe, expect, it } from 'vitest';
import {
  namesRelativeModule,
  packageModuleNames,
  quotedModuleTest,
  relativeModuleNames,
} from '../../src/analysis/module-names.js';

describe('module names in text', () => {
  it('reads block comments between the call and the name, however many and whatever they hold', () => {
    const text = "require(/* a */ /* b * c / d */\n  './x'); import(/** @type {x} */ '../y');";
    expect(relativeModuleNames(text)).toEqual(['./x', '../y']);
  });

  it('reads nothing from comments that end before a call that is no module name (bundles annotate every call)', () => {
    const pure = '(/* @__PURE__ */ make(value), /* #__PURE__ */ other(1))';
    const text = `${pure.repeat(2000)} require('./z'); (/* not closed`;
    expect(relativeModuleNames(text)).toEqual(['./z']);
    expect(namesRelativeModule(pure)).toBe(false);
  });

  it('reads a bare . or .. only where a module name is required or imported', () => {
    expect(relativeModuleNames("name.split('.'); parts.join('..'); require('..'); import x from '.';")).toEqual([
      '..',
      '.',
    ]);
  });

  it('reads nothing from type-only imports and re-exports, which TypeScript erases', () => {
    const text = [
      "import type { A } from './a';",
      "import type * as B from './b';",
      "export type { C } from './c';",
      "export type * from './d';",
      "import { type E, type F as G } from './e';",
      "import { type H, I } from './h';",
      "import type, { J } from './j';",
      "// import type { K } from './k';\nimport { L } from './l';",
    ].join('\n');
    expect(relativeModuleNames(text)).toEqual(['./h', './j', './l']);
  });

  it('reads a name quoted inside the string of another argument: the string is looked into, not skipped', () => {
    expect(relativeModuleNames("load(`./a${require('./b')}`);")).toEqual(['./a${require(', './b']);
  });

  it('matches a table module by its whole name or a wildcard row by its literal part, with or without node:', () => {
    const quotes = quotedModuleTest(new Set(['http']), ['@aws-sdk/client-']);
    expect(quotes("require('node:http')")).toBe(true);
    expect(quotes("import { S3 } from '@aws-sdk/client-s3'")).toBe(true);
    expect(quotes("require('https'); const protocol = 'http'; get(url, 'http'); require(`http-proxy`)")).toBe(false);
  });

  it('reads the package name only as a module name, with its subpaths', () => {
    const text = "const p = 'pkg'; require('pkg'); import('pkg/sub'); log(level, 'pkg');";
    expect(packageModuleNames(text, 'pkg')).toEqual(['pkg', 'pkg/sub']);
  });
});
