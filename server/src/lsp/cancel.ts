import { LSPErrorCodes, ResponseError, type CancellationToken, type ConnectionStrategy, type RequestMessage, type ResponseMessage } from 'vscode-languageserver/node';

/**
 * Stops a request the client cancelled: called between units of work (after
 * awaiting settings, between findings, before a fix-all), so a storm of
 * cancelled requests costs little more than reading them.
 */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/**
 * vscode-jsonrpc runs a queued request even when its `$/cancelRequest` came
 * in before it started (its default answers nothing): this answers it as
 * cancelled instead, without running it. Loaded at start-up: free of the core.
 */
export const CANCEL_QUEUED: ConnectionStrategy = {
  cancelUndispatched: (message): ResponseMessage => ({
    jsonrpc: '2.0', id: (message as RequestMessage).id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' },
  }),
};
