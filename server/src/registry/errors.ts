/** Thrown by every call when the client was created with `offline: true`. */
export class OfflineError extends Error {
  constructor(message = 'registry access disabled (offline)') {
    super(message);
    this.name = 'OfflineError';
  }
}

/**
 * Any failure talking to a registry: HTTP status, timeout, unreadable JSON,
 * exhausted request budget ('budget') or a host that is cooling down after 429.
 * Messages never contain credentials or tokens.
 */
export class RegistryError extends Error {
  status?: number;
  retryAfterMs?: number;
  constructor(message: string, status?: number, retryAfterMs?: number) {
    super(message);
    this.name = 'RegistryError';
    if (status !== undefined) this.status = status;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}
