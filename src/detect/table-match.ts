import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { enclosingPackageNames, ownPackageSpecifier } from '../analysis/own-package.js';
import { quotedModuleTest, relativeModuleNames } from '../analysis/module-names.js';
import { isModuleMember, moduleMatches, normaliseModule, type Resolved } from '../analysis/resolve.js';

/** A table row naming a module export and how it is started. */
export interface TableEntry {
  package: string;
  export: string;
  via: 'new' | 'call' | 'any';
}

/**
 * A table of creators (clients, background workers), indexed for the two questions a rule asks of it
 * on every file and every call:
 * - `mayMatch(text)`: can anything in this file match a row at all? A row only matches a callee that
 *   the resolver traced to a module, and the resolver only knows a module from a string literal
 *   naming it (`import`, `require`, `import()`, `getBuiltinModule`), so a file that never quotes one
 *   of the table's modules where a module name can stand (module-names.ts) is skipped before any
 *   analysis.
 * - `match(node, callee)`: the first row a resolved callee matches, looking only at the rows of its
 *   module.
 */
export class EntryTable<Entry extends TableEntry> {
  private static readonly shared = new WeakMap<readonly TableEntry[], EntryTable<TableEntry>>();

  /** The table of `base` plus `additions`; tables of a built-in list alone are built once. */
  static of<Entry extends TableEntry>(base: readonly Entry[], additions: readonly Entry[] = []): EntryTable<Entry> {
    if (additions.length > 0) return new EntryTable([...base, ...additions]);
    let table = EntryTable.shared.get(base) as EntryTable<Entry> | undefined;
    if (!table) {
      table = new EntryTable(base);
      EntryTable.shared.set(base, table as EntryTable<TableEntry>);
    }
    return table;
  }

  /** The rows of each module seen so far, in table order (exact and wildcard packages alike). */
  private readonly rowsByModule = new Map<string, readonly Entry[]>();
  private readonly quotedModule: (text: string) => boolean;

  private constructor(readonly entries: readonly Entry[]) {
    const exact = new Set<string>();
    const prefixes = new Set<string>();
    for (const entry of entries) {
      const module = normaliseModule(entry.package);
      if (module.includes('*')) prefixes.add(module.split('*')[0]!);
      else exact.add(module);
    }
    this.quotedModule = quotedModuleTest(exact, [...prefixes]);
  }

  mayMatch(text: string): boolean {
    return this.quotedModule(text);
  }

  /**
   * mayMatch, and also a file of a package that imports itself: a relative specifier quoted in the text
   * that reaches the package's own entry or a subpath export (`require('..')` in amqplib's examples is
   * 'amqplib'), resolved as the resolver does (own-package.ts).
   */
  mayMatchFile(text: string, filename: string | undefined): boolean {
    // Several rules ask of the same file in a row (the client table: no-module-scope-client and no-cached-handle).
    const last = this.lastFile;
    if (last && last.text === text && last.filename === filename) return last.result;
    const result = this.scanFile(text, filename);
    this.lastFile = { text, filename, result };
    return result;
  }

  private lastFile: { text: string; filename: string | undefined; result: boolean } | undefined;

  private scanFile(text: string, filename: string | undefined): boolean {
    if (this.mayMatch(text)) return true;
    if (!filename) return false;
    // Only a package that a row names can import itself into a row: most files are spared the scan.
    if (!enclosingPackageNames(filename).some((name) => this.mayListPackage(name))) return false;
    for (const specifier of relativeModuleNames(text)) {
      const own = ownPackageSpecifier(filename, specifier);
      if (own !== undefined && this.rowsOf(normaliseModule(own)).length > 0) return true;
    }
    return false;
  }

  /**
   * Per package name: whether a row can name it or one of its subpaths (`name/sub`). A wildcard row is
   * judged by its literal part alone: a superset of what `rowsOf` finds for the name and every subpath,
   * so a "no" is sure without listing the package's subpaths (which reads its entries).
   */
  private readonly packagesListed = new Map<string, boolean>();

  private mayListPackage(name: string): boolean {
    let listed = this.packagesListed.get(name);
    if (listed === undefined) {
      listed = this.entries.some((entry) => {
        const module = normaliseModule(entry.package);
        if (!module.includes('*')) return module === name || module.startsWith(`${name}/`);
        const prefix = module.slice(0, module.indexOf('*'));
        return name.startsWith(prefix) || prefix.startsWith(`${name}/`);
      });
      this.packagesListed.set(name, listed);
    }
    return listed;
  }

  /** The rows of a module, in table order (exact and wildcard packages alike). */
  private rowsOf(module: string): readonly Entry[] {
    let rows = this.rowsByModule.get(module);
    if (!rows) {
      rows = this.entries.filter((entry) => moduleMatches(entry.package, module));
      this.rowsByModule.set(module, rows);
    }
    return rows;
  }

  /** The first row (in table order) a `new X()` or `X()` matches, given what its callee resolved to. */
  match(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    callee: Resolved | undefined,
    accepts: (entry: Entry) => boolean = () => true,
  ): Entry | undefined {
    if (callee?.kind !== 'module') return undefined;
    const via = node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call';
    return this.rowsOf(callee.module).find(
      (entry) =>
        (entry.via === 'any' || entry.via === via) &&
        isModuleMember(callee, entry.package, entry.export.split('.')) &&
        accepts(entry),
    );
  }
}
