import { basicHeader, credentialHost, Credentials, loadCredentials } from './credentials';
import { RegistryError } from './errors';
import { isLoopbackHost } from './ref';
import { readJson, Transport } from './transport';

/** A parsed `WWW-Authenticate` challenge, e.g. Bearer realm="…",service="…",scope="…". */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses the first challenge of a WWW-Authenticate header (quoted values may contain commas). */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z][A-Za-z0-9._-]*)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2])) !== null && p[0] !== '') {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}

// Docker Hub serves tokens from a different host than the registry; it is the one
// well-known exception to "credentials only go to the host they are keyed by".
const HUB_TOKEN_HOST = 'auth.docker.io';

function secureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.host));
}

interface Grant {
  header: string;
  expiresAt: number;
}

/**
 * Answers 401 challenges: anonymous or credentialed bearer tokens, or basic auth.
 * Remembers the answer per (origin, repository) so later requests skip the 401 round
 * trip; tokens live in memory only.
 */
export class Authenticator {
  private creds?: Promise<Map<string, Credentials>>;
  private readonly grants = new Map<string, Grant>();
  /** Challenges being answered, so parallel calls for one repository share one token request. */
  private readonly pending = new Map<string, Promise<Grant | null>>();

  constructor(private readonly transport: Transport, private readonly configPath?: string) {}

  /** Sends a request, answering at most one auth challenge. */
  async fetch(url: string, repository: string, init: { method: string; headers: Record<string, string> }): Promise<Response> {
    const target = new URL(url);
    const key = `${target.origin} ${repository}`;
    const grant = this.grants.get(key);
    const first = grant && grant.expiresAt > Date.now() ? withAuth(init, grant.header) : init;
    const res = await this.transport.send(url, first);
    if (res.status !== 401) return res;

    const challenge = parseChallenge(res.headers.get('www-authenticate'));
    await res.body?.cancel().catch(() => undefined);
    let answering = this.pending.get(key);
    if (!answering) {
      answering = challenge ? this.answer(challenge, target, repository) : Promise.resolve(null);
      this.pending.set(key, answering);
      const done = () => this.pending.delete(key);
      answering.then(done, done);
    }
    const answer = await answering;
    if (!answer) throw new RegistryError(`authentication required for ${target.host}`, 401);
    this.grants.set(key, answer);
    const retry = await this.transport.send(url, withAuth(init, answer.header));
    if (retry.status === 401 || retry.status === 403) {
      await retry.body?.cancel().catch(() => undefined);
      this.grants.delete(key);
      throw new RegistryError(`access denied by ${target.host}`, retry.status);
    }
    return retry;
  }

  /** Credentials keyed by exactly this host, and only when the connection may carry them. */
  private async credentialsFor(url: URL): Promise<Credentials | undefined> {
    if (!secureOrLoopback(url)) return undefined;
    this.creds ??= loadCredentials(this.configPath);
    return (await this.creds).get(credentialHost(url.host));
  }

  private async answer(ch: Challenge, target: URL, repository: string): Promise<Grant | null> {
    if (ch.scheme === 'basic') {
      const creds = await this.credentialsFor(target);
      return creds ? { header: basicHeader(creds), expiresAt: Number.POSITIVE_INFINITY } : null;
    }
    if (ch.scheme !== 'bearer' || !ch.params.realm) return null;

    let realm: URL;
    try {
      realm = new URL(ch.params.realm);
    } catch {
      throw new RegistryError(`invalid token realm from ${target.host}`);
    }
    if (!secureOrLoopback(realm) || realm.username || realm.password) {
      throw new RegistryError(`refusing insecure token realm ${realm.origin}`);
    }
    const sameHost = realm.host === target.host ||
      (credentialHost(target.host) === 'docker.io' && realm.host === HUB_TOKEN_HOST && realm.protocol === 'https:');
    const creds = sameHost ? await this.credentialsFor(target) : undefined;

    if (ch.params.service) realm.searchParams.set('service', ch.params.service);
    const scopes = (ch.params.scope ?? `repository:${repository}:pull`).split(' ').filter(Boolean);
    for (const s of scopes) realm.searchParams.append('scope', s);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (creds) headers.authorization = basicHeader(creds);

    const res = await this.transport.send(realm.toString(), { method: 'GET', headers });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(`token request to ${realm.host} failed (HTTP ${res.status})`, res.status);
    }
    const body = (await readJson(res, 64 * 1024)) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token = typeof body?.token === 'string' ? body.token : body?.access_token;
    if (typeof token !== 'string' || !token || /[\s,]/.test(token)) {
      throw new RegistryError(`token server ${realm.host} sent no usable token`);
    }
    // The spec's default lifetime is 60 s; keep a margin so a token never expires mid-request.
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    return { header: `Bearer ${token}`, expiresAt: Date.now() + Math.max(lifetime - 10, 5) * 1000 };
  }
}

function withAuth(init: { method: string; headers: Record<string, string> }, header: string) {
  return { method: init.method, headers: { ...init.headers, authorization: header } };
}
