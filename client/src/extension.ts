/**
 * The VS Code side: starts the language server over IPC and passes it the
 * display language, the settings and the commands it may offer. All analysis
 * happens in the server, so other editors get the same hints.
 *
 * Registry look-ups: the server gets the global storage path for its cache and
 * the workspace trust state. In an untrusted workspace `registry.enabled` is
 * forced off in everything the server is told, until trust is granted.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, TRUST_NOTIFICATION, type TrustParams } from '../../common/protocol';
import { registerLectureView } from './views/lecture-view';
import { registerLayerView } from './views/layer-view';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Dockerfile Lecture Hints', { log: true });
  context.subscriptions.push(output, registerLectureView(context), registerLayerView(() => client));
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
    output.appendLine('Restarting the language server…');
    await client?.stop();
    client = createClient(context, output);
    await client.start();
  }));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void client?.sendNotification(TRUST_NOTIFICATION, { trusted: true } satisfies TrustParams);
  }));
  // The language client (its own bundle, most of our code) is loaded and the server
  // started just after activation returns, so the editor is not held while other
  // extensions wait to activate. Nothing is lost: the server's answers are asynchronous anyway.
  setImmediate(() => {
    try {
      client = createClient(context, output);
    } catch (e) {
      reportStartFailure(output, e);
      return;
    }
    client.start().catch((e: unknown) => reportStartFailure(output, e));
  });
}

function reportStartFailure(output: vscode.LogOutputChannel, e: unknown): void {
  output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('Dockerfile Lecture Hints: the language server did not start. See the output channel for details.'));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/**
 * The language client is a bundle of its own (dist/language-client.js, most
 * of the extension's code): VS Code counts loading extension.js as part of
 * activation, so it is loaded just after, like the server start.
 */
function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const { createLanguageClient } = require('./language-client') as typeof import('./language-client');
  return createLanguageClient(context, output, [COMMANDS.openLecture]);
}
