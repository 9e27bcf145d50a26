import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalyzeOptions } from '../index';

/**
 * One analysis per document version and settings, shared by diagnostics,
 * hovers and code actions, so none of them parses the text again.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; key: string; analysis: Analysis }>();

  get(doc: TextDocument, options: AnalyzeOptions): Analysis {
    const key = JSON.stringify(options);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit.analysis;
    const analysis = analyze(doc.getText(), options);
    this.entries.set(doc.uri, { version: doc.version, key, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * Coalesces bursts of edits. A change after a quiet spell runs at once (a
 * single edit should not wait); changes that follow within `delayMs` restart a
 * timer, so a burst of typing ends with one analysis of its last version.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  schedule(uri: string, run: () => void, immediate = false): void {
    const burst = this.timers.has(uri) || Date.now() - (this.lastRun.get(uri) ?? -Infinity) < this.delayMs;
    this.cancel(uri);
    if (immediate || !burst) { this.ran(uri, run); return; }
    this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); this.ran(uri, run); }, this.delayMs));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) { clearTimeout(t); this.timers.delete(uri); }
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.lastRun.delete(uri);
  }

  private ran(uri: string, run: () => void): void {
    this.lastRun.set(uri, Date.now());
    run();
  }
}
