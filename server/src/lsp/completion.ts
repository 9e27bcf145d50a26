/** `FROM name:` → the repository's tags from the registry, newest version first. */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { orderTagsNewestFirst, tagCompletionContext, type RegistryFactsProvider } from '../pinning';
import { parseImageRef } from '../registry/ref';
import type { ServerContext } from './context';

/** Completion is interactive: a slow registry gives an empty list rather than a stuck popup. */
const COMPLETION_WAIT_MS = 3000;

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(async (params) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const settings = await ctx.settingsFor(doc.uri);
    return tagCompletions(doc, params.position, ctx.pinning.providerFor(settings));
  });
}

async function tagCompletions(doc: TextDocument, position: Position, provider: RegistryFactsProvider): Promise<CompletionItem[]> {
  if (provider.offline) return [];
  const ctx = tagCompletionContext(doc.getText({ start: { line: position.line, character: 0 }, end: position }));
  const ref = ctx ? parseImageRef(ctx.image) : null;
  if (!ctx || !ref) return [];
  const tags = orderTagsNewestFirst(await provider.tags(ref, COMPLETION_WAIT_MS));
  const range = { start: { line: position.line, character: ctx.startCharacter }, end: position };
  const width = String(tags.length).length;
  return tags.map((tag, i) => ({
    label: tag,
    kind: CompletionItemKind.Value,
    detail: `${ref.registry}/${ref.repository}`,
    // Editors sort by sortText: keep the registry order (newest version first), not alphabetical.
    sortText: String(i).padStart(width, '0'),
    filterText: tag,
    textEdit: { range, newText: tag },
  }));
}
