// `node --import eslint-plugin-fork-safe/audit <entry>`: audits the entry, ESM or CommonJS, then lets
// the program run on (see audit-entry.ts). The `fork-safe-audit` bin runs this too.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { auditEntry } from './audit-entry.js';

export {};

await auditEntry({ auditFile: fileURLToPath(import.meta.url), started: performance.now(), canImport: true });
