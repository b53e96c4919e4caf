import type { TSESTree } from '@typescript-eslint/utils';
import { fileAnalysis } from '../src/analysis/file-analysis.js';
import { EXIT_EVENTS, ProcessListeners, type Registration } from '../src/detect/process-listeners/index.js';
import { listenerPrefilter } from '../src/detect/prefilter.js';
import { FIX_MODE_SCHEMA, fixOrSuggest, type Change, type FixMode } from '../src/fix/fix-or-suggest.js';
import { FreeNames } from '../src/fix/free-names.js';
import { guardRewrite, onExitRewrite } from '../src/fix/process-listener-fixes.js';
import { runtimeBinding } from '../src/fix/runtime-import.js';
import { teardownRewrite } from '../src/fix/teardown-removal.js';
import { createRule } from '../src/util/create-rule.js';
import { shortText } from '../src/util/short-text.js';

export type Options = [{ fix?: FixMode }];
export type MessageId =
  'exitListener' | 'signalListener' | 'useOnExit' | 'hoistToOnExit' | 'addGuard' | 'removeInTeardown';

const STACKS =
  'which can run again: each run adds another handler, so handlers multiply on every restart (Node warns at 11 listeners)';

export default createRule<Options, MessageId>({
  name: 'no-repeated-process-listener',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow process exit, signal and error listeners registered where they can be registered again',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      exitListener: `{{call}} inside {{where}}, ${STACKS} and each one flushes stale state. Register it once: onExit() from the fork-safe runtime.`,
      signalListener: `{{call}} inside {{where}}, ${STACKS} and each one runs its shutdown or error handling again on stale state. Register it once (behind a guard), or remove it with process.off() where it stops.`,
      useOnExit: 'Register it with onExit(), which adds the same function only once{{note}}.',
      hoistToOnExit:
        'Move the handler to the module-level function {{name}}() and register that with onExit(), which adds the same function only once{{note}}.',
      addGuard:
        'Add it once per process, behind the module-level flag {{flag}}: later calls, from any instance, add nothing.',
      removeInTeardown:
        'Keep the handler in the field {{field}} and remove it with process.off() first thing in {{teardown}}(): each instance adds its own and takes it away when it stops, so a start after a stop adds no second one.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { fix: FIX_MODE_SCHEMA },
      },
    ],
    defaultOptions: [{ fix: 'fix' }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!listenerPrefilter().mayReport(sourceCode.text, context.filename)) return {};
    const analysis = fileAnalysis(context);
    const listeners = new ProcessListeners(analysis);
    const mode = options.fix ?? 'fix';
    const found: Registration[] = [];
    let names: FreeNames | undefined;

    function report(registration: Registration, where: string): void {
      const { node, events } = registration;
      const exitOnly = !events.dynamic && events.names.every((name) => EXIT_EVENTS.has(name));
      const event =
        events.dynamic || events.names.length !== 1
          ? shortText(sourceCode.getText(registration.event), 30)
          : `'${events.names[0]}'`;
      const call = `process.${registration.method}(${event})`;
      names ??= new FreeNames(analysis);
      const onExit =
        mode === 'off' ? undefined : onExitRewrite(registration, analysis, runtimeBinding(context, 'onExit'), names);
      const guard = mode === 'off' || (onExit?.safe ?? false) ? undefined : guardRewrite(registration, analysis, names);
      const onExitChange: Change<MessageId> | undefined = onExit && {
        messageId: onExit.hoisted ? 'hoistToOnExit' : 'useOnExit',
        data: { note: onExit.note, name: onExit.hoisted ?? '' },
        fix: onExit.fix,
      };
      const guardChange: Change<MessageId> | undefined = guard && {
        messageId: 'addGuard',
        data: { flag: guard.flag },
        fix: guard.fix,
      };
      const teardown = mode === 'off' || onExit?.safe ? undefined : teardownRewrite(registration, analysis);
      const teardownChange: Change<MessageId> | undefined = teardown && {
        messageId: 'removeInTeardown',
        data: { field: teardown.field, teardown: teardown.teardown },
        fix: teardown.fix,
      };
      const suggestions = [onExit?.safe ? undefined : onExitChange, teardownChange, guardChange].filter(
        (change) => change !== undefined,
      );
      context.report({
        node,
        messageId: exitOnly ? 'exitListener' : 'signalListener',
        data: { call, where },
        ...fixOrSuggest(mode, onExit?.safe ? onExitChange : undefined, suggestions),
      });
    }

    function visit(node: TSESTree.CallExpression): void {
      const registration = listeners.visit(node);
      if (registration) found.push(registration);
    }

    return {
      // The only calls ProcessListeners.visit looks at: process.on(...), process?.on(...).
      'CallExpression[callee.type="MemberExpression"]': visit,
      'CallExpression[callee.type="ChainExpression"]': visit,
      // Removals may come after the registration they undo, so decide once the whole file is seen.
      'Program:exit'() {
        for (const registration of found) {
          if (listeners.isRemoved(registration)) continue;
          const where = listeners.repeatedIn(registration.node);
          if (where) report(registration, where);
        }
      },
    };
  },
});
