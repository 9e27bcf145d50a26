import type { Connection, Diagnostic, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { hoverAt, type Analysis, type AnalyzeOptions, type Lang } from '../index';
import { projectOptionsFor } from '../config/project';
import { langFromLocale } from '../core/i18n';
import { AnalysisCache, Debouncer } from './documents';
import { DEFAULT_SETTINGS, displayLang, readSettings, type Settings } from './settings';
import { toDiagnostic } from './convert';
import { codeActions } from './code-actions';
import { throwIfCancelled } from './cancel';
import { PinningService, TRUST_NOTIFICATION } from './pinning';
import { tagCompletions } from './completion';
import { fixAllWithFacts, lookupOf, registryImageDetails, type ImageLookup } from '../pinning';
import { instructionAtLine } from '../model/at-line';
import { layerLenses, layersResult, LAYERS_REQUEST, type LayersParams } from './layer-lens';

/**
 * Everything the server does after `initialize`: loaded only then, so the
 * analysis core (dockerfile-ast, the rules, the registry client) does not
 * delay the editor's handshake.
 */
let connection!: Connection;
let documents!: TextDocuments<TextDocument>;

/** Wires every handler; called once, when the client says it is initialized. */
export function start(conn: Connection, docs: TextDocuments<TextDocument>, params: InitializeParams): void {
  connection = conn;
  documents = docs;
  initialize(params);
  registerHandlers();
}

const cache = new AnalysisCache();
// Long enough to fold changes that arrive together (a paste, multi-cursor typing, undo) into one analysis.
const debounce = new Debouncer(10);

let clientLocale: Lang = 'en';
let pullConfiguration = false;
let clientCommands = new Set<string>();
let globalSettings: Settings = DEFAULT_SETTINGS;
const documentSettings = new Map<string, Promise<Settings>>();
const pinning = new PinningService((msg) => connection.console.log(`registry: ${msg}`));
/** What was last sent per document, so facts that change nothing are not re-published. */
const published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
/** Bumped by every validation: a late look-up re-publishes only if no newer validation ran since. */
const generation = new Map<string, number>();
/** Hovers may wait briefly for registry facts; diagnostics never do. */
const HOVER_WAIT_MS = 1500;

function initialize(params: InitializeParams): void {
  const init = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; commands?: unknown; storagePath?: unknown; workspaceTrusted?: unknown };
  clientLocale = langFromLocale(init.locale ?? params.locale);
  if (init.settings) globalSettings = readSettings(init.settings);
  if (Array.isArray(init.commands)) clientCommands = new Set(init.commands.filter((c): c is string => typeof c === 'string'));
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  if (typeof init.storagePath === 'string' && init.storagePath) pinning.storagePath = init.storagePath;
  // Only an explicit `false` (VS Code in an untrusted workspace) turns the network off here.
  pinning.trusted = init.workspaceTrusted !== false;
}


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

/**
 * Settings are async; a result for an older version is dropped so it never overwrites a newer one.
 * Diagnostics go out at once with the registry facts already known; missing facts are looked
 * up afterwards and the same version is re-published only if they change its diagnostics.
 */
function validate(doc: TextDocument, immediate: boolean): void {
  debounce.schedule(doc.uri, () => {
    const version = doc.version;
    const run = (generation.get(doc.uri) ?? 0) + 1;
    generation.set(doc.uri, run);
    void settingsFor(doc.uri).then((settings) => {
      const current = documents.get(doc.uri);
      if (!current || current.version !== version || generation.get(doc.uri) !== run) return;
      const lang = displayLang(settings, clientLocale);
      const options = optionsFor(current.uri, settings, lang);
      const base = cache.get(current, options);
      for (const e of base.ruleErrors) connection.console.error(`rule ${e.rule} failed: ${e.error}`);
      const first = pinning.withKnownFacts(base, settings, options);
      publish(current, first.analysis);
      if (first.missing.length === 0) return;
      void first.provider.lookup(first.missing).then(() => {
        const now = documents.get(doc.uri);
        if (!now || now.version !== version || generation.get(doc.uri) !== run) return;
        publish(now, pinning.withKnownFacts(cache.get(now, options), settings, options).analysis);
      });
    });
  }, immediate);
}

function publish(doc: TextDocument, analysis: Analysis): void {
  const diagnostics = analysis.findings.map(toDiagnostic);
  if (analysis.skipped) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'lecture-hints', message: analysis.skipped });
  const last = published.get(doc.uri);
  // Only a re-publication of the same version can be a repeat; a big file's JSON is not built twice for every edit.
  if (last && last.version === doc.version && JSON.stringify(last.diagnostics) === JSON.stringify(diagnostics)) return;
  published.set(doc.uri, { version: doc.version, diagnostics });
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

/** Documents analysed at least once: TextDocuments reports an open as a content change, which runs at once; later edits are debounced. */
const seen = new Set<string>();

/** The image reference of the FROM on `line`, if any: hovers look up only what is pointed at. */
function imageAt(model: NonNullable<Analysis['model']>, line: number): ImageLookup[] {
  const at = instructionAtLine(model, line);
  const ins = at === undefined ? undefined : model.instructions[at];
  if (!ins || ins.keyword !== 'FROM' || ins.stage < 0) return [];
  const lookup = lookupOf(model.stages[ins.stage].base);
  return lookup ? [lookup] : [];
}


const reportedConfigProblems = new Set<string>();

/** Analysis options: the nearest .hadolint.yaml of a file on disk, then the user's settings on top. */
function optionsFor(uri: string, settings: Settings, lang: Lang): AnalyzeOptions {
  let path: string | null = null;
  try { path = uri.startsWith('file:') ? fileURLToPath(uri) : null; } catch { path = null; }
  const project = projectOptionsFor(path, undefined, settings.rules);
  if (project.configPath && project.config?.problems.length && !reportedConfigProblems.has(project.configPath)) {
    reportedConfigProblems.add(project.configPath);
    for (const p of project.config.problems) connection.console.warn(`${project.configPath}: ${p}`);
  }
  return { lang, ...project.analyze };
}

/** The cached model of an open document, for features that only read it. */
async function modelFor(uri: string) {
  const doc = documents.get(uri);
  if (!doc) return null;
  const settings = await settingsFor(uri);
  const lang = displayLang(settings, clientLocale);
  return { doc, lang, model: cache.get(doc, optionsFor(uri, settings, lang)).model };
}

function registerHandlers(): void {
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { dockerfileLectureHints?: unknown } | null)?.dockerfileLectureHints;
    if (section) globalSettings = readSettings(section);
    documentSettings.clear();
    for (const doc of documents.all()) validate(doc, true);
  });

  connection.onNotification(TRUST_NOTIFICATION, (p: { trusted?: unknown } | null) => {
    pinning.trusted = p?.trusted === true;
    // Settings pulled while untrusted had look-ups forced off by the client: pull them again.
    documentSettings.clear();
    for (const doc of documents.all()) validate(doc, true);
  });

  documents.onDidChangeContent((e) => {
    const fresh = !seen.has(e.document.uri);
    seen.add(e.document.uri);
    validate(e.document, fresh);
  });

  documents.onDidClose((e) => {
    debounce.cancel(e.document.uri);
    seen.delete(e.document.uri);
    cache.forget(e.document.uri);
    documentSettings.delete(e.document.uri);
    published.delete(e.document.uri);
    generation.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const settings = await settingsFor(doc.uri);
    throwIfCancelled(token);
    const lang = displayLang(settings, clientLocale);
    const model = cache.get(doc, optionsFor(doc.uri, settings, lang)).model;
    if (!model) return null;
    const lookups = imageAt(model, params.position.line);
    const provider = pinning.providerFor(settings);
    // Wait (briefly) only for what was never answered; a known failure or old answer is shown as is.
    const facts = provider.pending(lookups) ? await provider.lookupWithin(lookups, HOVER_WAIT_MS, true) : provider.known(lookups).facts;
    const hover = hoverAt(model, params.position, lang, registryImageDetails(model, facts));
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    throwIfCancelled(token);
    const lang = displayLang(settings, clientLocale);
    const analyzeOptions = optionsFor(doc.uri, settings, lang);
    // The latest facts, even if they arrived after the last publication.
    const { analysis, facts } = pinning.withKnownFacts(cache.get(doc, analyzeOptions), settings, analyzeOptions);
    return codeActions(params, {
      doc, analysis, lang, clientCommands, analyzeOptions, token,
      fixAllText: (text) => fixAllWithFacts(text, analyzeOptions, facts),
    });
  });

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await settingsFor(doc.uri);
    return tagCompletions(doc, params.position, pinning.providerFor(settings));
  });

  connection.onCodeLens(async (p, token) => {
    const m = await modelFor(p.textDocument.uri);
    throwIfCancelled(token);
    return m?.model ? layerLenses(m.model, m.lang, { clientCommands }) : [];
  });

  connection.onRequest(LAYERS_REQUEST, async (p: LayersParams, token) => {
    const m = await modelFor(p.textDocument.uri);
    throwIfCancelled(token);
    return m ? layersResult(m.model, m.doc.uri, m.doc.version) : null;
  });

  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
}
