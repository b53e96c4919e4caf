import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { fileAnalysis } from '../src/analysis/file-analysis.js';
import { isFunction } from '../src/analysis/ast.js';
import { describeLoadChain } from '../src/analysis/load-chain.js';
import { isModuleMember } from '../src/analysis/resolve.js';
import { SocketTypes } from '../src/detect/client-types.js';
import { lazySingleton } from '../src/detect/lazy-singleton.js';
import { closedInCreatingFlow } from '../src/detect/closed-in-flow.js';
import { constructsInertly } from '../src/detect/inert-construction.js';
import {
  describeOwned,
  mayKeepOwnedClient,
  ownedResources,
  ownedThroughDeclaration,
} from '../src/detect/owned-resources.js';
import { clientPrefilter } from '../src/detect/prefilter.js';
import { EntryTable } from '../src/detect/table-match.js';
import {
  bindingRewrite,
  clientSite,
  exportRewrite,
  handOverRewrite,
  type ClientSite,
} from '../src/fix/client-fixes.js';
import { FIX_MODE_SCHEMA, fixOrSuggest, type FixMode } from '../src/fix/fix-or-suggest.js';
import { runtimeBinding, runtimeModule } from '../src/fix/runtime-import.js';
import { CLIENTS, type ClientEntry } from '../src/tables/clients.js';
import { tableRowsSchema } from '../src/tables/option-schema.js';
import { createRule } from '../src/util/create-rule.js';
import { describeCall } from '../src/util/describe-call.js';

export type Options = [
  {
    fix?: FixMode;
    additionalClients?: { package: string; export: string; via?: 'new' | 'call' | 'any'; close?: string }[];
    lazyInit?: boolean;
    typeAware?: boolean;
    clientTypes?: string[];
  },
];
export type MessageId =
  | 'client'
  | 'clientInInstance'
  | 'escaping'
  | 'globalDispatcher'
  | 'lazyInit'
  | 'ownsClient'
  | 'usePerProcess'
  | 'useProxy'
  | 'wrapWhole';

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

export default createRule<Options, MessageId>({
  name: 'no-module-scope-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating HTTP clients, agents, connection pools and SDK clients while a module loads',
      recommended: 'recommended',
      configOptions: { strict: [{ lazyInit: true }], 'recommended-type-checked': [{ typeAware: true }] },
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      client:
        '{{name}} created at module load holds sockets: they are dead after a V8 snapshot restore or a serverless thaw (ECONNRESET, socket hang up). Hold it with perProcess() from the fork-safe runtime: it is then created on first use, closed before a snapshot and at shutdown, and created again on the first use after a restore.',
      clientInInstance:
        '{{name}} created at module load, by {{by}} on line {{line}}, holds sockets: they are dead after a V8 snapshot restore or a serverless thaw (ECONNRESET, socket hang up). Create that instance on first use, once per process: perProcess() from the fork-safe runtime, with a dispose that closes what it opened (its timers included).',
      escaping:
        '{{name}} created at module load and handed to {{to}}: its sockets are dead after a snapshot restore or a serverless thaw. Create the whole thing with perProcess(): on first use, and again on the first use after a restore.',
      globalDispatcher:
        "{{name}} installed as undici's global dispatcher at module load: its sockets are dead after a snapshot restore or a serverless thaw, and fetch() uses it everywhere. Install it lazily (on first use) or give it short keep-alive timeouts.",
      ownsClient:
        '{{name}} at module load {{verb}} a client it creates ({{owned}}): its sockets are dead after a V8 snapshot restore or a serverless thaw (ECONNRESET, socket hang up). Create it on first use, once per process, with perProcess() from the fork-safe runtime, so that a restored process creates its own.',
      lazyInit:
        '{{name}} is created lazily into {{slot}}, which nothing resets: after a snapshot restore or fork it keeps serving the dead client. Hold it with perProcess() from the fork-safe runtime.',
      usePerProcess: 'Hold it with perProcess(); every use reads the current client with .get(){{atLoadNote}}.',
      wrapWhole:
        'Create both together, once per process: move the client into {{to}} and hold the result with perProcess().',
      useProxy:
        'Wrap it in perProcessProxy(): other modules keep its API, but identity (===) with the client, and method identity, are not preserved.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          fix: FIX_MODE_SCHEMA,
          additionalClients: tableRowsSchema(
            'More clients, as { package, export } pairs, with how they are created and the method that closes one.',
            {
              close: {
                type: 'string',
                minLength: 1,
                description: "The method that closes one (perProcess's dispose); a dotted path reaches through.",
              },
            },
          ),
          lazyInit: {
            type: 'boolean',
            description:
              'Also report a client created lazily (`client ??= new C()`, `if (!client) client = new C()`, a static getInstance()) into a module variable or static field that nothing resets (on in the strict config). Default false.',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Also report a construction at load whose type is, extends or holds (two levels deep) an http.Agent, net.Socket, undici Dispatcher or one of clientTypes. Needs type information (on in recommended-type-checked). Default false.',
          },
          clientTypes: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'More type names that mark a client, for typeAware.',
          },
        },
      },
    ],
    defaultOptions: [{ fix: 'fix', additionalClients: [], lazyInit: false, typeAware: false, clientTypes: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Asked for explicitly, type information must be there: a clear configuration error otherwise.
    const services = options.typeAware ? ESLintUtils.getParserServices(context) : undefined;
    const clients = EntryTable.of<ClientEntry>(
      CLIENTS,
      (options.additionalClients ?? []).map((entry) => ({ ...entry, via: entry.via ?? 'any' })),
    );
    if (!clientPrefilter(clients, services !== undefined).mayReport(sourceCode.text, context.filename)) return {};
    const analysis = fileAnalysis(context);
    const socketTypes = services ? new SocketTypes(services, options.clientTypes ?? []) : undefined;
    const mode = options.fix ?? 'fix';

    // A row matches only a callee that resolves to a module member: the name test first, then the lookup.
    // A file that quotes none of the table's modules (it passed the prefilter for another file's class
    // that may own a client) has no row to match, as the prefilter proves (prefilter.ts).
    const mayMatchRow = clients.mayMatchFile(sourceCode.text, context.filename);
    // Nor can a class or function of another file own one, when no file this one reaches quotes one.
    if (!services && !mayMatchRow && !ownedResources(analysis, clients).mayReachClient()) return {};
    const entryOf = (node: Creation): ClientEntry | undefined =>
      mayMatchRow && analysis.resolver.mayResolveTo(node.callee)
        ? clients.match(node, analysis.resolver.resolve(node.callee))
        : undefined;
    const isClient = (node: Creation): boolean => entryOf(node) !== undefined || (socketTypes?.isClient(node) ?? false);
    const describe = (node: Creation): string => describeCall(node, sourceCode);

    /** The nearest call this creation is an argument of, through other arguments and object literals. */
    function receivingCall(node: TSESTree.Node): Creation | undefined {
      let child: TSESTree.Node = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (
          (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
          parent.callee !== child
        )
          return parent;
        if (
          parent.type !== AST_NODE_TYPES.ObjectExpression &&
          parent.type !== AST_NODE_TYPES.Property &&
          parent.type !== AST_NODE_TYPES.ArrayExpression
        ) {
          return undefined;
        }
      }
      return undefined;
    }

    /**
     * The edit that holds a client created at load with perProcess() (a local binding) or
     * perProcessProxy() (an export): a fix when it is safe, a suggestion otherwise; none elsewhere.
     */
    function holderEdit(site: ClientSite, node: Creation, entry: ClientEntry | undefined) {
      if (site.kind === 'binding') {
        const rewrite = bindingRewrite(
          site,
          node,
          entry,
          analysis,
          runtimeBinding(context, 'perProcess'),
          runtimeBinding(context, 'perProcessProxy'),
        );
        const change = rewrite && {
          messageId: rewrite.proxy ? ('useProxy' as const) : ('usePerProcess' as const),
          data: {
            atLoadNote: [
              rewrite.movesSetup ? '; its setup at load moves into the factory, so every client gets it' : '',
              rewrite.usedAtLoad
                ? '; uses at load now create the client there, and what they do reaches that first client only'
                : '',
            ].join(''),
          },
          fix: rewrite.fix,
        };
        return change ? fixOrSuggest(mode, rewrite.safe ? change : undefined, rewrite.safe ? [] : [change]) : {};
      }
      if (site.kind === 'export') {
        const rewrite = exportRewrite(site, node, entry, analysis, runtimeBinding(context, 'perProcessProxy'));
        return fixOrSuggest(mode, undefined, [{ messageId: 'useProxy', fix: rewrite.fix }]);
      }
      return {};
    }

    /**
     * `new C()` / `f()` at load of a class that owns a client or a function that returns one, created
     * later or elsewhere (owned-resources.ts). Edited like a listed client only when its construction
     * is inert; otherwise perProcess() would also move what its constructor or body does. Whether it reported.
     */
    function checkOwner(node: Creation): boolean {
      // Cheap first, from this file alone: a callee that cannot name an owner, or a line that cannot run
      // at load, is no candidate, so nothing another file declares is looked up (and parsed) for it.
      if (!mayKeepOwnedClient(node, analysis) || !analysis.moduleLoadBound.runsAtLoad(node)) return false;
      // Like a listed client, no exception for role guards: a guard picks the process, not the time.
      const owned = ownedThroughDeclaration(node, analysis, clients, () => analysis.moduleLoad.runsAtLoad(node));
      if (!owned) return false;
      const receiver = receivingCall(node);
      // drizzle(new Wrapper()): the outer client is reported, whole.
      if (receiver && isClient(receiver)) return false;
      const verb = node.type === AST_NODE_TYPES.NewExpression ? 'keeps' : 'returns';
      // Held like a listed client only when constructing it does nothing else: then only the time moves.
      const owner = node.type === AST_NODE_TYPES.NewExpression ? analysis.declarationOf(node.callee) : undefined;
      const inert = !receiver && owner && !isFunction(owner.node) && constructsInertly(owner.node, owner.analysis);
      context.report({
        node,
        messageId: 'ownsClient',
        data: { name: describe(node), verb, owned: describeOwned(owned, analysis) },
        ...(inert ? holderEdit(clientSite(node, analysis), node, undefined) : {}),
      });
      return true;
    }

    function check(node: Creation): void {
      const entry = entryOf(node);
      if (!entry && checkOwner(node)) return;
      if (!entry && !socketTypes) return;
      // The runtime's own holders are the edit, not a client (typeAware would see the value they hold).
      if (!entry && isModuleMember(analysis.resolver.resolve(node.callee), runtimeModule(context), ['*'])) return;
      // `require('net')`: a module's namespace object, not a created client.
      if (!entry && node.type === AST_NODE_TYPES.CallExpression && analysis.resolver.resolve(node)?.kind === 'module')
        return;
      // The checker is asked last, for creations at load only; a creation no table lists is judged
      // from this file alone (other files are read only for a listed creator).
      if (!(entry ? analysis.moduleLoad : analysis.moduleLoadInFile).runsAtLoad(node)) return;
      if (!entry && !socketTypes?.isClient(node)) return;
      // A send-and-exit script: closed again by the flow that opened it, so nothing is held.
      if (entry && closedInCreatingFlow(node, entry.close, analysis)) return;
      const receiver = receivingCall(node);
      // drizzle(postgres(url)): the outer client is reported, whole.
      if (receiver && isClient(receiver)) return;
      const name = describe(node);
      // When another file runs it at load, the chain follows the name: "new Pool() (runs at load: ...)".
      const chain = describeLoadChain(analysis, node);
      const trigger = chain ? ` (${chain})` : '';
      if (receiver) {
        const callee = analysis.resolver.resolve(receiver.callee);
        if (isModuleMember(callee, 'undici', ['setGlobalDispatcher'])) {
          context.report({ node, messageId: 'globalDispatcher', data: { name } });
          return;
        }
        // register(new C()): reported; the call it is handed to decides what wrapping would mean.
        context.report({ node, messageId: 'escaping', data: { name, to: `${sourceCode.getText(receiver.callee)}()` } });
        return;
      }
      const site = clientSite(node, analysis);
      if (site.kind === 'binding') {
        const handOver = handOverRewrite(
          site,
          node,
          analysis,
          receivingCall,
          runtimeBinding(context, 'perProcess'),
          runtimeBinding(context, 'perProcessProxy'),
        );
        // A client handed to another client (drizzle(pool)) is that client's report; to anything else,
        // the outer construction is reported, with a suggestion to create both together.
        if (handOver && !isClient(handOver.outer)) {
          context.report({
            node: handOver.outer,
            messageId: 'escaping',
            data: { name, to: `${sourceCode.getText(handOver.outer.callee)}()` },
            ...fixOrSuggest(mode, undefined, [
              {
                messageId: 'wrapWhole',
                data: { to: `${sourceCode.getText(handOver.outer.callee)}()` },
                fix: handOver.rewrite.fix,
              },
            ]),
          });
          return;
        }
        context.report({
          node,
          messageId: 'client',
          data: { name: `${name}${trigger}` },
          ...holderEdit(site, node, entry),
        });
        return;
      }
      if (site.kind === 'export') {
        context.report({
          node,
          messageId: 'client',
          data: { name: `${name}${trigger}` },
          ...holderEdit(site, node, entry),
        });
        return;
      }
      // In a constructor or field of a class instantiated at load: name the `new C()` that runs it.
      const instantiation = analysis.moduleLoad.loadTimeInstantiation(node);
      if (instantiation) {
        const by = describeCall(instantiation, sourceCode);
        const line = String(instantiation.loc.start.line);
        context.report({ node, messageId: 'clientInInstance', data: { name, by, line } });
        return;
      }
      context.report({ node, messageId: 'client', data: { name: `${name}${trigger}` } });
    }

    /** A client created lazily (`client ??= new C()`, `if (!C.instance) C.instance = new C()`) into a slot nothing resets. */
    function checkLazyInit(node: TSESTree.AssignmentExpression): void {
      // At load it is a creation at load, which check() reports.
      if (analysis.moduleLoad.runsAtLoad(node)) return;
      const found = lazySingleton(node, analysis, isClient);
      if (!found) return;
      const name = found.via
        ? `${describe(found.creation)}, which creates ${describe(found.via)},`
        : describe(found.creation);
      context.report({ node, messageId: 'lazyInit', data: { name, slot: found.slot } });
    }

    return {
      NewExpression: check,
      CallExpression: check,
      ...(options.lazyInit ? { AssignmentExpression: checkLazyInit } : {}),
    };
  },
});
