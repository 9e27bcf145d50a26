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
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerLectureView, OPEN_LECTURE_COMMAND } from './views/lecture-view';
import { registerLayerView } from './views/layer-view';

const SECTION = 'dockerfileLectureHints';
const RESTART_COMMAND = 'dockerfileLectureHints.restartServer';
/** Same string as TRUST_NOTIFICATION in server/src/lsp/pinning.ts (the client bundle does not import server code). */
const TRUST_NOTIFICATION = 'dockerfileLectureHints/workspaceTrust';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Dockerfile Lecture Hints', { log: true });
  context.subscriptions.push(output, registerLectureView(context), registerLayerView(() => client));
  context.subscriptions.push(vscode.commands.registerCommand(RESTART_COMMAND, async () => {
    output.appendLine('Restarting the language server…');
    await client?.stop();
    client = createClient(context, output);
    await client.start();
  }));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void client?.sendNotification(TRUST_NOTIFICATION, { trusted: true });
  }));
  // The language client (half of this bundle) is loaded and the server started just
  // after activation returns, so the editor is not held while other extensions wait
  // to activate. Nothing is lost: the server's answers are asynchronous anyway.
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

/** A plain copy of our settings with `registry.enabled` off unless the workspace is trusted. */
function trustedSettings(settings: unknown): unknown {
  if (vscode.workspace.isTrusted || !settings || typeof settings !== 'object') return settings;
  const copy = JSON.parse(JSON.stringify(settings)) as { registry?: Record<string, unknown> };
  copy.registry = { ...(copy.registry ?? {}), enabled: false };
  return copy;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  // Required here, not imported at the top: see activate().
  const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
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
      settings: trustedSettings(vscode.workspace.getConfiguration(SECTION)),
      commands: [OPEN_LECTURE_COMMAND],
      storagePath: context.globalStorageUri.fsPath,
      workspaceTrusted: vscode.workspace.isTrusted,
    },
    middleware: {
      workspace: {
        // The server pulls settings per document; an untrusted workspace never gets look-ups switched on.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((item, i) => (params.items[i]?.section === SECTION ? trustedSettings(item) : item));
        },
      },
    },
    synchronize: { configurationSection: SECTION },
    diagnosticCollectionName: 'lecture-hints',
  };
  return new LanguageClient('dockerfileLectureHints', 'Dockerfile Lecture Hints', serverOptions, clientOptions);
}
