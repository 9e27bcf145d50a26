import { createHash } from 'node:crypto';
import { Authenticator } from './auth';
import { RegistryCache } from './cache';
import { choosePlatform, imageConfigOf, imageManifestOf, MAX_CONFIG_BYTES, type ImageConfig } from './image-config';
import { OfflineError, RegistryError } from './errors';
import { isDigest, MANIFEST_ACCEPT, normaliseMediaType, parseManifest, Platform, platformFromConfig } from './manifest';
import { checkMirror, ImageRef, registryEndpoint } from './ref';
import { readBytes, readJson, Transport } from './transport';
import { compareVersionTags, pinCandidates, variantOf } from './versions';

export interface RegistryOptions {
  /** Used instead of Docker Hub (registry-1.docker.io) for docker.io images, like Docker's registry-mirrors. */
  mirror?: string;
  /** No network at all: every call rejects with an OfflineError. */
  offline?: boolean;
  /** Per request, default 5000. */
  timeoutMs?: number;
  /** Network requests allowed per budget window (token and redirect hops count), default 30. */
  maxRequests?: number;
  /** Length of the budget window; default: the client's whole lifetime. */
  budgetWindowMs?: number;
  /** On-disk cache directory; absent = memory only. */
  cacheDir?: string;
  /** Default 6 h. */
  cacheTtlMs?: number;
  /** Default ~/.docker/config.json; only `auths` is read. */
  dockerConfigPath?: string;
  fetchImpl?: typeof fetch;
  /** Receives one line per request (method, URL without query, status); never credentials. */
  log?: (msg: string) => void;
}

export interface DigestInfo {
  digest: string;
  mediaType: string;
}

const TAG_PAGE_SIZE = 1000;
const MAX_TAG_PAGES = 20;
const MAX_PIN_CHECKS = 12;
const MAX_SAME_DIGEST_CHECKS = 20;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Read-only client for the OCI distribution API (tags, digests, platforms). */
export class RegistryClient {
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly cache: RegistryCache;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly mirrorProblem: string | null;

  constructor(private readonly opts: RegistryOptions = {}) {
    this.transport = new Transport(opts);
    this.auth = new Authenticator(this.transport, opts.dockerConfigPath);
    this.cache = new RegistryCache(opts.cacheTtlMs ?? 6 * 60 * 60_000, opts.cacheDir);
    this.mirrorProblem = opts.mirror ? checkMirror(opts.mirror) : null;
  }

  private endpoint(ref: ImageRef): string {
    if (this.opts.offline) throw new OfflineError();
    if (this.mirrorProblem && ref.registry === 'docker.io') throw new RegistryError(this.mirrorProblem);
    return registryEndpoint(ref.registry, this.opts.mirror);
  }

  /** Memory/disk cache plus de-duplication of identical concurrent calls. */
  private async cached<T>(ref: ImageRef, what: string, produce: () => Promise<T>): Promise<T> {
    const key = RegistryCache.keyOf(this.endpoint(ref), ref.repository, what);
    const hit = await this.cache.get<T>(key);
    if (hit !== undefined) return hit;
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const job = produce().then(async (value) => {
      await this.cache.set(key, value);
      return value;
    });
    this.inflight.set(key, job);
    try {
      return await job;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async request(ref: ImageRef, url: string, method: string, accept: string): Promise<Response> {
    const res = await this.auth.fetch(url, ref.repository, { method, headers: { accept } });
    if (res.ok) return res;
    await res.body?.cancel().catch(() => undefined);
    const what = `${ref.registry}/${ref.repository}`;
    if (res.status === 404) throw new RegistryError(`not found: ${what}`, 404);
    throw new RegistryError(`HTTP ${res.status} from registry for ${what}`, res.status);
  }

  private manifestUrl(ref: ImageRef, reference: string): string {
    return `${this.endpoint(ref)}/v2/${ref.repository}/manifests/${reference}`;
  }

  /** All tags, following `Link: <…>; rel="next"` pages, de-duplicated and sorted ascending. */
  async listTags(ref: ImageRef): Promise<string[]> {
    return this.cached(ref, 'tags', async () => {
      const origin = new URL(this.endpoint(ref)).origin;
      let url: string | null = `${this.endpoint(ref)}/v2/${ref.repository}/tags/list?n=${TAG_PAGE_SIZE}`;
      const tags = new Set<string>();
      for (let page = 0; url && page < MAX_TAG_PAGES; page++) {
        const res = await this.request(ref, url, 'GET', 'application/json');
        const body = (await readJson(res)) as { tags?: unknown } | null;
        const list = body && typeof body === 'object' ? body.tags : undefined;
        if (list !== null && !Array.isArray(list)) throw new RegistryError('tag list without "tags"');
        for (const t of list ?? []) if (typeof t === 'string') tags.add(t);
        url = nextLink(res.headers.get('link'), url, origin);
      }
      return [...tags].sort(compareVersionTags);
    });
  }

  /** Digest and media type of a tag (or of `ref.digest`), HEAD first, GET as fallback. */
  async resolveDigest(ref: ImageRef): Promise<DigestInfo> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.cached(ref, `digest:${reference}`, async () => {
      const url = this.manifestUrl(ref, reference);
      const head = await this.auth.fetch(url, ref.repository, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      const headerDigest = head.headers.get('docker-content-digest');
      if (head.ok && isDigest(headerDigest)) {
        checkExpected(ref.digest, headerDigest);
        return { digest: headerDigest, mediaType: normaliseMediaType(head.headers.get('content-type')) };
      }
      await head.body?.cancel().catch(() => undefined);
      // Some registries answer HEAD with 405 (or 400/501) or without the digest header: ask
      // for the body then. Any other failure would fail the same way on GET, so stop here.
      if (!head.ok && ![400, 405, 501].includes(head.status)) {
        const what = `${ref.registry}/${ref.repository}:${reference}`;
        throw new RegistryError(head.status === 404 ? `not found: ${what}` : `HTTP ${head.status} for ${what}`, head.status);
      }
      const { digest, mediaType } = await this.getManifest(ref, reference);
      return { digest, mediaType };
    });
  }

  private async getManifest(ref: ImageRef, reference: string): Promise<DigestInfo & { json: unknown }> {
    const res = await this.request(ref, this.manifestUrl(ref, reference), 'GET', MANIFEST_ACCEPT);
    const bytes = await readBytes(res, MAX_MANIFEST_BYTES);
    const computed = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
    const header = res.headers.get('docker-content-digest');
    const digest = isDigest(header) ? header : computed;
    checkExpected(ref.digest, digest);
    if (digest.startsWith('sha256:') && digest !== computed) throw new RegistryError('manifest digest mismatch');
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError(`invalid manifest JSON from ${ref.registry}`);
    }
    return { digest, mediaType: normaliseMediaType(res.headers.get('content-type'), json), json };
  }

  /** Platforms of an image: the entries of an index/list, or a single image's config. */
  async platforms(ref: ImageRef): Promise<Platform[]> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.cached(ref, `platforms:${reference}`, async () => {
      const manifest = await this.getManifest(ref, reference);
      const parsed = parseManifest(manifest.mediaType, manifest.json);
      if (parsed.kind === 'index') return parsed.platforms;
      const config = await this.configBlob(ref, parsed.configDigest, null);
      return [platformFromConfig(config, manifest.digest)];
    });
  }

  /**
   * A config blob, size-capped (declared size checked before the download, actual size
   * while reading) and verified against its digest: a registry or CDN cannot substitute one.
   */
  private async configBlob(ref: ImageRef, digest: string, declaredSize: number | null): Promise<unknown> {
    if (declaredSize !== null && declaredSize > MAX_CONFIG_BYTES) {
      throw new RegistryError(`image config of ${declaredSize} bytes is larger than ${MAX_CONFIG_BYTES}`);
    }
    const res = await this.request(ref, `${this.endpoint(ref)}/v2/${ref.repository}/blobs/${digest}`, 'GET', 'application/json, */*');
    const bytes = await readBytes(res, MAX_CONFIG_BYTES);
    const algorithm = digest.slice(0, digest.indexOf(':'));
    const computed = `${algorithm}:` + createHash(algorithm).update(bytes).digest('hex');
    if (computed !== digest) throw new RegistryError('config blob digest mismatch');
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError('invalid image config JSON');
    }
  }

  /**
   * The config (user, env, entrypoint, history…) and compressed layer sizes of the image a
   * build on `platform` ('linux/amd64') gets from `ref`: for an index, its entry for that
   * platform. Cached; with `ref.digest` the answer never changes. Costs 2–3 requests.
   */
  async imageConfig(ref: ImageRef, platform: string): Promise<ImageConfig> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return this.cached(ref, `config:${reference}:${platform}`, async () => {
      let manifest = await this.getManifest(ref, reference);
      const parsed = parseManifest(manifest.mediaType, manifest.json);
      if (parsed.kind === 'index') {
        const entry = choosePlatform(parsed.platforms, platform);
        if (!entry) throw new RegistryError(`no ${platform} image in ${ref.registry}/${ref.repository}:${reference}`, 404);
        // Fetched by digest: getManifest verifies the child is the one the index names.
        manifest = await this.getManifest({ ...ref, digest: entry.digest }, entry.digest);
      }
      const image = imageManifestOf(manifest.json);
      const config = await this.configBlob(ref, image.configDigest, image.configSize);
      return imageConfigOf(config, image, manifest.digest);
    });
  }

  /**
   * Walks `candidates` in order while budget lasts, collecting tags whose digest equals
   * `digest`; stops at the first match when `firstOnly`. Missing tags are skipped; any
   * other failure (budget, rate limit, timeout) ends the walk with what was found.
   */
  private async matching(ref: ImageRef, candidates: string[], digest: string, limit: number, firstOnly: boolean) {
    const found: string[] = [];
    let checked = 0;
    for (const tag of candidates) {
      if (checked >= limit) break;
      try {
        const info = await this.resolveDigest({ registry: ref.registry, repository: ref.repository, tag });
        checked++;
        if (info.digest !== digest) continue;
        found.push(tag);
        if (firstOnly) break;
      } catch (err) {
        if (err instanceof RegistryError && err.status === 404) continue;
        if (err instanceof RegistryError) break;
        throw err;
      }
    }
    return found;
  }

  /** Most specific version tag currently pointing at the same digest as `ref.tag` (node:20 → 20.11.1). */
  async pinTag(ref: ImageRef & { tag: string }): Promise<{ tag: string; digest: string } | null> {
    const base = { registry: ref.registry, repository: ref.repository, tag: ref.tag };
    const { digest } = await this.resolveDigest(base);
    const candidates = pinCandidates(ref.tag, await this.listTags(base));
    const [tag] = await this.matching(base, candidates, digest, MAX_PIN_CHECKS, true);
    return tag ? { tag, digest } : null;
  }

  /** Tags pointing at the same digest as `ref.tag` (same-variant tags checked first, bounded). */
  async sameDigestTags(ref: ImageRef & { tag: string }): Promise<string[]> {
    const base = { registry: ref.registry, repository: ref.repository, tag: ref.tag };
    const { digest } = await this.resolveDigest(base);
    const tags = await this.listTags(base);
    const variant = variantOf(ref.tag);
    const newestFirst = [...tags].sort((a, b) => compareVersionTags(b, a)).filter((t) => t !== ref.tag);
    const ordered = [
      ...newestFirst.filter((t) => variantOf(t) === variant),
      ...newestFirst.filter((t) => variantOf(t) !== variant),
    ];
    const found = await this.matching(base, ordered, digest, MAX_SAME_DIGEST_CHECKS, false);
    return [ref.tag, ...found].sort(compareVersionTags);
  }
}

function checkExpected(expected: string | undefined, actual: string): void {
  if (expected && expected !== actual) throw new RegistryError('registry returned a different digest than requested');
}

/** Next page from a Link header; relative or absolute, but never another origin. */
function nextLink(header: string | null, current: string, origin: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/(?:^|;)\s*rel="?next"?\s*(?:;|$)/i.test(m[2])) continue;
    try {
      const next = new URL(m[1], current);
      return next.origin === origin ? next.toString() : null;
    } catch {
      return null;
    }
  }
  return null;
}
