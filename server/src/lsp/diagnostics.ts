/**
 * Diagnostics: each version is analysed (edits debounced) and published at
 * once with the registry facts already known; missing facts are looked up
 * afterwards and the same version is re-published only if they change it.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding } from '../index';
import { Debouncer } from './documents';
import { toDiagnostic } from './convert';
import type { ServerContext } from './context';

// Long enough to fold changes that arrive together (a paste, multi-cursor typing, undo) into one analysis.
const debounce = new Debouncer(10);
/**
 * What was last sent per document, so facts that change nothing are not re-published,
 * and the findings behind it (registry facts and ShellCheck results merged), for hovers.
 */
const published = new Map<string, { version: number; diagnostics: Diagnostic[]; findings: Finding[] }>();

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
    void ctx.settingsFor(doc.uri).then((settings) => {
      const current = documents.get(doc.uri);
      if (!current || current.version !== version || generation.get(doc.uri) !== run) return;
      const { options, analysis: base } = ctx.contextOf(current, settings);
      for (const e of base.ruleErrors) ctx.connection.console.error(`rule ${e.rule} failed: ${e.error}`);
      // Registry facts and ShellCheck results known right now; missing ones are looked up and the
      // same version re-published through one path, so neither refresh drops the other's findings.
      const withKnown = (analysis: Analysis) => ctx.shellcheck.withKnownResults(pinning.withKnownFacts(analysis, settings, options).analysis, settings, options).analysis;
      const first = pinning.withKnownFacts(base, settings, options);
      const checked = ctx.shellcheck.withKnownResults(first.analysis, settings, options);
      publish(ctx, current, checked.analysis);
      const refresh = () => {
        const now = documents.get(doc.uri);
        if (!now || now.version !== version || generation.get(doc.uri) !== run) return;
        publish(ctx, now, withKnown(ctx.cache.get(now, options)));
      };
      if (first.missing.length > 0) void first.provider.lookup(first.missing).then(refresh);
      if (checked.missing.length > 0) {
        // ShellCheck is a second program competing for the CPU: ask it once the document has been quiet for a moment,
        // not for every keystroke of a burst (a newer validation cancels this one).
        clearTimeout(shellcheckTimers.get(doc.uri));
        shellcheckTimers.set(doc.uri, setTimeout(() => {
          shellcheckTimers.delete(doc.uri);
          if (generation.get(doc.uri) === run) void checked.provider.lookup(checked.missing).then(refresh);
        }, SHELLCHECK_QUIET_MS));
      }
    });
  }, immediate);
}

function publish(ctx: ServerContext, doc: TextDocument, analysis: Analysis): void {
  const diagnostics = analysis.findings.map(toDiagnostic);
  if (analysis.skipped) diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'lecture-hints', message: analysis.skipped });
  const last = published.get(doc.uri);
  // Only a re-publication of the same version can be a repeat; a big file's JSON is not built twice for every edit.
  if (last && last.version === doc.version && JSON.stringify(last.diagnostics) === JSON.stringify(diagnostics)) return;
  published.set(doc.uri, { version: doc.version, diagnostics, findings: analysis.findings });
  void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}
