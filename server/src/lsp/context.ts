/**
 * The server's shared state, and the one per-request chain every feature
 * used to write out itself: the open document, its settings, the display
 * language, the analysis options and the cached analysis of this version.
 */
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import type { Analysis, AnalyzeOptions, Lang } from '../index';
import { projectOptionsFor } from '../config/project';
import { AnalysisCache } from './documents';
import { DEFAULT_SETTINGS, displayLang, readSettings, type Settings } from './settings';
import { PinningService } from './pinning';
import { ShellcheckService } from './shellcheck';
import { throwIfCancelled } from './cancel';
import { SETTINGS_SECTION } from '../../../common/protocol';

export interface DocumentContext {
  doc: TextDocument;
  settings: Settings;
  lang: Lang;
  options: AnalyzeOptions;
  /** The analysis of this version with these options, computed once and shared by every feature. */
  analysis: Analysis;
}

export class ServerContext {
  readonly cache = new AnalysisCache();
  readonly pinning: PinningService;
  readonly shellcheck: ShellcheckService;
  clientLocale: Lang = 'en';
  pullConfiguration = false;
  clientCommands = new Set<string>();
  globalSettings: Settings = DEFAULT_SETTINGS;
  /** Analyses and publishes every open document again (set by the diagnostics feature). */
  revalidateAll: () => void = () => {};
  private readonly documentSettings = new Map<string, Promise<Settings>>();
  private readonly reportedConfigProblems = new Set<string>();

  constructor(readonly connection: Connection, readonly documents: TextDocuments<TextDocument>) {
    this.pinning = new PinningService((msg) => connection.console.log(`registry: ${msg}`));
    this.shellcheck = new ShellcheckService((msg) => connection.console.log(msg));
  }

  settingsFor(uri: string): Promise<Settings> {
    if (!this.pullConfiguration) return Promise.resolve(this.globalSettings);
    let s = this.documentSettings.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((raw) => (raw ? readSettings(raw) : this.globalSettings), () => this.globalSettings);
      this.documentSettings.set(uri, s);
    }
    return s;
  }

  /** Settings pulled so far are stale (configuration or trust changed), or the document closed. */
  forgetSettings(uri?: string): void {
    if (uri === undefined) this.documentSettings.clear();
    else this.documentSettings.delete(uri);
  }

  /** Analysis options: the nearest .hadolint.yaml of a file on disk, then the user's settings on top. */
  optionsFor(uri: string, settings: Settings, lang: Lang): AnalyzeOptions {
    let path: string | null = null;
    try { path = uri.startsWith('file:') ? fileURLToPath(uri) : null; } catch { path = null; }
    const project = projectOptionsFor(path, undefined, settings.rules);
    if (project.configPath && project.config?.problems.length && !this.reportedConfigProblems.has(project.configPath)) {
      this.reportedConfigProblems.add(project.configPath);
      for (const p of project.config.problems) this.connection.console.warn(`${project.configPath}: ${p}`);
    }
    // The file's path lets rules see a `.devcontainer/` Dockerfile for what it is.
    const analyze = { ...project.analyze, preset: settings.preset };
    return path ? { lang, ...analyze, context: { ...analyze.context, filePath: path } } : { lang, ...analyze };
  }

  /** The context of an open document as it is now, or null when it is not open; throws when the request was cancelled meanwhile. */
  async documentContext(uri: string, token?: CancellationToken): Promise<DocumentContext | null> {
    // The version asked about: an edit while settings are awaited does not change what this request answers.
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const settings = await this.settingsFor(uri);
    throwIfCancelled(token);
    return this.contextOf(doc, settings);
  }

  /** The context of this very version of a document, with settings already in hand. */
  contextOf(doc: TextDocument, settings: Settings): DocumentContext {
    const lang = displayLang(settings, this.clientLocale);
    const options = this.optionsFor(doc.uri, settings, lang);
    return { doc, settings, lang, options, analysis: this.cache.get(doc, options) };
  }
}
