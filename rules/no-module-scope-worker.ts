import type { TSESTree } from '@typescript-eslint/utils';
import { fileAnalysis } from '../src/analysis/file-analysis.js';
import { describeLoadChain } from '../src/analysis/load-chain.js';
import { isWorkerEntry, startsOwnFile } from '../src/analysis/worker-entry.js';
import {
  classifyStart,
  isUnrefdTimer,
  startsAtLoad,
  describeTimerParameter,
  type StartCall,
} from '../src/detect/background-work.js';
import { workerPrefilter } from '../src/detect/prefilter.js';
import { EntryTable } from '../src/detect/table-match.js';
import { intervalRewrite, primaryGuardRewrite, workerRewrite, type Rewrite } from '../src/fix/background-fixes.js';
import { poolRewrite } from '../src/fix/client-fixes.js';
import { FIX_MODE_SCHEMA, fixOrSuggest, type FixMode } from '../src/fix/fix-or-suggest.js';
import { runtimeBinding } from '../src/fix/runtime-import.js';
import { BACKGROUND_CREATORS, type BackgroundCreator } from '../src/tables/background-work.js';
import { tableRowsSchema } from '../src/tables/option-schema.js';
import { createRule } from '../src/util/create-rule.js';
import { describeCall } from '../src/util/describe-call.js';

export type Options = [
  {
    fix?: FixMode;
    additionalCreators?: { package: string; export: string; via?: 'new' | 'call' | 'any' }[];
    allowInHashbangFiles?: boolean;
    allowInWorkerEntries?: boolean;
  },
];
export type MessageId =
  | 'interval'
  | 'intervalByParameter'
  | 'unrefInterval'
  | 'recurringTimeout'
  | 'thread'
  | 'process'
  | 'cluster'
  | 'pool'
  | 'logger'
  | 'scheduler'
  | 'useInterval'
  | 'useUnrefInterval'
  | 'useStartWorker'
  | 'usePerProcess'
  | 'useProxy'
  | 'guardPrimary';

export default createRule<Options, MessageId>({
  name: 'no-module-scope-worker',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow starting threads, processes, worker pools and recurring timers while a module loads',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      interval:
        'Interval started at module load{{trigger}}: it hangs a V8 snapshot build, runs once per cluster worker and keeps test runners alive. Start it through the fork-safe runtime (interval()).',
      intervalByParameter:
        'Interval started at module load{{trigger}}: `{{parameter}}` is {{timer}} {{how}}. It hangs a V8 snapshot build, runs once per cluster worker and keeps test runners alive. Start it through the fork-safe runtime (interval()).',
      unrefInterval:
        "Unref'd interval started at module load{{trigger}}: it never fires in a process restored from a V8 snapshot (its timer is not carried over) and runs once per cluster worker. Start it through the fork-safe runtime (interval()), which starts it again after a restore.",
      recurringTimeout:
        'Recurring setTimeout started at module load{{trigger}}: it keeps rescheduling through snapshot builds, cluster workers and test runs. Use interval() from the fork-safe runtime.',
      thread:
        'Worker thread started at module load{{trigger}}: a V8 snapshot build fails (ERR_NOT_SUPPORTED_IN_SNAPSHOT), every cluster worker starts its own, and a worker thread that loads this module starts another. Start it with startWorker(..., { mainThreadOnly: true }).{{withheld}}',
      process:
        'Child process started at module load{{trigger}}: it runs again in every cluster worker and worker thread that loads this module and breaks a V8 snapshot build. Start it with startWorker() from the fork-safe runtime.{{withheld}}',
      cluster:
        'cluster.fork() at module load without a primary guard: every worker loads this module too, where cluster.fork is not a function. Guard it with cluster.isPrimary.',
      pool: '{{name}} starts worker threads at module load: a V8 snapshot build fails (ERR_NOT_SUPPORTED_IN_SNAPSHOT), and every process that loads this module starts them, a cluster primary that never runs a job included. Create it on first use with perProcess() from the fork-safe runtime: a process starts the threads when it first runs a job, and one restored from a snapshot creates a new pool.',
      logger:
        '{{name}} starts a transport thread at module load, so a V8 snapshot build fails (ERR_NOT_SUPPORTED_IN_SNAPSHOT). Create the logger on first use with perProcess() from the fork-safe runtime: the thread then starts when the process first logs (after the restore, for a snapshot), and each restored process creates its own.',
      scheduler:
        '{{name}} starts a scheduled job at module load: every cluster worker and PM2 instance that loads this module runs the job too, and a process restored from a V8 snapshot has lost its timer. Schedule it from the code that starts the process (in the primary only, if it must run once).',
      useInterval: 'Start it with interval() from the fork-safe runtime{{unrefNote}}.',
      useUnrefInterval:
        "Start it with interval() and let the process exit while only this timer is left (the runtime's default, which also lets test runners exit).",
      useStartWorker: 'Start it with startWorker(() => ..., { mainThreadOnly: true }){{handleNote}}.',
      usePerProcess: 'Hold it with perProcess(); every use reads the current pool with .get(){{note}}.',
      useProxy:
        'Wrap it in perProcessProxy(): other modules keep its API, but identity (===) with the pool is not preserved{{note}}.',
      guardPrimary: 'Fork only in the primary: if (cluster.isPrimary) ...',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          fix: FIX_MODE_SCHEMA,
          additionalCreators: tableRowsSchema(
            'More functions or classes that start background work, as { package, export } pairs.',
          ),
          allowInHashbangFiles: {
            type: 'boolean',
            description:
              'Ignore files that start with a hashbang (#!): CLI entry points, which run as programs and are not imported. Default true.',
          },
          allowInWorkerEntries: {
            type: 'boolean',
            description:
              "Ignore worker thread entry files (files that read worker_threads' parentPort or workerData): their background work is the worker's job. Default true.",
          },
        },
      },
    ],
    defaultOptions: [{ fix: 'fix', additionalCreators: [], allowInHashbangFiles: true, allowInWorkerEntries: true }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const creators = EntryTable.of<BackgroundCreator>(
      BACKGROUND_CREATORS,
      (options.additionalCreators ?? []).map((entry) => ({
        package: entry.package,
        export: entry.export,
        via: entry.via ?? 'any',
        kind: 'pool' as const,
      })),
    );
    if (options.allowInHashbangFiles !== false && sourceCode.text.startsWith('#!')) return {};
    if (!workerPrefilter(creators).mayReport(sourceCode.text, context.filename)) return {};
    const analysis = fileAnalysis(context);
    const mode = options.fix ?? 'fix';
    let workerEntry: boolean | undefined;

    function check(node: StartCall): void {
      const start = classifyStart(node, analysis, creators);
      if (!start || !startsAtLoad(node, start, analysis) || analysis.roleGuards.isGuarded(node)) return;
      // A worker entry's own background work is the worker's job, except a worker it starts on its own
      // file, which is exactly the recursion this rule exists for.
      if (
        options.allowInWorkerEntries !== false &&
        (workerEntry ??= isWorkerEntry(analysis)) &&
        !startsOwnFile(node, start.kind)
      )
        return;

      switch (start.kind) {
        case 'interval': {
          const call = node as TSESTree.CallExpression;
          if (start.through) {
            // The timer is a parameter: no edit, since a caller may hand in another function.
            context.report({
              node,
              messageId: 'intervalByParameter',
              data: {
                trigger: loadTrigger(call),
                parameter: start.through.name,
                timer: start.through.timer,
                how: describeTimerParameter(call, start.through, analysis),
              },
            });
            return;
          }
          const message = {
            messageId: isUnrefdTimer(call, analysis) ? ('unrefInterval' as const) : ('interval' as const),
            data: { trigger: loadTrigger(call) },
          };
          const rewrite = intervalRewrite(call, analysis, runtimeBinding(context, 'interval'));
          if (!rewrite) {
            context.report({ node, ...message });
            return;
          }
          const keepsProcessAlive = {
            messageId: 'useInterval' as const,
            data: { unrefNote: rewrite.refCounted ? ', keeping the process alive as setInterval does' : '' },
            fix: rewrite.fix(rewrite.refCounted),
          };
          const unrefd = rewrite.refCounted
            ? [{ messageId: 'useUnrefInterval' as const, fix: rewrite.fix(false) }]
            : [];
          context.report({
            node,
            ...message,
            ...fixOrSuggest(
              mode,
              rewrite.safe ? keepsProcessAlive : undefined,
              rewrite.safe ? unrefd : [keepsProcessAlive, ...unrefd],
            ),
          });
          return;
        }
        case 'thread':
        case 'process': {
          const result = workerRewrite(node, analysis, runtimeBinding(context, 'startWorker'));
          const rewrite = 'fix' in result ? result : undefined;
          const withheld = 'withheld' in result ? ` No edit: ${result.withheld}.` : '';
          const handleNote =
            rewrite && !rewrite.safe
              ? '; the variable then holds the managed handle and its other uses go through .current'
              : '';
          context.report({
            node,
            messageId: start.kind,
            data: { withheld, trigger: loadTrigger(node) },
            ...offer(rewrite, 'useStartWorker', { handleNote }),
          });
          return;
        }
        case 'cluster':
          context.report({ node, messageId: 'cluster', ...offer(primaryGuardRewrite(node, analysis), 'guardPrimary') });
          return;
        case 'pool': {
          // Only a known pool (a row with its shutdown method), which does nothing until a job is run: a
          // user-named creator may start work of its own, which a holder nobody reads would never start.
          const close = start.creator.close;
          const rewrite =
            close === undefined
              ? undefined
              : poolRewrite(
                  node,
                  close,
                  analysis,
                  runtimeBinding(context, 'perProcess'),
                  runtimeBinding(context, 'perProcessProxy'),
                );
          const note = [
            rewrite?.movesSetup ? '; its setup at load moves into the factory, so every pool gets it' : '',
            rewrite?.usedAtLoad ? '; uses at load now create the pool there' : '',
          ].join('');
          context.report({
            node,
            messageId: 'pool',
            data: { name: `${describeCall(node, sourceCode)}${loadTrigger(node)}` },
            ...offer(rewrite, rewrite?.proxy ? 'useProxy' : 'usePerProcess', { note }),
          });
          return;
        }
        case 'logger':
        case 'scheduler':
          context.report({
            node,
            messageId: start.kind,
            // The chain (when another file runs it at load) follows the name: "pino.transport() (runs at load: ...)".
            data: { name: `${describeCall(node, sourceCode)}${loadTrigger(node)}` },
          });
          return;
        case 'recurringTimeout':
          context.report({ node, messageId: 'recurringTimeout', data: { trigger: loadTrigger(node) } });
          return;
      }
    }

    /**
     * ` by new Metrics() on line 12`: the load-time instantiation that runs a constructor's timer; when
     * what runs it at load is in another file, the whole chain of calls from that file's top level.
     */
    function loadTrigger(node: TSESTree.Node): string {
      const chain = describeLoadChain(analysis, node);
      if (chain) return ` (${chain})`;
      const instantiation = analysis.moduleLoad.loadTimeInstantiation(node);
      return instantiation
        ? ` by ${describeCall(instantiation, sourceCode)} on line ${instantiation.loc.start.line}`
        : '';
    }

    function offer(rewrite: Rewrite | undefined, messageId: MessageId, data?: Record<string, string>) {
      if (!rewrite) return {};
      const change = { messageId, data, fix: rewrite.fix };
      return rewrite.safe ? fixOrSuggest(mode, change) : fixOrSuggest(mode, undefined, [change]);
    }

    // A `new` starts work only as a creator of the table, which the file must quote (a timer is a call).
    const mayCreate = creators.mayMatchFile(sourceCode.text, context.filename);
    return { CallExpression: check, ...(mayCreate ? { NewExpression: check } : {}) };
  },
});
