/*
 * Long-lived resources and the copies of their members that go stale (see ResourceKind), one concern a file:
 * - resource-kinds.ts: what a long-lived resource is (its kinds and why it outlives a copy);
 * - copy-shapes.ts: syntax only, which reads and values can be copies;
 * - copies.ts: LongLived, which finds what a stored value copies;
 * - resource-resolver.ts: which expressions stand for a resource, through aliases and fields;
 * - holders.ts: the runtime's perProcess() holders and perProcessProxy() proxies;
 * - renewed-members.ts: members that their own class re-creates;
 * - field-writes.ts: what a class writes to its fields.
 */

export { LongLived, type Copy } from './copies.js';
export { mayStoreCopy, namesAlong } from './copy-shapes.js';
export type { Resource, ResourceKind } from './resource-kinds.js';
