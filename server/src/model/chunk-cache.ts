import type { ParsedChunk } from './parse-chunk';

/**
 * Parsed chunks by escape key and text. Chunks are found through weak
 * references: as long as some live model uses a chunk (the last analysis of
 * an open document), the next version's build gets it back, and when the
 * document closes its chunks go with its model. Only the most recently used
 * chunks are also held strongly, for callers that drop a model and build the
 * same text again soon (the CLI's fix loop, a file closed and reopened).
 * Holding every chunk ever parsed kept ~150 KB per closed file alive.
 */
export class ChunkCache {
  private readonly byEscape = new Map<string, Map<string, WeakRef<ParsedChunk>>>();
  /** Insertion order is recency: the first key is the least recently used. */
  private readonly recent = new Set<ParsedChunk>();
  private readonly forgetCollected = new FinalizationRegistry<{ escapeKey: string; text: string; ref: WeakRef<ParsedChunk> }>(
    ({ escapeKey, text, ref }) => {
      const byText = this.byEscape.get(escapeKey);
      if (byText?.get(text) === ref) byText.delete(text);
    },
  );

  constructor(private readonly recentLimit: number) {}

  get(escapeKey: string, text: string): ParsedChunk | undefined {
    const parsed = this.byEscape.get(escapeKey)?.get(text)?.deref();
    if (parsed) this.touch(parsed);
    return parsed;
  }

  set(escapeKey: string, text: string, parsed: ParsedChunk): void {
    let byText = this.byEscape.get(escapeKey);
    if (!byText) this.byEscape.set(escapeKey, (byText = new Map()));
    const ref = new WeakRef(parsed);
    byText.set(text, ref);
    this.forgetCollected.register(parsed, { escapeKey, text, ref });
    this.touch(parsed);
  }

  /** Texts still findable: held by a live model or among the recent ones (for tests and diagnostics). */
  size(): number {
    let n = 0;
    for (const byText of this.byEscape.values()) for (const ref of byText.values()) if (ref.deref()) n++;
    return n;
  }

  private touch(parsed: ParsedChunk): void {
    this.recent.delete(parsed);
    this.recent.add(parsed);
    if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.values().next().value as ParsedChunk);
  }
}
