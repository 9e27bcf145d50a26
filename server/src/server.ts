/**
 * The language server: thin LSP wiring over the analysis core. Runs in any
 * editor: VS Code starts it over IPC, others with `node dist/server.js --stdio`.
 * The handshake answers at once; the core is loaded when the client is initialized.
 */
import { createConnection, ProposedFeatures, TextDocuments, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CAPABILITIES } from './lsp/capabilities';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let params: InitializeParams | undefined;

connection.onInitialize((p) => {
  params = p;
  return { capabilities: CAPABILITIES, serverInfo: { name: 'dockerfile-lecture-hints' } };
});

connection.onInitialized(() => {
  // A lazy require: esbuild then evaluates the core's modules only here, not at start-up.
  const main = require('./lsp/main') as typeof import('./lsp/main');
  main.start(connection, documents, params ?? { processId: null, rootUri: null, capabilities: {} });
});

documents.listen(connection);
connection.listen();
