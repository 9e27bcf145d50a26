/**
 * A minimal LSP client for tests: spawns `node dist/server.js --stdio` and
 * talks to it through vscode-languageserver-protocol's own connection.
 * Every client must be disposed (in `finally`/`after`): dispose() shuts the
 * server down politely and kills it when it does not exit in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification, HoverRequest, CodeActionRequest, ConfigurationRequest, LogMessageNotification,
  type ProtocolConnection, type InitializeResult, type PublishDiagnosticsParams, type Hover, type CodeAction,
  type Command, type CodeActionContext, type Position, type Range, type TextDocumentContentChangeEvent,
  type ConfigurationItem, type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

/** The repository root, from out/test/support (or test/support when run from sources). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Absolute path of a bundle in dist/; throws a clear message when the build has not run. */
export function builtFile(name: 'server.js' | 'cli.js'): string {
  const file = path.join(REPO_ROOT, 'dist', name);
  if (!existsSync(file)) {
    throw new Error(`dist/${name} is missing: run \`node scripts/build.mjs\` first (npm test builds it for you)`);
  }
  return file;
}

export interface StartOptions {
  /** InitializeParams.locale, e.g. 'en' or 'ru'. */
  locale?: string;
  initializationOptions?: unknown;
  /** When given, the client announces workspace/configuration and answers each item with this. */
  configuration?: (item: ConfigurationItem) => unknown | Promise<unknown>;
  /** Default timeout for waits and requests, in ms. */
  timeoutMs?: number;
}

/** Rejects after `ms` with `what` in the message, unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Waiter { uri: string; resolve: (p: PublishDiagnosticsParams) => void }

export class LspClient {
  /** Every publishDiagnostics received, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/logMessage texts from the server (rule failures, uncaught errors). */
  readonly logs: string[] = [];
  /** Items the server asked for through workspace/configuration. */
  readonly configurationRequests: ConfigurationItem[] = [];
  private readonly unread = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';
  private exited = false;
  private disposed = false;

  private constructor(private readonly child: ChildProcess, private readonly connection: ProtocolConnection, readonly timeoutMs: number) {
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
    child.on('exit', () => { this.exited = true; });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => this.receive(p));
    connection.onNotification(LogMessageNotification.type, (p) => { this.logs.push(p.message); });
    connection.onError(() => { /* reported through failed requests */ });
    connection.listen();
  }

  /** Spawns the server and runs initialize/initialized. Registry look-ups are off unless a test turns them on. */
  static async start(options: StartOptions = {}): Promise<{ client: LspClient; init: InitializeResult }> {
    const server = builtFile('server.js');
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.timeoutMs ?? 5000);
    try {
      if (options.configuration) {
        const answer = options.configuration;
        connection.onRequest(ConfigurationRequest.type, (params) => {
          client.configurationRequests.push(...params.items);
          return Promise.all(params.items.map(async (item) => offlineByDefault(await answer(item))));
        });
      }
      const capabilities: ClientCapabilities = {
        workspace: { configuration: options.configuration !== undefined },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        },
      };
      const init = await client.request(connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null, workspaceFolders: null, capabilities,
        locale: options.locale, initializationOptions: withOfflineSettings(options.initializationOptions),
      }), 'initialize');
      await connection.sendNotification(InitializedNotification.type, {});
      return { client, init };
    } catch (e) {
      await client.dispose();
      throw e;
    }
  }

  private request<T>(p: Promise<T>, what: string): Promise<T> {
    return withTimeout(p, this.timeoutMs, `${what} (server stderr: ${JSON.stringify(this.stderr.slice(-500))})`);
  }

  private receive(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    const i = this.waiters.findIndex((w) => w.uri === p.uri);
    if (i >= 0) { this.waiters.splice(i, 1)[0].resolve(p); return; }
    const queue = this.unread.get(p.uri) ?? [];
    queue.push(p);
    this.unread.set(p.uri, queue);
  }

  /**
   * The next publishDiagnostics for `uri` not yet returned by this method
   * (buffered ones first); rejects with a clear message after the timeout.
   */
  nextDiagnostics(uri: string, timeoutMs = this.timeoutMs): Promise<PublishDiagnosticsParams> {
    const queued = this.unread.get(uri)?.shift();
    if (queued) return Promise.resolve(queued);
    let waiter: Waiter | undefined;
    const p = new Promise<PublishDiagnosticsParams>((resolve) => { waiter = { uri, resolve }; this.waiters.push(waiter); });
    return withTimeout(p, timeoutMs, `textDocument/publishDiagnostics for ${uri}`).catch((e: unknown) => {
      const i = waiter ? this.waiters.indexOf(waiter) : -1;
      if (i >= 0) this.waiters.splice(i, 1);
      throw e;
    });
  }

  /** Skips publications until one for `version` (or a later one) arrives. */
  async diagnosticsForVersion(uri: string, version: number, timeoutMs = this.timeoutMs): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await this.nextDiagnostics(uri, Math.max(1, deadline - Date.now()))
        .catch((e: Error) => { throw new Error(`${e.message} (version ${version})`); });
      if (p.version !== undefined && p.version >= version) return p;
    }
  }

  /** Drops buffered publications, e.g. before making a change whose result matters. */
  clearDiagnostics(uri: string): void {
    this.unread.delete(uri);
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async didOpen(uri: string, text: string, version = 1, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends changes as the next version (or `version`); returns the version sent. */
  async didChange(uri: string, changes: TextDocumentContentChangeEvent[], version = this.version(uri) + 1): Promise<number> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async didClose(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'textDocument/hover');
  }

  codeAction(uri: string, range: Range, context: CodeActionContext): Promise<(Command | CodeAction)[] | null> {
    return this.request(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }), 'textDocument/codeAction');
  }

  /** shutdown + exit, then SIGKILL when the process is still alive; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      if (!this.exited) {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2000, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
        for (let i = 0; i < 40 && !this.exited; i++) await delay(25);
      }
    } catch {
      // The server is stuck or gone: killing it below is all that is left.
    } finally {
      this.connection.dispose();
      if (!this.exited && this.child.exitCode === null) this.child.kill('SIGKILL');
      this.child.stdin?.destroy();
    }
  }

  /** Exit code once the process has ended (null while it runs or when killed). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get serverStderr(): string {
    return this.stderr;
  }
}

/** Applies LSP text edits (all relative to `text`) the way a client does; throws on overlap. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const offset = (p: Position): number => {
    if (p.line >= starts.length) return text.length;
    const lineStart = starts[p.line];
    let lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    if (lineEnd > lineStart && text[lineEnd - 1] === '\n') lineEnd--;
    if (lineEnd > lineStart && text[lineEnd - 1] === '\r') lineEnd--;
    return Math.min(lineStart + p.character, lineEnd);
  };
  const spans = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor) throw new Error(`overlapping edits at offset ${s.start}`);
    out += text.slice(cursor, s.start) + s.newText;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** Test results must not depend on the network: registry look-ups stay off unless settings say otherwise. */
function offlineByDefault(settings: unknown): unknown {
  if (settings === null || settings === undefined) return { registry: { enabled: false } };
  if (typeof settings !== 'object' || 'registry' in (settings as object)) return settings;
  return { ...(settings as object), registry: { enabled: false } };
}

function withOfflineSettings(init: unknown): unknown {
  const obj = (init && typeof init === 'object' ? init : {}) as Record<string, unknown>;
  return { ...obj, settings: offlineByDefault(obj.settings) };
}
