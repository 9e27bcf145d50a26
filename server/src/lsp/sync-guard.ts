/**
 * Document-sync notifications checked before TextDocuments sees them. The
 * library trusts its client: a didOpen without `text` created a document
 * whose every read threw, again on each configuration or trust change until
 * the document closed. A malformed notification is logged once, with what
 * was wrong, and ignored. Loaded at start-up: it must stay free of the core.
 */
import type { Connection, DidChangeTextDocumentParams, DidOpenTextDocumentParams, DidCloseTextDocumentParams } from 'vscode-languageserver/node';

type SyncConnection = Pick<Connection, 'onDidOpenTextDocument' | 'onDidChangeTextDocument' | 'onDidCloseTextDocument'>;

/** The connection to give `TextDocuments.listen`: the same, but sync notifications are validated first. */
export function guardedSync<C extends SyncConnection & Pick<Connection, 'console'>>(connection: C): C {
  const reject = (method: string, why: string) => connection.console.error(`${method}: invalid params (${why}); ignored`);
  const guard = <P>(method: string, check: (p: P) => string | null) => (handler: (p: P) => void) => (p: P) => {
    const why = check(p);
    if (why !== null) reject(method, why);
    else handler(p);
  };
  const open = guard<DidOpenTextDocumentParams>('textDocument/didOpen', invalidOpen);
  const change = guard<DidChangeTextDocumentParams>('textDocument/didChange', invalidChange);
  const close = guard<DidCloseTextDocumentParams>('textDocument/didClose', (p) => (hasUri(p?.textDocument) ? null : 'no textDocument.uri'));
  return new Proxy(connection, {
    get(target, key, receiver) {
      if (key === 'onDidOpenTextDocument') return (h: (p: DidOpenTextDocumentParams) => void) => target.onDidOpenTextDocument(open(h));
      if (key === 'onDidChangeTextDocument') return (h: (p: DidChangeTextDocumentParams) => void) => target.onDidChangeTextDocument(change(h));
      if (key === 'onDidCloseTextDocument') return (h: (p: DidCloseTextDocumentParams) => void) => target.onDidCloseTextDocument(close(h));
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function hasUri(td: unknown): td is Record<string, unknown> & { uri: string } {
  return typeof td === 'object' && td !== null && typeof (td as { uri?: unknown }).uri === 'string';
}

const isVersion = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

function invalidOpen(p: DidOpenTextDocumentParams | null | undefined): string | null {
  const td = p?.textDocument as unknown as Record<string, unknown> | undefined;
  if (!hasUri(td)) return 'no textDocument.uri';
  if (typeof td.text !== 'string') return 'textDocument.text is not a string';
  if (!isVersion(td.version)) return 'textDocument.version is not an integer';
  if (typeof td.languageId !== 'string') return 'textDocument.languageId is not a string';
  return null;
}

function invalidChange(p: DidChangeTextDocumentParams | null | undefined): string | null {
  const td = p?.textDocument as unknown as Record<string, unknown> | undefined;
  if (!hasUri(td)) return 'no textDocument.uri';
  if (!isVersion(td.version)) return 'textDocument.version is not an integer';
  if (!Array.isArray(p?.contentChanges)) return 'contentChanges is not an array';
  for (const c of p.contentChanges as unknown[]) {
    if (typeof c !== 'object' || c === null || typeof (c as { text?: unknown }).text !== 'string') return 'a content change has no text';
    const range = (c as { range?: unknown }).range;
    if (range !== undefined && !isRange(range)) return 'a content change has a malformed range';
  }
  return null;
}

function isRange(r: unknown): boolean {
  const pos = (p: unknown) => typeof p === 'object' && p !== null && isVersion((p as { line?: unknown }).line) && isVersion((p as { character?: unknown }).character);
  return typeof r === 'object' && r !== null && pos((r as { start?: unknown }).start) && pos((r as { end?: unknown }).end);
}
