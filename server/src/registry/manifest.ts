import { RegistryError } from './errors';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/**
 * All four types, always: with fewer, registries either answer 404 for OCI content or
 * silently hand back one platform's manifest instead of the list (a wrong pin).
 */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_LIST, DOCKER_MANIFEST, OCI_MANIFEST].join(', ');

const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;

/** Only well-formed digests are ever put into a URL (they come from remote JSON). */
export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
}

/** What a manifest body turned out to be. */
export type ParsedManifest =
  | { kind: 'index'; platforms: Platform[] }
  | { kind: 'image'; configDigest: string };

function mediaTypeOf(contentType: string | null, body: Record<string, unknown>): string {
  const fromHeader = contentType?.split(';')[0].trim();
  if (fromHeader && fromHeader !== 'application/json') return fromHeader;
  return typeof body.mediaType === 'string' ? body.mediaType : fromHeader ?? '';
}

export function normaliseMediaType(contentType: string | null, body?: unknown): string {
  return mediaTypeOf(contentType, body && typeof body === 'object' ? (body as Record<string, unknown>) : {});
}

function platformOf(entry: unknown): Platform | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as { digest?: unknown; platform?: Record<string, unknown> };
  const p = e.platform;
  if (!isDigest(e.digest) || !p || typeof p.os !== 'string' || typeof p.architecture !== 'string') return null;
  // BuildKit attaches attestation manifests as 'unknown/unknown': not a runnable platform.
  if (p.os === 'unknown' || p.architecture === 'unknown') return null;
  const out: Platform = { os: p.os, architecture: p.architecture, digest: e.digest };
  if (typeof p.variant === 'string' && p.variant) out.variant = p.variant;
  return out;
}

/** Classifies a manifest JSON body; anything unexpected is a RegistryError. */
export function parseManifest(contentType: string | null, json: unknown): ParsedManifest {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new RegistryError('manifest is not a JSON object');
  const body = json as Record<string, unknown>;
  const type = mediaTypeOf(contentType, body);
  if (type === OCI_INDEX || type === DOCKER_LIST || Array.isArray(body.manifests)) {
    if (!Array.isArray(body.manifests)) throw new RegistryError('index without manifests');
    return { kind: 'index', platforms: body.manifests.map(platformOf).filter((p): p is Platform => p !== null) };
  }
  const config = body.config as { digest?: unknown } | undefined;
  if (config && isDigest(config.digest)) return { kind: 'image', configDigest: config.digest };
  throw new RegistryError(`unsupported manifest type ${type || '(none)'}`);
}

/** os/architecture/variant from an image config blob. */
export function platformFromConfig(json: unknown, manifestDigest: string): Platform {
  const c = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  if (typeof c.os !== 'string' || typeof c.architecture !== 'string') {
    throw new RegistryError('image config without os/architecture');
  }
  const out: Platform = { os: c.os, architecture: c.architecture, digest: manifestDigest };
  if (typeof c.variant === 'string' && c.variant) out.variant = c.variant;
  return out;
}
