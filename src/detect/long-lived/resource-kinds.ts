/**
 * Long-lived resources: objects that stay while what they hold is re-created, so that a copy of one of
 * their members, taken once, goes stale.
 * - `holder`: the value of a perProcess() holder of the runtime (`holder.get()`): a fresh one per process.
 * - `proxy`: a perProcessProxy(): its members belong to the value of the moment.
 * - `client`: a module-scope binding initialised at load by a client from the client table (what
 *   no-module-scope-client reports, and turns into a holder).
 * - `singleton`: what a singleton accessor hands out (`X.instance()`, `X.getInstance()`, `getInstance()`,
 *   a static `X.instance`), whose members a reset re-creates.
 * - `reinit`: a field of the class whose own code assigns it again outside the constructor (a reset,
 *   reinit or reconnect method writes `this.resources = ...`).
 * Reached through aliases: a const bound to one, a constructor parameter the constructor keeps on
 * `this` (or a parameter property), a field the class fills with one.
 */
export type ResourceKind = 'holder' | 'proxy' | 'client' | 'singleton' | 'reinit';

export interface Resource {
  readonly kind: ResourceKind;
  /** Why the resource outlives a copy, as a clause for the message. */
  readonly why: string;
}

/**
 * How many steps a resource is followed through aliases, fields and member chains (one step: a const,
 * a kept constructor parameter, a field, a member). Real copies sit a few steps from their resource;
 * the limit ends what the per-step checks do not, such as a field filled from itself.
 */
export const MAX_ALIAS_DEPTH = 8;
