/**
 * Everything the server does after `initialize`: loaded only then, so the
 * analysis core (dockerfile-ast, the rules, the registry client) does not
 * delay the editor's handshake. Each LSP feature has its own file; this one
 * reads the client's options and wires them.
 */
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { langFromLocale } from '../../../common/i18n';
import { readSettings } from './settings';
import { SETTINGS_SECTION } from '../../../common/protocol';
import { TRUST_NOTIFICATION } from './pinning';
import { ServerContext } from './context';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerCodeActions } from './code-actions';
import { registerCompletion } from './completion';
import { registerCodeLens } from './code-lens';
import { registerLayers } from './layers';

/** Wires every handler; called once, when the client says it is initialized. */
export function start(connection: Connection, documents: TextDocuments<TextDocument>, params: InitializeParams): void {
  const ctx = new ServerContext(connection, documents);
  initialize(ctx, params);
  registerDiagnostics(ctx);
  registerHover(ctx);
  registerCodeActions(ctx);
  registerCompletion(ctx);
  registerCodeLens(ctx);
  registerLayers(ctx);

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    if (section) ctx.globalSettings = readSettings(section);
    ctx.forgetSettings();
    ctx.revalidateAll();
  });

  connection.onNotification(TRUST_NOTIFICATION, (p: { trusted?: unknown } | null) => {
    ctx.pinning.trusted = p?.trusted === true;
    ctx.shellcheck.trusted = ctx.pinning.trusted;
    // Settings pulled while untrusted had look-ups forced off by the client: pull them again.
    ctx.forgetSettings();
    ctx.revalidateAll();
  });

  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
}

function initialize(ctx: ServerContext, params: InitializeParams): void {
  const init = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; commands?: unknown; storagePath?: unknown; workspaceTrusted?: unknown };
  ctx.clientLocale = langFromLocale(init.locale ?? params.locale);
  if (init.settings) ctx.globalSettings = readSettings(init.settings);
  if (Array.isArray(init.commands)) ctx.clientCommands = new Set(init.commands.filter((c): c is string => typeof c === 'string'));
  ctx.pullConfiguration = params.capabilities.workspace?.configuration === true;
  if (typeof init.storagePath === 'string' && init.storagePath) ctx.pinning.storagePath = init.storagePath;
  // Only an explicit `false` (VS Code in an untrusted workspace) turns the network off here.
  ctx.pinning.trusted = init.workspaceTrusted !== false;
  ctx.shellcheck.trusted = ctx.pinning.trusted;
}
