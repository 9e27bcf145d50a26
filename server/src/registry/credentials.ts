import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** user:password pair from the docker config. Never logged, never cached on disk. */
export interface Credentials {
  username: string;
  password: string;
}

const HUB_KEYS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Normalises a config key or endpoint host to the host the credentials belong to:
 * 'https://ghcr.io' → 'ghcr.io', 'https://index.docker.io/v1/' → 'docker.io'.
 */
export function credentialHost(keyOrHost: string): string {
  let host = keyOrHost.trim().toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(host);
  if (scheme) host = host.slice(scheme[0].length);
  host = host.split('/')[0];
  return HUB_KEYS.has(host) ? 'docker.io' : host;
}

function decodeEntry(entry: unknown): Credentials | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  if (typeof e.auth === 'string' && e.auth) {
    const text = Buffer.from(e.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (typeof e.username === 'string' && typeof e.password === 'string' && e.username) {
    return { username: e.username, password: e.password };
  }
  return null;
}

/**
 * Reads only `auths` from a docker config file. `credsStore`/`credHelpers` are ignored on
 * purpose: running helper programs from a linter is not acceptable. A missing or broken
 * file simply means "no credentials".
 */
export async function loadCredentials(path?: string): Promise<Map<string, Credentials>> {
  const file = path ?? join(homedir(), '.docker', 'config.json');
  const out = new Map<string, Credentials>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return out;
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (!auths || typeof auths !== 'object') return out;
  for (const [key, entry] of Object.entries(auths as Record<string, unknown>)) {
    const creds = decodeEntry(entry);
    const host = credentialHost(key);
    // Several keys may name one host ('docker.io', 'https://index.docker.io/v1/'): first wins.
    if (creds && host && !out.has(host)) out.set(host, creds);
  }
  return out;
}

export function basicHeader(c: Credentials): string {
  return 'Basic ' + Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
}
