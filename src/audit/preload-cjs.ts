// `node -r eslint-plugin-fork-safe/audit <entry>`: the same audit for a CommonJS entry. A CommonJS
// preload cannot wait for an ES module entry's top-level awaits: for one, it says to use --import.
import { performance } from 'node:perf_hooks';
import { auditEntry } from './audit-entry.js';

export {};

// A failure to load throws out of here, synchronously, as the entry would have thrown.
void auditEntry({ auditFile: __filename, started: performance.now(), canImport: false });
