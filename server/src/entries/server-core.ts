/**
 * Entry of dist/server-core.js (loaded by entries/server.ts through the code
 * cache). The language server: thin LSP wiring over the analysis core. Runs in any
 * editor: VS Code starts it over IPC, others with `node dist/server.js --stdio`.
 * The handshake answers at once; the core is loaded when the client is initialized.
 */
import { Console } from 'node:console';
import { createConnection, ProposedFeatures, StreamMessageReader, TextDocuments, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CAPABILITIES } from '../lsp/capabilities';
import { oneWritePerMessageWriter } from '../lsp/stdio-writer';
import { guardedSync } from '../lsp/sync-guard';
import { CANCEL_QUEUED } from '../lsp/cancel';

const connection = connect();
const documents = new TextDocuments(TextDocument);
let params: InitializeParams | undefined;

connection.onInitialize((p) => {
  params = p;
  return { capabilities: CAPABILITIES, serverInfo: { name: 'dockerfile-lecture-hints' } };
});

connection.onInitialized(() => {
  // A lazy require: esbuild then evaluates the core's modules only here, not at start-up.
  const main = require('../lsp/main') as typeof import('../lsp/main');
  main.start(connection, documents, params ?? { processId: null, rootUri: null, capabilities: {} });
});

documents.listen(guardedSync(connection));
connection.listen();

/**
 * Over stdio each message goes out in one write (see OneWritePerMessage);
 * IPC, sockets and pipes keep the library's own transport. Giving the
 * library a reader and writer means doing what it does for `--stdio` here:
 * console output must not reach stdout, and the server ends with its client.
 */
function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, CANCEL_QUEUED);
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  let shutdown = false;
  const conn = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), oneWritePerMessageWriter(process.stdout), CANCEL_QUEUED);
  conn.onShutdown(() => { shutdown = true; });
  const gone = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', gone);
  process.stdin.on('close', gone);
  return conn;
}
