/**
 * The VS Code side: starts the language server over IPC and passes it the
 * display language, the settings and the commands it may offer. All analysis
 * happens in the server, so other editors get the same hints.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerLectureDocument, OPEN_LECTURE_COMMAND } from './lecture-document';

const SECTION = 'dockerfileLectureHints';
const RESTART_COMMAND = 'dockerfileLectureHints.restartServer';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dockerfile Lecture Hints', { log: true });
  context.subscriptions.push(output, registerLectureDocument());
  context.subscriptions.push(vscode.commands.registerCommand(RESTART_COMMAND, async () => {
    output.appendLine('Restarting the language server…');
    await client?.stop();
    client = createClient(context, output);
    await client.start();
  }));
  client = createClient(context, output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Dockerfiles by language id, plus names VS Code does not always map to it.
    documentSelector: [
      { language: 'dockerfile' },
      { pattern: '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}' },
    ],
    outputChannel: output,
    initializationOptions: {
      locale: vscode.env.language,
      settings: vscode.workspace.getConfiguration(SECTION),
      commands: [OPEN_LECTURE_COMMAND],
    },
    synchronize: { configurationSection: SECTION },
    diagnosticCollectionName: 'lecture-hints',
  };
  return new LanguageClient('dockerfileLectureHints', 'Dockerfile Lecture Hints', serverOptions, clientOptions);
}
