import { namesRelativeModule } from '../analysis/module-names.js';
import { CLIENTS, type ClientEntry } from '../tables/clients.js';
import { INTERVAL_TIMERS, ONE_SHOT_TIMERS, type BackgroundCreator } from '../tables/background-work.js';
import { HOLDER_EXPORTS } from './long-lived/holders.js';
import { SINGLETON_ACCESSORS } from './long-lived/resource-resolver.js';
import { PROCESS_MODULE } from './process-listeners/process-calls.js';
import { EntryTable } from './table-match.js';
import { escapeRegExp } from '../util/escape-regexp.js';

/**
 * Text prefilters: can a rule report anything in a file at all? Asked once per file, on its text, before
 * any analysis; a `false` skips the file, so each answer must be provable, never a guess:
 *
 * every finding of a rule sits on an expression that the resolver traced to a table row, a global, or a
 * syntax the rule looks for, and each of those is spelled in the file with a word (a quoted module, a
 * global's name, a keyword) that no other spelling the analysis follows can do without. A file with
 * none of the rule's words holds none of its findings. The words come from the tables in src/tables
 * and from the rule's own options (`additionalClients`, `additionalCreators` add rows, hence quoted
 * modules), here and nowhere else.
 *
 * Cross-file following (issue 14) keeps this right for the line that creates a resource: a finding is
 * reported on a line of the linted file that holds the creating or registering expression, whose word is
 * then in the file. no-module-scope-client also reports a load-time `new C()` because C, in another file
 * of the project, owns a client: that file's words are not in this one, so its prefilter also passes a
 * file that quotes a relative module name where one can stand (module-names.ts), the only way to name
 * another file.
 *
 * Type information (`typeAware`) has no prefilter: a type can hold a socket whatever the file names.
 */
export interface TextPrefilter {
  /** False only when a file with this text provably holds no finding of the rule. */
  mayReport(text: string, filename: string | undefined): boolean;
}

const ALWAYS: TextPrefilter = { mayReport: () => true };

/**
 * Any of the words, or a quoted module of the tables. A word that contains another is dropped: the
 * shorter one is in every text the longer one is (`perProcess` covers `perProcessProxy`). The words are
 * looked for in one pass (a pattern of them), not one `includes` each: on the benchmark's texts the
 * worker rule's two timer names took 0.6 of the time that way.
 */
function prefilter(
  words: readonly string[],
  tables: readonly EntryTable<ClientEntry | BackgroundCreator>[],
): TextPrefilter {
  const needed = [...new Set(words)].filter((word) => !words.some((other) => other !== word && word.includes(other)));
  const anyWord = needed.length > 0 ? new RegExp(needed.map(escapeRegExp).join('|')) : undefined;
  return {
    mayReport: (text, filename) =>
      (anyWord?.test(text) ?? false) || tables.some((table) => table.mayMatchFile(text, filename)),
  };
}

/** no-module-scope-client: a creation the client table (with `additionalClients`) names. */
export function clientPrefilter(clients: EntryTable<ClientEntry>, typeAware: boolean): TextPrefilter {
  if (typeAware) return ALWAYS;
  const table = prefilter([], [clients]);
  return { mayReport: (text, filename) => table.mayReport(text, filename) || namesRelativeModule(text) };
}

/** no-module-scope-worker: a timer by its name (global or `timers` export), or a creator of the table (with `additionalCreators`). */
export function workerPrefilter(creators: EntryTable<BackgroundCreator>): TextPrefilter {
  let built = workerPrefilters.get(creators);
  if (!built) {
    const timers = [...INTERVAL_TIMERS, ...ONE_SHOT_TIMERS].flatMap((timer) => [timer.global, timer.export]);
    built = prefilter(timers, [creators]);
    workerPrefilters.set(creators, built);
  }
  return built;
}
const workerPrefilters = new WeakMap<EntryTable<BackgroundCreator>, TextPrefilter>();

/** no-repeated-process-listener: a listener call on the global `process` or the `process` module. */
export function listenerPrefilter(): TextPrefilter {
  return (listener ??= prefilter([PROCESS_MODULE], []));
}
let listener: TextPrefilter | undefined;

/**
 * no-cached-handle: a copy of a member of a long-lived resource (resource-kinds.ts), whose kinds are
 * spelled: a holder or proxy by the runtime export that makes it (`perProcess`, `perProcessProxy`), a
 * client by a quoted module of the client table, a singleton by its accessor (`instance`,
 * `getInstance`), a member that its class re-creates by the `class` that declares it.
 */
export function cachedHandlePrefilter(typeAware: boolean): TextPrefilter {
  if (typeAware) return ALWAYS;
  return (cachedHandle ??= prefilter(['class', ...HOLDER_EXPORTS, ...SINGLETON_ACCESSORS], [EntryTable.of(CLIENTS)]));
}
let cachedHandle: TextPrefilter | undefined;
