/**
 * The plugin's configs, in their own module (it imports nothing) so that the package's public types
 * (index.d.ts) reach no type from @typescript-eslint/utils, which is bundled rather than a peer.
 */
export const configNames = ['recommended', 'strict', 'recommended-type-checked'] as const;
export type ConfigName = (typeof configNames)[number];
