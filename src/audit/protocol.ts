// How the bin and the preload talk: environment variables set by the bin, read by the preload.

/** A file descriptor number: the preload writes the report there as one line of JSON. */
export const CHANNEL_ENV = 'FORK_SAFE_AUDIT_CHANNEL';
/** How long loading may take before the audit reports what is open so far, in ms. Default 10000. */
export const TIMEOUT_ENV = 'FORK_SAFE_AUDIT_TIMEOUT';
/** For the preload used directly: 'table' (default) or 'json', written to stderr. */
export const FORMAT_ENV = 'FORK_SAFE_AUDIT_FORMAT';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Set to 1 by `--snapshot`: the entry is a `--build-snapshot` script, loaded as one (CommonJS). */
export const SNAPSHOT_ENV = 'FORK_SAFE_AUDIT_SNAPSHOT';
