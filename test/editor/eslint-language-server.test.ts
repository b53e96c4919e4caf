// What a user sees in an editor: the real ESLint language server (vscode-langservers-extracted, the
// server of VS Code's ESLint extension) driven over LSP on stdio, on a workspace whose eslint.config.js
// imports the plugin by its package name. The server resolves ESLint 10 from the workspace and loads
// the BUILT plugin (dist/), so this proves the artifact that ships.
//
// Everything the server says is compared with what ESLint itself says about the same file: the
// diagnostics and each fix and suggestion with `Linter`, and `source.fixAll.eslint` (fix on save) with
// the `ESLint` class and `fix: true`, which is what `eslint --fix` writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPlugin } from '../helpers/eslint.js';
import {
  applyEdits,
  asESLintFix,
  type CodeAction,
  type Diagnostic,
  editsFor,
  eslintLanguageServer,
  eslintServerSettings,
  LspClient,
  type TextEdit,
  withLspRetries,
} from '../helpers/lsp.js';
import { projectRoot } from '../helpers/node.js';

const workspace = join(projectRoot, 'test/fixtures/lsp-workspace');
const sourcePath = join(workspace, 'src/telemetry.js');
const source = readFileSync(sourcePath, 'utf8');

const WORKER = 'fork-safe/no-module-scope-worker';
const CLIENT = 'fork-safe/no-module-scope-client';
const docsUrl = (ruleId: string) =>
  `https://github.com/eslint-plugin-fork-safe/eslint-plugin-fork-safe/blob/main/docs/rules/${ruleId.replace('fork-safe/', '')}.md`;

/** The server's command ids (vscode-eslint's CommandIds). */
const APPLY_FIX = 'eslint.applySingleFix';
const APPLY_SUGGESTION = 'eslint.applySuggestion';
const OPEN_RULE_DOC = 'eslint.openRuleDoc';

/** What `eslint --fix` writes: the two fixes, and none of the suggestions. */
const FIXED = `import cluster from 'node:cluster';
import dgram from 'node:dgram';
import { flush } from './queue.js';
import { interval, perProcess } from 'eslint-plugin-fork-safe/runtime';

// A fix (onto interval(), kept alive as before) and a suggestion (the unref'd interval()).
interval(flush, 10_000, { unref: false });

// Reported, no edit: the export would hold the runtime's handle, and a consumer's clearInterval would stop nothing.
export const heartbeat = setInterval(() => flush(), 30_000);

// A suggestion only: which process should fork is a design decision.
cluster.fork();

// A fix: the socket is created once per process, on first use.
const socket = perProcess(() => dgram.createSocket('udp4'), { dispose: (client) => client.close() });

export function count(metric) {
  socket.get().send(\`\${metric}:1|c\`, 8125, 'localhost');
}
`;

interface ActionsForDiagnostic {
  diagnostic: Diagnostic;
  actions: CodeAction[];
  /** The edits the server applied when the action's command ran, by action title. */
  applied: Map<string, TextEdit[]>;
}

interface Session {
  capabilities: Record<string, unknown>;
  diagnostics: Diagnostic[];
  perDiagnostic: ActionsForDiagnostic[];
  fixAll: CodeAction[];
  fixAllEdits: TextEdit[];
  diagnosticsAfterFixAll: Diagnostic[];
  openedDocs: string[];
  log: string[];
  /** Methods of the requests the server sent to the client. */
  requests: string[];
}

/** One editor session: open the file, pull diagnostics, run every quick fix's command, fix all, re-lint. */
async function session(client: LspClient): Promise<Session> {
  const { capabilities } = await client.initialize();
  const uri = await client.open(sourcePath, source);
  const diagnostics = await client.diagnostics(uri);
  const perDiagnostic: ActionsForDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    // The server keeps the edits of the last code action request only, so run the commands right away.
    const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
    const applied = new Map<string, TextEdit[]>();
    for (const action of actions) {
      if (action.command && [APPLY_FIX, APPLY_SUGGESTION, OPEN_RULE_DOC].includes(action.command.command)) {
        applied.set(
          action.title,
          (await client.execute(action.command)).flatMap((edit) => editsFor(edit, uri)),
        );
      }
    }
    perDiagnostic.push({ diagnostic, actions, applied });
  }
  const lines = source.split('\n');
  const wholeFile = {
    start: { line: 0, character: 0 },
    end: { line: lines.length - 1, character: lines.at(-1)!.length },
  };
  const fixAll = await client.codeActions(uri, wholeFile, [], ['source.fixAll.eslint']);
  const fixAllEdits = fixAll.flatMap((action) => (action.edit ? editsFor(action.edit, uri) : []));
  // Save with the fixes applied, as the editor does, and lint again.
  await client.change(uri, applyEdits(source, fixAllEdits));
  const diagnosticsAfterFixAll = await client.diagnostics(uri);
  return {
    capabilities: capabilities as Record<string, unknown>,
    diagnostics,
    perDiagnostic,
    fixAll,
    fixAllEdits,
    diagnosticsAfterFixAll,
    openedDocs: [...client.transcript.openedDocs],
    log: [...client.transcript.log],
    requests: [...client.transcript.requests],
  };
}

let running: LspClient | undefined;
let sessionResult: Session | Error;
let linted: Linter.LintMessage[];
let eslintFix: ESLint.LintResult;
let ruleDocsUrls: Record<string, string | undefined>;

beforeAll(async () => {
  const plugin = await builtPlugin();
  const recommended = plugin.configs.recommended as Linter.Config & {
    plugins: { 'fork-safe': { rules: Record<string, { meta: { docs?: { url?: string } } }> } };
  };
  ruleDocsUrls = Object.fromEntries(
    Object.entries(recommended.plugins['fork-safe'].rules).map(([name, rule]) => [
      `fork-safe/${name}`,
      rule.meta.docs?.url,
    ]),
  );
  linted = new Linter({ cwd: workspace }).verify(source, [recommended], { filename: sourcePath });
  // ESLint finds the workspace's eslint.config.js itself, as the server does.
  [eslintFix] = (await new ESLint({ cwd: workspace, fix: true }).lintText(source, { filePath: sourcePath })) as [
    ESLint.LintResult,
  ];
  // A session that fails three times fails every test below (a failing hook would only skip them).
  sessionResult = await withLspRetries(
    3,
    () =>
      LspClient.start({
        server: eslintLanguageServer,
        workspaceFolder: workspace,
        settings: eslintServerSettings(workspace),
      }),
    session,
    (client) => (running = client),
  ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}, 120_000);

afterAll(() => running?.kill());

/** What the editor session saw; throws the session's error if the server never got through it. */
function observed(): Session {
  if (sessionResult instanceof Error) throw sessionResult;
  return sessionResult;
}

const messageAt = (diagnostic: Diagnostic): Linter.LintMessage => {
  const message = linted.find(
    (m) => m.line - 1 === diagnostic.range.start.line && m.column - 1 === diagnostic.range.start.character,
  );
  if (!message) throw new Error(`ESLint reports nothing at ${JSON.stringify(diagnostic.range.start)}`);
  return message;
};
const commandsOf = (entry: ActionsForDiagnostic, command: string) =>
  entry.actions.filter((action) => action.command?.command === command);

describe('the ESLint language server on a workspace that uses the plugin', () => {
  it('advertises pull diagnostics, quick fixes and source.fixAll.eslint', () => {
    expect(observed().capabilities).toMatchObject({
      diagnosticProvider: { identifier: 'eslint' },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.eslint'] },
    });
  });

  it('the fixture has fixable and suggestion-only problems of both module-scope rules, as ESLint reports them', () => {
    // Guards the fixture itself: every later claim relies on this mix.
    expect(linted.map((m) => [m.ruleId, m.line, m.fix !== undefined, m.suggestions?.length ?? 0])).toEqual([
      [WORKER, 6, true, 1],
      [WORKER, 9, false, 0],
      [WORKER, 12, false, 1],
      [CLIENT, 15, true, 0],
    ]);
  });

  it('reports every problem with the rule id as code and the rule docs (meta.docs.url) as codeDescription', () => {
    // The server read the client's settings and loaded the workspace's ESLint 10, not the ESLint 9 next to it in test/compat.
    expect(observed().requests).toContain('workspace/configuration');
    expect(observed().log.join('\n')).toContain(
      `ESLint library loaded from: ${join(projectRoot, 'node_modules/eslint/')}`,
    );
    expect(observed().diagnostics.map((d) => [d.code, d.codeDescription?.href])).toEqual([
      [WORKER, docsUrl(WORKER)],
      [WORKER, docsUrl(WORKER)],
      [WORKER, docsUrl(WORKER)],
      [CLIENT, docsUrl(CLIENT)],
    ]);
    for (const ruleId of [WORKER, CLIENT]) expect(ruleDocsUrls[ruleId]).toBe(docsUrl(ruleId));
    expect(observed().diagnostics).toEqual(
      linted.map((m) => ({
        message: m.message,
        severity: 1, // DiagnosticSeverity.Error: the recommended config sets "error"
        source: 'eslint',
        range: {
          start: { line: m.line - 1, character: m.column - 1 },
          end: { line: m.endLine! - 1, character: m.endColumn! - 1 },
        },
        code: m.ruleId,
        codeDescription: { href: ruleDocsUrls[m.ruleId!] },
      })),
    );
  });

  it('offers each fix as the preferred quick fix "Fix this <rule> problem", with the edit ESLint reports', () => {
    const fixable = observed().perDiagnostic.filter((entry) => messageAt(entry.diagnostic).fix !== undefined);
    expect(fixable.map((entry) => entry.diagnostic.code)).toEqual([WORKER, CLIENT]);
    for (const entry of observed().perDiagnostic) {
      const message = messageAt(entry.diagnostic);
      const fixes = commandsOf(entry, APPLY_FIX);
      if (message.fix === undefined) {
        expect(fixes).toEqual([]);
        continue;
      }
      expect(fixes).toHaveLength(1);
      const [fix] = fixes as [CodeAction];
      expect(fix).toMatchObject({
        title: `Fix this ${message.ruleId} problem`,
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: [entry.diagnostic],
      });
      const edits = entry.applied.get(fix.title)!;
      expect(edits).toHaveLength(1);
      expect(asESLintFix(source, edits[0]!)).toEqual(message.fix);
    }
  });

  it('offers each suggestion as its own quick fix, titled with its description, with the edit ESLint reports', () => {
    let count = 0;
    for (const entry of observed().perDiagnostic) {
      const message = messageAt(entry.diagnostic);
      const suggestions = commandsOf(entry, APPLY_SUGGESTION);
      // The server appends the rule id to the suggestion's description.
      expect(suggestions.map((action) => [action.title, action.kind, action.isPreferred])).toEqual(
        (message.suggestions ?? []).map((suggestion) => [
          `${suggestion.desc} (${message.ruleId})`,
          'quickfix',
          undefined,
        ]),
      );
      expect(
        suggestions.map((action) => entry.applied.get(action.title)!.map((edit) => asESLintFix(source, edit))),
      ).toEqual((message.suggestions ?? []).map((suggestion) => [suggestion.fix]));
      count += suggestions.length;
    }
    expect(count).toBe(2);

    // What a user gets from the suggestion on the unguarded cluster.fork(), which has no fix.
    const fork = observed().perDiagnostic.find((entry) => entry.diagnostic.range.start.line === 11)!;
    const [guard] = commandsOf(fork, APPLY_SUGGESTION) as [CodeAction];
    expect(guard.title).toBe(`Fork only in the primary: if (cluster.isPrimary) ... (${WORKER})`);
    expect(applyEdits(source, fork.applied.get(guard.title)!)).toBe(
      source.replace('\ncluster.fork();', '\nif (cluster.isPrimary) cluster.fork();'),
    );
  });

  it('offers to disable each rule and to open its documentation, which opens meta.docs.url', () => {
    expect(observed().perDiagnostic).toHaveLength(4);
    for (const entry of observed().perDiagnostic) {
      const ruleId = String(entry.diagnostic.code);
      expect(entry.actions.map((action) => action.title)).toEqual(
        expect.arrayContaining([
          `Disable ${ruleId} for this line`,
          `Disable ${ruleId} for the entire file`,
          `Show documentation for ${ruleId}`,
        ]),
      );
    }
    expect(observed().openedDocs).toEqual([docsUrl(WORKER), docsUrl(WORKER), docsUrl(WORKER), docsUrl(CLIENT)]);
  });

  it('source.fixAll.eslint applies exactly the fixes of eslint --fix, and none of the suggestions', () => {
    expect(observed().fixAll.map((action) => [action.title, action.kind])).toEqual([
      ['Fix all fixable ESLint issues', 'source.fixAll.eslint'],
    ]);
    const fixed = applyEdits(source, observed().fixAllEdits);
    expect(fixed).toBe(eslintFix.output);
    expect(fixed).toBe(FIXED);
    // Code that only a suggestion rewrites is left as it was.
    for (const untouched of ['export const heartbeat = setInterval(() => flush(), 30_000);', '\ncluster.fork();\n']) {
      expect(source).toContain(untouched);
      expect(fixed).toContain(untouched);
    }
    expect(fixed).not.toContain('isPrimary');
    expect(fixed).not.toContain('interval(flush, 10_000);'); // the unref'd suggestion of the fixed interval
  });

  it('after the fixes, only the suggestion-only problems are left, as eslint --fix leaves them', () => {
    expect(observed().diagnosticsAfterFixAll.map((d) => [d.code, d.range.start.line + 1, d.message])).toEqual(
      eslintFix.messages.map((m) => [m.ruleId, m.line, m.message]),
    );
    expect(observed().diagnosticsAfterFixAll.map((d) => [d.code, d.range.start.line + 1])).toEqual([
      [WORKER, 10],
      [WORKER, 13],
    ]);
  });
});
