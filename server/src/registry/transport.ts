import { OfflineError, RegistryError } from './errors';
import { isLoopbackHost } from './ref';

export interface TransportOptions {
  offline?: boolean;
  timeoutMs?: number;
  maxRequests?: number;
  budgetWindowMs?: number;
  fetchImpl?: typeof fetch;
  log?: (msg: string) => void;
}

export interface RequestInit2 {
  method: string;
  headers: Record<string, string>;
}

const MAX_REDIRECTS = 5;
const DEFAULT_COOLDOWN_MS = 60_000;
const MAX_COOLDOWN_MS = 6 * 60 * 60_000;

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Docker Hub style `ratelimit-remaining: 0;w=21600`. Returns how long to stay away when
 * the quota is used up, or undefined when requests may continue.
 */
function exhaustedQuotaMs(h: Headers): number | undefined {
  const remaining = h.get('ratelimit-remaining');
  if (!remaining || !/^\s*0\s*(?:;|$)/.test(remaining)) return undefined;
  const reset = parseRetryAfter(h.get('retry-after')) ?? parseRetryAfter(h.get('ratelimit-reset'));
  if (reset !== undefined) return reset;
  const w = /;\s*w=(\d+)/.exec(remaining);
  return w ? Number(w[1]) * 1000 : DEFAULT_COOLDOWN_MS;
}

/**
 * The single place that touches the network: offline switch, request budget, per-request
 * timeout, per-host cool-down after 429 or an exhausted quota, and redirects followed by
 * hand so that an Authorization header never follows a redirect to another origin.
 */
export class Transport {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxRequests: number;
  private readonly windowMs: number;
  private windowStart = 0;
  private used = 0;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly opts: TransportOptions = {}) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxRequests = opts.maxRequests ?? 30;
    this.windowMs = opts.budgetWindowMs ?? Number.POSITIVE_INFINITY;
  }

  /** Requests left in the current budget window. */
  remaining(): number {
    if (Date.now() - this.windowStart >= this.windowMs) return this.maxRequests;
    return Math.max(0, this.maxRequests - this.used);
  }

  private spend(): void {
    const now = Date.now();
    if (this.used === 0 || now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= this.maxRequests) {
      const left = this.windowStart + this.windowMs - now;
      throw new RegistryError('budget', undefined, Number.isFinite(left) ? left : undefined);
    }
    this.used++;
  }

  private checkHost(host: string): void {
    const until = this.blockedUntil.get(host);
    if (until === undefined) return;
    const left = until - Date.now();
    if (left <= 0) this.blockedUntil.delete(host);
    else throw new RegistryError(`rate limited by ${host}, retry in ${Math.ceil(left / 1000)} s`, 429, left);
  }

  private block(host: string, ms: number): void {
    this.blockedUntil.set(host, Date.now() + Math.min(ms, MAX_COOLDOWN_MS));
  }

  /** One logical request; throws RegistryError for 429 and transport failures, returns any other response. */
  async send(url: string, init: RequestInit2): Promise<Response> {
    if (this.opts.offline) throw new OfflineError();
    let current = new URL(url);
    let headers = { ...init.headers };
    for (let hop = 0; ; hop++) {
      this.checkHost(current.host);
      this.spend();
      const res = await this.once(current, init.method, headers);
      this.opts.log?.(`${init.method} ${current.origin}${current.pathname} → ${res.status}`);
      if (res.status === 429) {
        await res.body?.cancel().catch(() => undefined);
        const ms = parseRetryAfter(res.headers.get('retry-after')) ?? DEFAULT_COOLDOWN_MS;
        this.block(current.host, ms);
        throw new RegistryError(`rate limited by ${current.host}`, 429, ms);
      }
      const quota = exhaustedQuotaMs(res.headers);
      if (quota !== undefined) this.block(current.host, quota);

      const location = res.headers.get('location');
      if (res.status < 300 || res.status > 399 || res.status === 304 || !location) return res;
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new RegistryError(`too many redirects from ${current.host}`);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && !(next.protocol === 'http:' && isLoopbackHost(next.host))) {
        throw new RegistryError(`refusing redirect to insecure ${next.origin}`);
      }
      // Blob downloads are redirected to storage/CDN hosts: never carry our Authorization there.
      if (next.origin !== current.origin) {
        const { authorization: _dropped, ...rest } = headers;
        headers = rest;
      }
      current = next;
    }
  }

  private async once(url: URL, method: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw asRegistryError(err, url.host, this.timeoutMs);
    }
  }
}

function asRegistryError(err: unknown, host: string, timeoutMs?: number): RegistryError {
  if (err instanceof RegistryError) return err;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new RegistryError(`timeout${timeoutMs ? ` after ${timeoutMs} ms` : ''} talking to ${host}`);
  }
  const cause = (err as { cause?: { code?: string } } | null)?.cause?.code;
  return new RegistryError(`network error talking to ${host}${cause ? ` (${cause})` : ''}`);
}

/** Reads a body with a size cap; a stalled body ends with the request's timeout. */
export async function readBytes(res: Response, maxBytes: number): Promise<Buffer> {
  const host = new URL(res.url || 'http://unknown').host;
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new RegistryError(`response from ${host} larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (err) {
    throw asRegistryError(err, host);
  }
  return Buffer.concat(chunks);
}

/** JSON body or RegistryError — garbage never escapes as a SyntaxError. */
export async function readJson(res: Response, maxBytes = 4 * 1024 * 1024): Promise<unknown> {
  const bytes = await readBytes(res, maxBytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new RegistryError(`invalid JSON from ${new URL(res.url || 'http://unknown').host}`);
  }
}
