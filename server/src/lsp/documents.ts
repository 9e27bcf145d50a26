import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalyzeOptions } from '../index';

/**
 * One analysis per document version and settings, shared by diagnostics,
 * hovers and code actions, so none of them parses the text again.
 * An analysis holds the model and the per-stage caches that make the next
 * edit fast (~300 KB for an ordinary file): they belong to the documents
 * being edited, so the four edited most recently keep theirs, and of the
 * documents only opened, just the last one used (for the hover that tends to
 * follow). Every other document keeps its text and published findings; a
 * hover or code action there analyses it again (a few milliseconds). Kept
 * analyses also survive the young generation's collections, and copying
 * them there is what made V8 grow its heap while many files were opened.
 */
export class AnalysisCache {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly entries = new Map<string, { version: number; key: string; analysis: Analysis }>();
  /** The version last analysed per open document: a different one means the document is being edited. */
  private readonly versions = new Map<string, number>();
  private readonly edited = new Set<string>();

  constructor(private readonly keepEdited = 4, private readonly keepOpened = 1) {}

  get(doc: TextDocument, options: AnalyzeOptions): Analysis {
    const key = JSON.stringify(options);
    const hit = this.entries.get(doc.uri);
    this.entries.delete(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) {
      this.entries.set(doc.uri, hit);
      return hit.analysis;
    }
    const seen = this.versions.get(doc.uri);
    if (seen !== undefined && seen !== doc.version) this.edited.add(doc.uri);
    this.versions.set(doc.uri, doc.version);
    const analysis = analyze(doc.getText(), options);
    this.entries.set(doc.uri, { version: doc.version, key, analysis });
    this.trim();
    return analysis;
  }

  /** Documents whose analysis is kept, least recently used first (for tests). */
  kept(): string[] {
    return [...this.entries.keys()];
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.versions.delete(uri);
    this.edited.delete(uri);
  }

  private trim(): void {
    let edited = 0;
    let opened = 0;
    for (const uri of [...this.entries.keys()].reverse()) {
      const isEdited = this.edited.has(uri);
      const rank = isEdited ? ++edited : ++opened;
      if (rank > (isEdited ? this.keepEdited : this.keepOpened)) this.entries.delete(uri);
    }
  }
}

/**
 * Coalesces bursts of edits: each change restarts a short timer per document,
 * so typing fast analyses only the last version.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  schedule(uri: string, run: () => void, immediate = false): void {
    this.cancel(uri);
    if (immediate) { run(); return; }
    this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); run(); }, this.delayMs));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) { clearTimeout(t); this.timers.delete(uri); }
  }
}
