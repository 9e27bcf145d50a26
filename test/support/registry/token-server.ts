import { execFileSync } from 'node:child_process';
import { randomBytes, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpServer, TestServer } from './http-server';
import { requireTool } from './tools';

export interface TokenServer extends TestServer {
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate the registry must trust (auth.token.rootcertbundle). */
  certPath: string;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** `repository:library/node:pull,push` → access entry (names may not contain ':' here). */
function parseScope(scope: string): Access | null {
  const m = /^([a-z]+):([^:]+):([a-z*,]+)$/.exec(scope);
  return m ? { type: m[1], name: m[2], actions: m[3].split(',') } : null;
}

/**
 * A minimal Docker-style token server: GET /token?service=…&scope=… returns an RS256 JWT
 * whose header carries the signing certificate in `x5c`, which is how the registry's
 * `auth.token` verifies it. Anonymous callers get `pull` on repositories outside
 * `private/`; callers with the given basic credentials get every action asked for.
 */
export async function startTokenServer(user: { username: string; password: string }): Promise<TokenServer> {
  requireTool('openssl');
  const dir = await mkdtemp(join(tmpdir(), 'token-server-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1',
    '-subj', '/CN=registry-test-token-issuer', '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'ignore', timeout: 30_000 });
  const key = await readFile(keyPath, 'utf8');
  const x5c = new X509Certificate(await readFile(certPath)).raw.toString('base64');
  const service = 'test-registry';
  const issuer = 'test-token-issuer';
  const expected = 'Basic ' + Buffer.from(`${user.username}:${user.password}`).toString('base64');

  const server = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/token') {
      res.statusCode = 404;
      res.end();
      return;
    }
    const authorized = req.headers.authorization === expected;
    if (req.headers.authorization && !authorized) {
      res.statusCode = 401;
      res.end('{"details":"bad credentials"}');
      return;
    }
    const access = url.searchParams.getAll('scope').map(parseScope).filter((a): a is Access => a !== null)
      .map((a) => authorized ? a : { ...a, actions: a.name.startsWith('private/') ? [] : a.actions.filter((x) => x === 'pull') });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [x5c] };
    const claims = {
      iss: issuer, sub: authorized ? user.username : '', aud: url.searchParams.get('service') ?? service,
      exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });

  const stopHttp = server.stop;
  return Object.assign(server, {
    realm: `${server.url}/token`,
    service,
    issuer,
    certPath,
    stop: async () => {
      await stopHttp();
      await rm(dir, { recursive: true, force: true });
    },
  });
}

/** A bearer token for seeding (push) through the token server, with the test user's credentials. */
export async function fetchToken(ts: TokenServer, repo: string, basic: string): Promise<string> {
  const url = `${ts.realm}?service=${ts.service}&scope=repository:${repo}:pull,push`;
  const res = await fetch(url, { headers: { authorization: basic }, signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { token: string };
  return `Bearer ${body.token}`;
}
