/**
 * The language server: thin LSP wiring over the analysis core. Runs in any
 * editor: VS Code starts it over IPC, others with `node dist/server.js --stdio`.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt, type Lang } from './index';
import { langFromLocale } from './core/i18n';
import { AnalysisCache, Debouncer } from './lsp/documents';
import { DEFAULT_SETTINGS, displayLang, readSettings, type Settings } from './lsp/settings';
import { toDiagnostic } from './lsp/convert';
import { codeActions, FIX_ALL_KIND } from './lsp/code-actions';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
const debounce = new Debouncer(60);

let clientLocale: Lang = 'en';
let pullConfiguration = false;
let clientCommands = new Set<string>();
let globalSettings: Settings = DEFAULT_SETTINGS;
const documentSettings = new Map<string, Promise<Settings>>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; commands?: unknown };
  clientLocale = langFromLocale(init.locale ?? params.locale);
  if (init.settings) globalSettings = readSettings(init.settings);
  if (Array.isArray(init.commands)) clientCommands = new Set(init.commands.filter((c): c is string => typeof c === 'string'));
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
    serverInfo: { name: 'dockerfile-lecture-hints' },
  };
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { dockerfileLectureHints?: unknown } | null)?.dockerfileLectureHints;
  if (section) globalSettings = readSettings(section);
  documentSettings.clear();
  for (const doc of documents.all()) validate(doc, true);
});

function settingsFor(uri: string): Promise<Settings> {
  if (!pullConfiguration) return Promise.resolve(globalSettings);
  let s = documentSettings.get(uri);
  if (!s) {
    s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerfileLectureHints' })
      .then((raw) => (raw ? readSettings(raw) : globalSettings), () => globalSettings);
    documentSettings.set(uri, s);
  }
  return s;
}

/** Settings are async; a result for an older version is dropped so it never overwrites a newer one. */
function validate(doc: TextDocument, immediate: boolean): void {
  debounce.schedule(doc.uri, () => {
    const version = doc.version;
    void settingsFor(doc.uri).then((settings) => {
      const current = documents.get(doc.uri);
      if (!current || current.version !== version) return;
      const lang = displayLang(settings, clientLocale);
      const analysis = cache.get(current, settings, lang);
      for (const e of analysis.ruleErrors) connection.console.error(`rule ${e.rule} failed: ${e.error}`);
      const diagnostics = analysis.findings.map(toDiagnostic);
      if (analysis.skipped) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'lecture-hints', message: analysis.skipped });
      void connection.sendDiagnostics({ uri: current.uri, version, diagnostics });
    });
  }, immediate);
}

documents.onDidOpen((e) => validate(e.document, true));
documents.onDidChangeContent((e) => validate(e.document, false));
documents.onDidClose((e) => {
  debounce.cancel(e.document.uri);
  cache.forget(e.document.uri);
  documentSettings.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const settings = await settingsFor(doc.uri);
  const lang = displayLang(settings, clientLocale);
  const model = cache.get(doc, settings, lang).model;
  const hover = model ? hoverAt(model, params.position, lang) : null;
  return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const settings = await settingsFor(doc.uri);
  const lang = displayLang(settings, clientLocale);
  const analysis = cache.get(doc, settings, lang);
  return codeActions(params, { doc, analysis, lang, clientCommands, analyzeOptions: { lang, rules: settings.rules } });
});

process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));

documents.listen(connection);
connection.listen();
