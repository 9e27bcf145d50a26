/**
 * The "Layers" webview view in the Explorer: the active Dockerfile drawn as the
 * lecture describes it (base image at the bottom, one block per RUN/COPY/ADD
 * layer, the container's read-write layer on top, VOLUMEs beside, EXPOSEd ports
 * around; stages that do not reach the final image dimmed). The data comes
 * from the language server (`dockerfileLectureHints/layers`), debounced while
 * typing; clicking a block reveals its instruction in the editor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Lang } from '../../../common/i18n';
import { COMMANDS, SETTINGS_SECTION, VIEWS } from '../../../common/protocol';
import { LAYERS_REQUEST, type LayersParams, type LayersResult } from '../../../common/layers';
import { makeNonce } from './html-page';
import { renderLayerBody, renderLayerPage, type LayerViewState } from './layer-html';
import { displayLanguage } from './lecture-view';

const DEBOUNCE_MS = 300;
const RETRY_MS = 1000;
const MAX_RETRIES = 30;
const DOCKERFILE_NAME = /(^|[\\/])(Dockerfile|Containerfile)([.-][^\\/]*)?$|\.(dockerfile|Dockerfile)$/;

type ClientSource = LanguageClient | (() => LanguageClient | undefined);

function isDockerfile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'dockerfile' || DOCKERFILE_NAME.test(doc.uri.path);
}

interface RevealMessage { type: 'reveal'; line: number; character: number; endLine: number; endCharacter: number }

class LayerViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retries = 0;
  private generation = 0;
  private lang: Lang = displayLanguage();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: ClientSource) {
    this.document = this.pickDocument(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = this.pickDocument(editor);
        if (doc !== this.document) { this.document = doc; this.schedule(0); }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc !== this.document) return;
        this.document = undefined; // then fall back to another open Dockerfile, if any
        this.document = this.pickDocument(vscode.window.activeTextEditor);
        this.schedule(0);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document === this.document) this.highlight(e.selections[0]?.active.line ?? -1);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.language`)) { this.lang = displayLanguage(); this.renderPage({ kind: 'waiting' }); }
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.document = this.pickDocument(vscode.window.activeTextEditor);
    view.webview.options = { enableScripts: true, localResourceRoots: [] };
    view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
    view.onDidChangeVisibility(() => { if (view.visible) this.schedule(0); }, undefined, this.disposables);
    view.onDidDispose(() => { if (this.view === view) this.view = undefined; }, undefined, this.disposables);
    this.renderPage(this.document ? { kind: 'waiting' } : { kind: 'no-dockerfile' });
  }

  /** The editor's document when it is a Dockerfile; otherwise keep the last one while it is still open. */
  private pickDocument(editor: vscode.TextEditor | undefined): vscode.TextDocument | undefined {
    if (editor && isDockerfile(editor.document)) return editor.document;
    if (this.document && !this.document.isClosed) return this.document;
    return vscode.window.visibleTextEditors.find((e) => isDockerfile(e.document))?.document
      ?? vscode.workspace.textDocuments.find((d) => !d.isClosed && isDockerfile(d));
  }

  private renderPage(state: LayerViewState): void {
    if (!this.view) return;
    this.view.webview.html = renderLayerPage({ cspSource: this.view.webview.cspSource, nonce: makeNonce(), lang: this.lang, state });
  }

  private post(state: LayerViewState): void {
    void this.view?.webview.postMessage({ type: 'update', html: renderLayerBody(state, this.lang) });
  }

  private highlight(line: number): void {
    if (this.view?.visible) void this.view.webview.postMessage({ type: 'highlight', line });
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, delay);
  }

  private async refresh(): Promise<void> {
    const view = this.view;
    if (!view || !view.visible) return;
    const doc = this.document;
    const generation = ++this.generation;
    if (!doc) { this.post({ kind: 'no-dockerfile' }); view.description = undefined; return; }
    const name = doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, false);
    view.description = name;
    const client = typeof this.client === 'function' ? this.client() : this.client;
    if (!client || !client.isRunning()) {
      this.post({ kind: 'waiting' });
      if (this.retries++ < MAX_RETRIES) this.schedule(RETRY_MS);
      return;
    }
    this.retries = 0;
    let state: LayerViewState;
    try {
      const params: LayersParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } };
      const result = await client.sendRequest<LayersResult>(LAYERS_REQUEST, params);
      state = result ? { kind: 'stack', stack: result } : { kind: 'not-analysed' };
      if (result) {
        view.description = vscode.l10n.t('{0} · final image: {1} layers', name, result.finalLayerCount);
      }
    } catch (e) {
      state = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (generation !== this.generation) return;
    this.post(state);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === doc) this.highlight(editor.selection.active.line);
  }

  private onMessage(m: unknown): void {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; section?: unknown };
    if (msg.type === 'ready') this.schedule(0);
    else if (msg.type === 'lecture') void vscode.commands.executeCommand(COMMANDS.openLecture, typeof msg.section === 'string' ? msg.section : undefined);
    else if (msg.type === 'reveal') void this.reveal(m as RevealMessage);
  }

  /** Selects the instruction in its editor (opening it if needed) and scrolls it into view. */
  private async reveal(m: RevealMessage): Promise<void> {
    const doc = this.document;
    if (!doc) return;
    const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.trunc(v) : 0);
    const range = doc.validateRange(new vscode.Range(int(m.line), int(m.character), int(m.endLine), int(m.endCharacter)));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Registers the layer view. Pass a getter when the client can be replaced
 * (the restart command creates a new one).
 */
export function registerLayerView(client: ClientSource): vscode.Disposable {
  const provider = new LayerViewProvider(client);
  return vscode.Disposable.from(
    provider,
    vscode.window.registerWebviewViewProvider(VIEWS.layers, provider),
  );
}
