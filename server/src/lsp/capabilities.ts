import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';

/** Our fix-all kind, under `source.fixAll` so editors' "fix all on save" picks it up. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerfileLectureHints`;

export const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
  completionProvider: { triggerCharacters: [':'] },
  codeLensProvider: { resolveProvider: false },
};
