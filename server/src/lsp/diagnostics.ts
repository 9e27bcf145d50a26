/**
 * Diagnostics: each version is analysed (edits debounced) and published at
 * once with the registry facts already known; missing facts are looked up
 * afterwards and the same version is re-published only if they change it.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalyzeOptions, Finding } from '../index';
import type { Settings } from './settings';
import { Debouncer } from './documents';
import { toDiagnostic } from './convert';
import type { ServerContext } from './context';

// Long enough to fold changes that arrive together (a paste, multi-cursor typing, undo) into one analysis.
const debounce = new Debouncer(10);
/**
 * The findings last sent per document (registry facts and ShellCheck results merged), for hovers,
 * and so facts that change nothing are not re-published. Their diagnostics are not kept: only a
 * late look-up for the same version compares against them, and they are derived again for that.
 */
const published = new Map<string, { version: number; findings: Finding[]; skipped: string | undefined }>();

/** The findings last published for this version of a document, if any. */
export function publishedFindings(uri: string, version: number): Finding[] | undefined {
  const last = published.get(uri);
  return last && last.version === version ? last.findings : undefined;
}
/** Bumped by every validation: a late look-up re-publishes only if no newer validation ran since. */
const generation = new Map<string, number>();
/** Pending ShellCheck look-ups per document, started after SHELLCHECK_QUIET_MS without a newer version. */
const shellcheckTimers = new Map<string, NodeJS.Timeout>();
const SHELLCHECK_QUIET_MS = 300;
/** Per document, the ShellCheck look-up of the last validation: a newer version drops its batches not yet started. */
const shellcheckRuns = new Map<string, AbortController>();
/** Documents analysed at least once: TextDocuments reports an open as a content change, which runs at once; later edits are debounced. */
const seen = new Set<string>();

export function registerDiagnostics(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  const revalidateAll = () => { for (const doc of documents.all()) validate(ctx, doc, true); };
  ctx.revalidateAll = revalidateAll;

  documents.onDidChangeContent((e) => {
    const fresh = !seen.has(e.document.uri);
    seen.add(e.document.uri);
    validate(ctx, e.document, fresh);
  });

  documents.onDidClose((e) => {
    debounce.cancel(e.document.uri);
    seen.delete(e.document.uri);
    ctx.cache.forget(e.document.uri);
    ctx.forgetSettings(e.document.uri);
    published.delete(e.document.uri);
    clearTimeout(shellcheckTimers.get(e.document.uri));
    shellcheckTimers.delete(e.document.uri);
    shellcheckRuns.get(e.document.uri)?.abort();
    shellcheckRuns.delete(e.document.uri);
    generation.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
}

/** Settings are async; a result for an older version is dropped so it never overwrites a newer one. */
function validate(ctx: ServerContext, doc: TextDocument, immediate: boolean): void {
  const { documents, pinning } = ctx;
  debounce.schedule(doc.uri, () => {
    const version = doc.version;
    const run = (generation.get(doc.uri) ?? 0) + 1;
    generation.set(doc.uri, run);
    shellcheckRuns.get(doc.uri)?.abort();
    shellcheckRuns.delete(doc.uri);
    void ctx.settingsFor(doc.uri).then((settings) => {
      const current = documents.get(doc.uri);
      if (!current || current.version !== version || generation.get(doc.uri) !== run) return;
      const { options, analysis: base } = ctx.contextOf(current, settings);
      for (const e of base.ruleErrors) ctx.connection.console.error(`rule ${e.rule} failed: ${e.error}`);
      // Registry facts and ShellCheck results known right now; missing ones are looked up and the
      // same version re-published through one path, so neither refresh drops the other's findings.
      const first = pinning.withKnownFacts(base, settings, options);
      const checked = ctx.shellcheck.withKnownResults(first.analysis, settings, options);
      publish(ctx, current, checked.analysis);
      const registryLookup = first.missing.length > 0 ? first.provider.lookup(first.missing) : null;
      const { missing: scripts, provider: shellcheck } = checked;
      // The callbacks below may wait seconds (a registry, a ShellCheck queue): they hold the document's
      // identity and settings, never this analysis, so a backlog of look-ups does not keep every model alive.
      const refresh = () => refreshAfterLookup(ctx, doc.uri, version, run, settings, options);
      if (registryLookup) void registryLookup.then(refresh);
      if (scripts.length > 0) {
        // ShellCheck is a second program competing for the CPU: ask it once the document has been quiet for a moment,
        // not for every keystroke of a burst (a newer validation cancels this one).
        clearTimeout(shellcheckTimers.get(doc.uri));
        shellcheckTimers.set(doc.uri, setTimeout(() => {
          shellcheckTimers.delete(doc.uri);
          if (generation.get(doc.uri) !== run) return;
          const controller = new AbortController();
          shellcheckRuns.set(doc.uri, controller);
          // Scripts ShellCheck has nothing to say about add no finding: the version published stands as it is.
          void shellcheck.lookup(scripts, controller.signal).then((facts) => {
            if (scripts.some((j) => { const r = facts.get(j.key); return r !== undefined && 'comments' in r && r.comments.length > 0; })) refresh();
          });
        }, SHELLCHECK_QUIET_MS));
      }
    });
  }, immediate);
}

/** Publishes a version again once looked-up facts are in, unless a newer version or validation has come since. */
function refreshAfterLookup(ctx: ServerContext, uri: string, version: number, run: number, settings: Settings, options: AnalyzeOptions): void {
  const now = ctx.documents.get(uri);
  if (!now || now.version !== version || generation.get(uri) !== run) return;
  const analysis = ctx.pinning.withKnownFacts(ctx.cache.get(now, options), settings, options).analysis;
  publish(ctx, now, ctx.shellcheck.withKnownResults(analysis, settings, options).analysis);
}

function publish(ctx: ServerContext, doc: TextDocument, analysis: Analysis): void {
  const diagnostics = diagnosticsOf(analysis.findings, analysis.skipped);
  const last = published.get(doc.uri);
  // Only a re-publication of the same version can be a repeat; a big file's JSON is not built twice for every edit.
  if (last && last.version === doc.version && JSON.stringify(diagnosticsOf(last.findings, last.skipped)) === JSON.stringify(diagnostics)) return;
  published.set(doc.uri, { version: doc.version, findings: analysis.findings, skipped: analysis.skipped });
  void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

function diagnosticsOf(findings: readonly Finding[], skipped: string | undefined): Diagnostic[] {
  const diagnostics = findings.map(toDiagnostic);
  if (skipped) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'lecture-hints', message: skipped });
  return diagnostics;
}
