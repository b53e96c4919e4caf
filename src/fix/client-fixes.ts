import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/ast.js';
import { declaredBinding } from '../analysis/bindings.js';
import { isCommonJsExportTarget } from '../analysis/exports.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import type { ClientEntry } from '../tables/clients.js';
import { removeStatement, replaceReference, withImport, type Rewrite } from './edits.js';
import { arrowBodyText } from './operand.js';
import { firstFreeName } from './free-names.js';
import { lineIndent, movedText, type TextReplacement } from './indent.js';
import type { RuntimeBinding } from './runtime-import.js';
import { laterSetup, renamedWithin } from './setup-statements.js';

/** Where a client creation sits, which decides how it can be rewritten. */
export type ClientSite =
  /** `const client = new C()` (or `globalThis.x ?? new C()` as the initialiser). */
  | { kind: 'binding'; init: TSESTree.Expression; globalKey: string | undefined }
  /** `export default new C()`, `module.exports = new C()`, `exports.x = new C()`. */
  | { kind: 'export'; init: TSESTree.Expression }
  /** Anything else: an argument, a property, a statement of its own. */
  | { kind: 'other' };

/**
 * `globalThis.prisma ?? new PrismaClient()` (also `||`, `global.x`, and a `globalThis as unknown as {...}`
 * alias): the dev-reload pattern. Returns the global key.
 */
function devReloadKey(node: TSESTree.Node, analysis: FileAnalysis): string | undefined {
  const parent = node.parent;
  if (
    parent?.type !== AST_NODE_TYPES.LogicalExpression ||
    parent.right !== node ||
    (parent.operator !== '??' && parent.operator !== '||')
  )
    return undefined;
  const left = unwrap(parent.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const resolved = analysis.resolver.resolve(left);
  return resolved?.kind === 'global' && resolved.path.length === 1 ? resolved.path[0] : undefined;
}

export function clientSite(node: TSESTree.Expression, analysis: FileAnalysis): ClientSite {
  const globalKey = devReloadKey(node, analysis);
  const init = globalKey !== undefined ? (node.parent as TSESTree.LogicalExpression) : node;
  const parent = init.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === init)
    return { kind: 'binding', init, globalKey };
  if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return { kind: 'export', init };
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === init &&
    isCommonJsExportTarget(parent.left)
  )
    return { kind: 'export', init };
  return { kind: 'other' };
}

/** What a holder's dispose needs of a table row: the method that closes one. */
type Closable = Pick<ClientEntry, 'close'>;

function holderOptions(entry: Closable | undefined, globalKey: string | undefined): string {
  const options: string[] = [];
  if (globalKey !== undefined) options.push(`scope: 'globalThis'`, `key: '${globalKey.replace(/[\\']/g, '\\$&')}'`);
  if (entry?.close) options.push(`dispose: (client) => client.${entry.close}()`);
  return options.length > 0 ? `, { ${options.join(', ')} }` : '';
}

/**
 * Statements at load that set the client up, moved into its factory after `const <name> = <creation>`:
 * `name` is the factory's own, so it does not shadow the binding that holds the holder, and `renames`
 * write it into the statements.
 */
interface Setup {
  readonly name: string;
  readonly statements: readonly TSESTree.Node[];
  readonly renames: readonly TextReplacement[];
  readonly indent: string;
}

/**
 * The text a creation becomes: `perProcess(() => new C(opts), { dispose: ... })`, or with setup
 * `perProcess(() => { const pool = new C(opts); pool.on(...); return pool; }, ...)`.
 */
function wrapped(
  analysis: FileAnalysis,
  callee: string,
  creation: TSESTree.Node,
  entry: Closable | undefined,
  globalKey: string | undefined,
  creationText = analysis.sourceCode.getText(creation),
  setup?: Setup,
): string {
  const options = holderOptions(entry, globalKey);
  if (!setup || setup.statements.length === 0)
    return `${callee}(() => ${arrowBodyText(creationText, creation)}${options})`;
  const { name, statements, indent, renames } = setup;
  const lines = [
    `const ${name} = ${creationText};`,
    ...statements.map((statement) => movedText(analysis.sourceCode, statement, renames)),
    `return ${name};`,
  ];
  return `${callee}(() => {\n${lines.map((line) => `${indent}  ${line}`).join('\n')}\n${indent}}${options})`;
}

/**
 * `globalThis.x = client` or `if (dev) globalThis.x = client`: the other half of the dev-reload pattern,
 * which the holder's globalThis scope replaces. Returns the statement to remove.
 */
function devReloadStore(
  reference: TSESTree.Identifier,
  globalKey: string | undefined,
  analysis: FileAnalysis,
): TSESTree.Node | undefined {
  const assignment = reference.parent;
  if (
    globalKey === undefined ||
    assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
    assignment.right !== reference
  )
    return undefined;
  const target = analysis.resolver.resolve(assignment.left);
  if (target?.kind !== 'global' || target.path.length !== 1 || target.path[0] !== globalKey) return undefined;
  const statement = assignment.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const owner = statement.parent;
  if (owner?.type === AST_NODE_TYPES.IfStatement && owner.consequent === statement && !owner.alternate) return owner;
  if (
    owner?.type === AST_NODE_TYPES.BlockStatement &&
    owner.body.length === 1 &&
    owner.parent?.type === AST_NODE_TYPES.IfStatement &&
    !owner.parent.alternate
  ) {
    return owner.parent;
  }
  return statement;
}

/**
 * `pool.end();` or `await pool.end()`, where `end` is the method the holder's dispose calls: the user's
 * own close becomes `pool.dispose()`, which closes the current client if there is one (`pool.get().end()`
 * would create a client just to close it) and lets the next get() create a fresh one. Only where the
 * call's value is dropped or awaited: dispose() resolves to nothing.
 */
function closeCall(identifier: TSESTree.Identifier, close: string | undefined): boolean {
  const member = identifier.parent;
  if (
    close === undefined ||
    close.includes('.') ||
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== identifier ||
    member.computed ||
    member.optional ||
    member.property.type !== AST_NODE_TYPES.Identifier ||
    member.property.name !== close
  )
    return false;
  const call = member.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.arguments.length > 0) return false;
  const user = call.parent?.type === AST_NODE_TYPES.AwaitExpression ? call.parent.parent : call.parent;
  return user?.type === AST_NODE_TYPES.ExpressionStatement;
}

/** `typeof client` or `typeof client.a.b` in a type: the type query, and the property names after the client. */
function typeQueryOf(identifier: TSESTree.Identifier): { query: TSESTree.TSTypeQuery; path: string[] } | undefined {
  const path: string[] = [];
  let node: TSESTree.Node = identifier;
  while (node.parent?.type === AST_NODE_TYPES.TSQualifiedName && node.parent.left === node) {
    path.push(node.parent.right.name);
    node = node.parent;
  }
  const query = node.parent;
  return query?.type === AST_NODE_TYPES.TSTypeQuery && query.exprName === node ? { query, path } : undefined;
}

/** A binding held by perProcess (or perProcessProxy), and what makes it a suggestion rather than a fix. */
export interface HeldRewrite extends Rewrite {
  readonly proxy: boolean;
  /** Setup statements at load move into the factory (they then run when the value is first created). */
  readonly movesSetup: boolean;
  /** The value is used while the module loads: those uses now create it there. */
  readonly usedAtLoad: boolean;
}

/**
 * `const client = new C(opts)` -> `const client = perProcess(() => new C(opts), { dispose })`, and every
 * use `client` -> `client.get()`, all in one edit. A fix only when every use runs after load (inside
 * functions called later): a use at load (a listener attached, the client passed to another call) would
 * bind to the first instance only, and an exported binding is seen by other modules, so those are
 * suggestions; an exported one goes through perProcessProxy, which keeps the API for other modules.
 */
export function bindingRewrite(
  site: Extract<ClientSite, { kind: 'binding' }>,
  creation: TSESTree.Node,
  entry: Closable | undefined,
  analysis: FileAnalysis,
  holder: RuntimeBinding,
  proxy: RuntimeBinding,
  creationText?: string,
): HeldRewrite | undefined {
  const declared = declaredBinding(site.init, analysis);
  if (!declared || declared.reassigned) return undefined;
  const { sourceCode, moduleLoad } = analysis;
  // `pool.on('error', ...)` at load moves into the factory: through the holder it would reach the first
  // pool only (and through the proxy create it at load). No edit when it cannot move.
  const { declaration } = declared;
  const statement =
    declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
  const moved =
    declaration.declarations.length === 1 && site.init === declared.declarator.init
      ? laterSetup(statement, declared.variable, analysis)
      : [];
  if (!moved) return undefined;
  const inner = firstFreeName('created', analysis.namesInUse);
  const setup: Setup = {
    name: inner,
    statements: moved,
    renames: renamedWithin(moved, declared.variable, inner),
    indent: lineIndent(sourceCode, statement),
  };
  const inSetup = (node: TSESTree.Node) =>
    moved.some((moving) => node.range[0] >= moving.range[0] && node.range[1] <= moving.range[1]);

  const uses: TSESTree.Identifier[] = [];
  const typeQueries: { query: TSESTree.TSTypeQuery; path: string[] }[] = [];
  const stores: TSESTree.Node[] = [];
  let atLoad = false;
  let inTypes = false;
  for (const reference of declared.variable.references) {
    if (reference.init || inSetup(reference.identifier)) continue;
    const identifier = reference.identifier as TSESTree.Identifier;
    const store = devReloadStore(identifier, site.globalKey, analysis);
    const typeQuery = typeQueryOf(identifier);
    if (store) stores.push(store);
    else if (typeQuery) typeQueries.push(typeQuery);
    else if (reference.isTypeReference) inTypes = true;
    else {
      if (moduleLoad.runsAtLoad(identifier)) atLoad = true;
      uses.push(identifier);
    }
  }
  const removeStores = (fixer: TSESLint.RuleFixer) =>
    [...stores, ...moved].map((removed) => removeStatement(fixer, sourceCode, removed));

  if (declared.exported) {
    return {
      safe: false,
      proxy: true,
      movesSetup: moved.length > 0,
      usedAtLoad: atLoad,
      fix: (fixer) =>
        withImport(proxy, fixer, [
          fixer.replaceText(
            site.init,
            wrapped(analysis, proxy.name, creation, entry, site.globalKey, creationText, setup),
          ),
          ...removeStores(fixer),
        ]),
    };
  }
  return {
    // Moving setup changes when it runs (at the first get(), no longer at load): a suggestion.
    safe: !atLoad && !inTypes && moved.length === 0,
    proxy: false,
    movesSetup: moved.length > 0,
    usedAtLoad: atLoad,
    fix: (fixer) => {
      const annotation = declared.declarator.id.typeAnnotation;
      return withImport(holder, fixer, [
        fixer.replaceText(
          site.init,
          wrapped(analysis, holder.name, creation, entry, site.globalKey, creationText, setup),
        ),
        // `const pool: Pool = ...` now holds the holder: let TypeScript infer PerProcess<Pool>.
        ...(annotation ? [fixer.remove(annotation)] : []),
        ...uses.map((identifier) =>
          closeCall(identifier, entry?.close)
            ? fixer.replaceText(identifier.parent!, `${identifier.name}.dispose`)
            : replaceReference(fixer, identifier, `${identifier.name}.get()`),
        ),
        // `typeof client` in a type keeps meaning the client: `ReturnType<typeof client.get>`.
        ...typeQueries.map(({ query, path }) =>
          fixer.replaceText(
            query,
            `ReturnType<typeof ${declared.name}.get>${path.map((name) => `['${name}']`).join('')}`,
          ),
        ),
        ...removeStores(fixer),
      ]);
    },
  };
}

/**
 * A worker pool created at load into a binding (`const pool = new Piscina(...)`): held like a client, so
 * its threads start when a process first runs a job; `close` (the pool's destroy()) is the dispose.
 */
export function poolRewrite(
  creation: TSESTree.Node,
  close: string | undefined,
  analysis: FileAnalysis,
  holder: RuntimeBinding,
  proxy: RuntimeBinding,
): HeldRewrite | undefined {
  if (creation.type !== AST_NODE_TYPES.NewExpression && creation.type !== AST_NODE_TYPES.CallExpression)
    return undefined;
  const site = clientSite(creation, analysis);
  if (site.kind !== 'binding' || site.globalKey !== undefined) return undefined;
  return bindingRewrite(site, creation, { close }, analysis, holder, proxy);
}

/** `export default new C()`, `module.exports = new C()` -> perProcessProxy(...): a suggestion, never a fix. */
export function exportRewrite(
  site: Extract<ClientSite, { kind: 'export' }>,
  creation: TSESTree.Node,
  entry: Closable | undefined,
  analysis: FileAnalysis,
  proxy: RuntimeBinding,
): Rewrite {
  return {
    safe: false,
    fix: (fixer) =>
      withImport(proxy, fixer, [
        fixer.replaceText(site.init, wrapped(analysis, proxy.name, creation, entry, undefined)),
      ]),
  };
}

/**
 * `const sql = postgres(url); const db = createOrm(sql);`: a client whose only use is to be handed, at
 * load, to the call that creates another binding. The whole thing is one resource: the suggestion inlines
 * the client into that call and holds the result (`const db = perProcess(() => createOrm(postgres(url)))`),
 * so both are created together, once per process. Returns the outer call, and the rewrite, when the
 * client is used exactly like that.
 */
export function handOverRewrite(
  site: Extract<ClientSite, { kind: 'binding' }>,
  creation: TSESTree.Node,
  analysis: FileAnalysis,
  receivingCall: (node: TSESTree.Node) => TSESTree.CallExpression | TSESTree.NewExpression | undefined,
  holder: RuntimeBinding,
  proxy: RuntimeBinding,
): { outer: TSESTree.CallExpression | TSESTree.NewExpression; rewrite: Rewrite } | undefined {
  const declared = declaredBinding(site.init, analysis);
  if (!declared || declared.reassigned || declared.exported || site.globalKey !== undefined) return undefined;
  const uses = declared.variable.references.filter((reference) => !reference.init);
  const only = uses.length === 1 ? (uses[0]!.identifier as TSESTree.Identifier) : undefined;
  const outer = only && analysis.moduleLoad.runsAtLoad(only) ? receivingCall(only) : undefined;
  if (!only || !outer) return undefined;
  const outerSite = clientSite(outer, analysis);
  if (outerSite.kind !== 'binding' || outerSite.globalKey !== undefined) return undefined;
  const { sourceCode } = analysis;
  const outerText = sourceCode.getText(outer);
  const offset = outer.range[0];
  const inlined = `${outerText.slice(0, only.range[0] - offset)}${sourceCode.getText(creation)}${outerText.slice(only.range[1] - offset)}`;
  const rewrite = bindingRewrite(outerSite, outer, undefined, analysis, holder, proxy, inlined);
  if (!rewrite) return undefined;
  return {
    outer,
    rewrite: {
      safe: false,
      fix: (fixer) => [...rewrite.fix(fixer), removeStatement(fixer, sourceCode, declared.declaration)],
    },
  };
}
