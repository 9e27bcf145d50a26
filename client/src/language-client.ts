/**
 * The language client and its options, in a bundle of its own
 * (dist/language-client.js) that extension.ts loads right after activation.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DISPLAY_NAME, LANGUAGE_CLIENT_ID, SETTINGS_SECTION as SECTION } from '../../common/protocol';

/** A plain copy of our settings with `registry.enabled` off unless the workspace is trusted. */
function trustedSettings(settings: unknown): unknown {
  if (vscode.workspace.isTrusted || !settings || typeof settings !== 'object') return settings;
  const copy = JSON.parse(JSON.stringify(settings)) as { registry?: Record<string, unknown> };
  copy.registry = { ...(copy.registry ?? {}), enabled: false };
  return copy;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, commands: string[]): LanguageClient {
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
      commands,
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
  return new LanguageClient(LANGUAGE_CLIENT_ID, DISPLAY_NAME, serverOptions, clientOptions);
}
