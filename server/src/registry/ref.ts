/** A parsed image reference, normalised the way Docker does it. */
export interface ImageRef {
  /** e.g. 'docker.io', 'ghcr.io', 'localhost:5000' */
  registry: string;
  /** e.g. 'library/node' */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

// Grammar follows the distribution reference spec (lowercase path components,
// separators '.', '_', '__', one or more '-'); written from the spec, kept strict
// so that anything odd is reported as "not an image reference" instead of guessed.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const HOST_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const PORT = /^[0-9]{1,5}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

/** True for a `host[:port]` that is a registry rather than the first path component. */
function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component.startsWith('[') ||
    component === 'localhost';
}

function validHost(hostPort: string): boolean {
  const m = /^(\[[^\]]*\]|[^:]+)(?::([^:]*))?$/.exec(hostPort);
  if (!m) return false;
  const [, host, port] = m;
  if (port !== undefined && (!PORT.test(port) || Number(port) > 65535)) return false;
  return HOST_NAME.test(host) || IPV6_HOST.test(host);
}

function validDigest(digest: string): boolean {
  if (!DIGEST.test(digest)) return false;
  return !digest.startsWith('sha256:') || SHA256.test(digest);
}

/**
 * Parses `[registry/]repo[:tag][@digest]`. Returns null for anything that is not a
 * concrete reference, including ones with unexpanded build args like `$BASE`.
 */
export function parseImageRef(ref: string): ImageRef | null {
  const text = ref.trim();
  if (!text || /[\s$]/.test(text) || text.includes('://')) return null;

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!validDigest(digest)) return null;
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }

  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && looksLikeHost(parts[0])) {
    const host = parts.shift() as string;
    if (!validHost(host)) return null;
    registry = HUB_ALIASES.has(host.toLowerCase()) ? DOCKER_HUB : host.toLowerCase();
  }
  if (!parts.every((p) => PATH_COMPONENT.test(p))) return null;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (repository.length > 255) return null;

  const out: ImageRef = { registry, repository };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** Formats a reference back, for messages. */
export function formatImageRef(ref: ImageRef): string {
  let s = `${ref.registry}/${ref.repository}`;
  if (ref.tag) s += `:${ref.tag}`;
  if (ref.digest) s += `@${ref.digest}`;
  return s;
}

/** Host part without the port; IPv6 brackets kept. */
function hostOnly(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(0, hostPort.indexOf(']') + 1);
  return hostPort.split(':')[0];
}

/** Loopback hosts are the only ones ever spoken to over plain HTTP. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostOnly(hostPort.toLowerCase());
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Base URL (no trailing slash) that serves `/v2/` for a registry. Docker Hub names go
 * to the mirror when one is set, exactly like Docker's `registry-mirrors`.
 */
export function registryEndpoint(registry: string, mirror?: string): string {
  if (registry === DOCKER_HUB) return mirror ? mirror.replace(/\/+$/, '') : 'https://registry-1.docker.io';
  return `${isLoopbackHost(registry) ? 'http' : 'https'}://${registry}`;
}

/** Checks a mirror URL: https anywhere, http only on loopback. Returns an error text or null. */
export function checkMirror(mirror: string): string | null {
  let url: URL;
  try {
    url = new URL(mirror);
  } catch {
    return 'mirror is not a URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.host)) return null;
  return 'mirror must use https (plain http is only allowed on loopback)';
}
