// A small LSP client over stdio for driving a real language server (the ESLint language server of
// vscode-langservers-extracted) the way an editor does: initialize, answer the server's configuration
// and registration requests, open documents, pull diagnostics, ask for code actions, run their commands
// and collect the edits the server applies, then shut down. Every request is bounded by a timeout, and
// the server process is always killed on close. The client library lives in test/compat (installed from
// its lockfile by scripts/install-compat.mjs), so it is loaded from there by path.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './node.js';

// The subset of LSP's types this client uses, written out so that type-checking does not need
// test/compat installed (the same reason test/package/plugin.test.ts types ESLint 9 by hand).
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: ({ textDocument: { uri: string; version: number | null }; edits: TextEdit[] } | { kind: string })[];
}
export interface Diagnostic {
  range: Range;
  severity?: 1 | 2 | 3 | 4;
  code?: number | string;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  tags?: number[];
}
export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: Command;
}
export interface InitializeResult {
  capabilities: Record<string, unknown>;
}
type DocumentDiagnosticReport = { kind: 'full'; items: Diagnostic[] } | { kind: 'unchanged' };

interface Disposable {
  dispose(): void;
}
/** What this client uses of vscode-languageserver-protocol/node (3.17). */
interface ProtocolConnection {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  sendNotification(method: string, params?: unknown): Promise<void>;
  onRequest(method: string, handler: (params: never) => unknown): Disposable;
  onNotification(method: string, handler: (params: never) => void): Disposable;
  onError(listener: (error: [Error, unknown, number | undefined]) => void): Disposable;
  listen(): void;
  dispose(): void;
}
interface Protocol {
  createProtocolConnection(reader: unknown, writer: unknown): ProtocolConnection;
  StreamMessageReader: new (readable: NodeJS.ReadableStream) => unknown;
  StreamMessageWriter: new (writable: NodeJS.WritableStream) => unknown;
}

const compatModules = join(projectRoot, 'test/compat/node_modules');

/** The ESLint language server's entry script (run with this Node, not through the `.bin` shell shim). */
export const eslintLanguageServer = join(
  compatModules,
  'vscode-langservers-extracted/lib/eslint-language-server/eslintServer.js',
);

function loadProtocol(): Protocol {
  const path = join(compatModules, 'vscode-languageserver-protocol/node.js');
  if (!existsSync(path) || !existsSync(eslintLanguageServer)) {
    throw new Error(
      'The ESLint language server or the LSP client is missing from test/compat: run `node scripts/install-compat.mjs` (npm test does it first)',
    );
  }
  return createRequire(import.meta.url)(path) as Protocol;
}

export const fileUri = (path: string): string => pathToFileURL(path).href;

/**
 * The settings object VS Code's ESLint extension sends for one document (`workspace/configuration` with
 * section ''), with every field the server reads. `useFlatConfig` and `experimental.useFlatConfig` stay
 * unset: the server then lets ESLint decide, and ESLint 10 only has flat config.
 */
export function eslintServerSettings(workspaceFolder: string): Record<string, unknown> {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    experimental: {},
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: 'workspace', uri: fileUri(workspaceFolder) },
  };
}

export interface LspClientOptions {
  /** The server's script, run as `node <script> --stdio`. */
  server: string;
  /** The workspace folder the client opens (also the server's working directory). */
  workspaceFolder: string;
  /** The answer to each item of a `workspace/configuration` request. */
  settings: Record<string, unknown>;
  /** Bound for `initialize` and the first request of a document (the server loads ESLint then). */
  slowRequestMs?: number;
  /** Bound for every other request. */
  requestMs?: number;
}

/** Whatever the server sent on its own: log lines, stderr, and requests the client answered. */
export interface ServerTranscript {
  log: string[];
  stderr: string;
  /** Method names of the requests the server sent to the client, in order. */
  requests: string[];
  /** The `eslint/openDoc` requests (the "Show documentation" command). */
  openedDocs: string[];
}

export class LspClient {
  readonly transcript: ServerTranscript = { log: [], stderr: '', requests: [], openedDocs: [] };
  private readonly versions = new Map<string, number>();
  private pendingEdits: WorkspaceEdit[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
    private readonly options: Required<LspClientOptions>,
  ) {}

  /** Starts the server and connects to it; call `initialize()` next. */
  static start(options: LspClientOptions): LspClient {
    const protocol = loadProtocol();
    const child = spawn(process.execPath, [options.server, '--stdio'], {
      cwd: options.workspaceFolder,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = protocol.createProtocolConnection(
      new protocol.StreamMessageReader(child.stdout),
      new protocol.StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection, { slowRequestMs: 15_000, requestMs: 5_000, ...options });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (client.transcript.stderr += chunk));
    child.on('exit', () => (client.exited = true));
    child.on('error', (error) => client.transcript.log.push(`server process error: ${error.message}`));
    // A write to a server that died must not crash the test process; the pending request fails instead.
    child.stdin.on('error', () => {});
    client.listen();
    connection.listen();
    return client;
  }

  private listen(): void {
    const { connection, transcript } = this;
    const answer = <P>(method: string, handler: (params: P) => unknown) =>
      connection.onRequest(method, (params: P) => {
        transcript.requests.push(method);
        return handler(params);
      });
    answer<{ items: unknown[] }>('workspace/configuration', (params) => params.items.map(() => this.options.settings));
    answer('client/registerCapability', () => null);
    answer('client/unregisterCapability', () => null);
    answer('window/workDoneProgress/create', () => null);
    answer('workspace/diagnostic/refresh', () => null);
    answer('window/showMessageRequest', () => null);
    answer<{ edit: WorkspaceEdit }>('workspace/applyEdit', (params) => {
      this.pendingEdits.push(params.edit);
      return { applied: true };
    });
    answer<{ url: string }>('eslint/openDoc', (params) => {
      transcript.openedDocs.push(params.url);
      return {};
    });
    for (const method of ['eslint/noLibrary', 'eslint/noConfig', 'eslint/probeFailed']) {
      answer(method, (params) => {
        transcript.log.push(`${method} ${JSON.stringify(params)}`);
        return {};
      });
    }
    connection.onNotification('window/logMessage', (params: { message: string }) =>
      transcript.log.push(params.message),
    );
    connection.onNotification('window/showMessage', (params: { message: string }) =>
      transcript.log.push(params.message),
    );
    connection.onNotification('eslint/status', () => {});
    connection.onNotification('$/progress', () => {});
    connection.onError(([error]) => transcript.log.push(`connection error: ${error.message}`));
  }

  /** Sends a request; rejects when no answer comes within `timeoutMs` or when the server exits first. */
  private request<R>(method: string, params: unknown, timeoutMs = this.options.requestMs): Promise<R> {
    if (this.exited) return Promise.reject(new Error(`${method}: the server has exited\n${this.describe()}`));
    let timer: NodeJS.Timeout | undefined;
    let onExit: (() => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${method}: no answer within ${timeoutMs} ms\n${this.describe()}`)),
        timeoutMs,
      );
      onExit = () =>
        reject(
          new Error(
            `${method}: the server exited (${this.child.exitCode ?? this.child.signalCode}) before answering\n${this.describe()}`,
          ),
        );
      this.child.once('exit', onExit);
    });
    return Promise.race([this.connection.sendRequest<R>(method, params), failure]).finally(() => {
      clearTimeout(timer);
      if (onExit) this.child.off('exit', onExit);
    });
  }

  /** The server's own output, for failure messages. */
  describe(): string {
    return [`server log:\n${this.transcript.log.join('\n')}`, `server stderr:\n${this.transcript.stderr}`].join('\n');
  }

  async initialize(): Promise<InitializeResult> {
    const folder = this.options.workspaceFolder;
    const result = await this.request<InitializeResult>(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'fork-safe-lsp-test' },
        rootUri: fileUri(folder),
        workspaceFolders: [{ uri: fileUri(folder), name: 'workspace' }],
        capabilities: {
          workspace: {
            configuration: true,
            applyEdit: true,
            workspaceEdit: { documentChanges: true },
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: false },
            diagnostics: { refreshSupport: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
            codeAction: {
              dynamicRegistration: false,
              isPreferredSupport: true,
              codeActionLiteralSupport: {
                codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
              },
            },
          },
          window: { workDoneProgress: true },
        },
      },
      this.options.slowRequestMs,
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(path: string, text: string, languageId = 'javascript'): Promise<string> {
    const uri = fileUri(path);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Pulls the diagnostics of an open document (`textDocument/diagnostic`, a full report). */
  async diagnostics(uri: string, timeoutMs = this.options.slowRequestMs): Promise<Diagnostic[]> {
    const report = await this.request<DocumentDiagnosticReport>(
      'textDocument/diagnostic',
      { textDocument: { uri } },
      timeoutMs,
    );
    if (report.kind !== 'full') throw new Error(`expected a full diagnostic report, got ${JSON.stringify(report)}`);
    return report.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const context = only === undefined ? { diagnostics } : { diagnostics, only };
    const actions = await this.request<(CodeAction | Command)[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context,
    });
    return (actions ?? []).map((action) => {
      if (typeof action.command === 'string')
        throw new Error(`expected code action literals, got the bare command ${action.title}`);
      return action as CodeAction;
    });
  }

  /** Runs a code action's command and returns the edits the server asked the client to apply meanwhile. */
  async execute(command: Command): Promise<WorkspaceEdit[]> {
    this.pendingEdits = [];
    await this.request('workspace/executeCommand', { command: command.command, arguments: command.arguments });
    const edits = this.pendingEdits;
    this.pendingEdits = [];
    return edits;
  }

  /** `shutdown` and `exit` when the server still answers; the process is killed in any case. */
  async close(): Promise<void> {
    try {
      if (!this.exited) {
        await this.request('shutdown', null, 3_000);
        await this.connection.sendNotification('exit');
        await new Promise<void>((resolve) => {
          if (this.exited) return resolve();
          const timer = setTimeout(resolve, 2_000);
          this.child.once('exit', () => (clearTimeout(timer), resolve()));
        });
      }
    } catch {
      // Killed below.
    } finally {
      this.kill();
    }
  }

  kill(): void {
    this.connection.dispose();
    if (!this.exited && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** The text edits of a workspace edit for one document, from `documentChanges` or `changes`. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? change.edits : [],
  );
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}

/** Offset of an LSP position (UTF-16 code units, as JavaScript strings count) in a text. */
export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd === -1 ? text.length : lineEnd);
}

/** A text edit as ESLint writes a fix: `{ range: [start, end], text }` in offsets of the text. */
export function asESLintFix(text: string, edit: TextEdit): { range: [number, number]; text: string } {
  return { range: [offsetAt(text, edit.range.start), offsetAt(text, edit.range.end)], text: edit.newText };
}

/** Applies text edits made against `text` (non-overlapping, as LSP requires), last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const byOffset = edits
    .map((edit) => asESLintFix(text, edit))
    .sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let result = text;
  for (const { range, text: replacement } of byOffset)
    result = result.slice(0, range[0]) + replacement + result.slice(range[1]);
  return result;
}

/** Runs `session` against a fresh server up to `attempts` times: the server is slow to start on busy machines. */
export async function withLspRetries<T>(
  attempts: number,
  start: () => LspClient,
  session: (client: LspClient) => Promise<T>,
  onClient?: (client: LspClient | undefined) => void,
): Promise<T> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const client = start();
    onClient?.(client);
    try {
      return await session(client);
    } catch (error) {
      failures.push(`attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
      if (attempt < attempts)
        console.warn(`language server session: ${failures.at(-1)!.split('\n')[0]}; retrying with a fresh server`);
    } finally {
      await client.close();
      onClient?.(undefined);
    }
  }
  throw new Error(`the language server session failed ${attempts} times:\n${failures.join('\n\n')}`);
}
