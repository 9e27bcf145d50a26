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
