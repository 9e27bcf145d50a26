import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from '../../../common/protocol';

/** Our fix-all kind, under `source.fixAll` so editors' "fix all on save" picks it up. */
/** `source.fixAll.dockerfileLectureHints`: a sub-kind of LSP's SourceFixAll, so `source.fixAll` on save includes it. */
export { FIX_ALL_KIND };

export const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
  completionProvider: { triggerCharacters: [':'] },
  codeLensProvider: { resolveProvider: false },
};
