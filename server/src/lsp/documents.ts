import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalyzeOptions } from '../index';

/**
 * One analysis per document version and settings, shared by diagnostics,
 * hovers and code actions, so none of them parses the text again.
 * Only the documents used most recently keep theirs: an analysis holds the
 * model and the per-stage caches that make the next edit fast (~200 KB for
 * an ordinary file), which a document open in a background tab does not
 * need. Its published diagnostics stay; a hover or code action there
 * analyses it again (a few milliseconds) and it becomes recent.
 */
export class AnalysisCache {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly entries = new Map<string, { version: number; key: string; analysis: Analysis }>();

  constructor(private readonly keep = 4) {}

  get(doc: TextDocument, options: AnalyzeOptions): Analysis {
    const key = JSON.stringify(options);
    const hit = this.entries.get(doc.uri);
    this.entries.delete(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) {
      this.entries.set(doc.uri, hit);
      return hit.analysis;
    }
    const analysis = analyze(doc.getText(), options);
    this.entries.set(doc.uri, { version: doc.version, key, analysis });
    for (const uri of this.entries.keys()) {
      if (this.entries.size <= this.keep) break;
      this.entries.delete(uri);
    }
    return analysis;
  }

  /** Documents whose analysis is kept (for tests). */
  kept(): string[] {
    return [...this.entries.keys()];
  }

  forget(uri: string): void {
    this.entries.delete(uri);
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
