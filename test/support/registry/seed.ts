import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

type ImageKind = typeof DOCKER_MANIFEST | typeof OCI_MANIFEST;

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string;
}

/** Uploads blobs and manifests to a registry with plain fetch, as a client without docker would. */
export class Seeder {
  /**
   * @param base registry URL, e.g. http://127.0.0.1:5000
   * @param authFor Authorization header value for a repository (basic or bearer), if any
   */
  constructor(private readonly base: string, private readonly authFor: (repo: string) => Promise<string | undefined> = async () => undefined) {}

  private async call(repo: string, url: string, init: { method: string; body?: Buffer; headers?: Record<string, string> }) {
    const auth = await this.authFor(repo);
    const res = await fetch(url, {
      method: init.method,
      body: init.body,
      headers: { ...(init.headers ?? {}), ...(auth ? { authorization: auth } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status >= 300) throw new Error(`${init.method} ${url} → ${res.status}: ${await res.text()}`);
    return res;
  }

  /** Monolithic upload: POST to start a session, PUT the bytes with their digest. Returns the digest. */
  async blob(repo: string, bytes: Buffer): Promise<string> {
    const digest = sha256(bytes);
    const start = await this.call(repo, `${this.base}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    await start.body?.cancel();
    const location = new URL(start.headers.get('location') ?? '', this.base);
    location.searchParams.set('digest', digest);
    const put = await this.call(repo, location.toString(), {
      method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' },
    });
    await put.body?.cancel();
    return digest;
  }

  /** PUTs a manifest under `reference` and returns the digest the registry reports (checked against ours). */
  async manifest(repo: string, reference: string, mediaType: string, body: object): Promise<{ digest: string; size: number }> {
    const bytes = Buffer.from(JSON.stringify(body));
    const res = await this.call(repo, `${this.base}/v2/${repo}/manifests/${reference}`, {
      method: 'PUT', body: bytes, headers: { 'content-type': mediaType },
    });
    await res.body?.cancel();
    const digest = res.headers.get('docker-content-digest') ?? '';
    if (digest !== sha256(bytes)) throw new Error(`registry digest ${digest} differs from uploaded ${sha256(bytes)}`);
    return { digest, size: bytes.length };
  }

  /** One single-platform image (config + one layer). `label` makes its content unique. */
  async image(repo: string, kind: ImageKind, platform: PlatformSpec, label: string, reference?: string) {
    const layer = gzipSync(tarWithFile('hello.txt', `${label}\n`));
    const layerDigest = await this.blob(repo, layer);
    const config = Buffer.from(JSON.stringify({
      ...platform,
      config: { Env: [`IMAGE_LABEL=${label}`] },
      rootfs: { type: 'layers', diff_ids: [sha256(tarWithFile('hello.txt', `${label}\n`))] },
    }));
    const configDigest = await this.blob(repo, config);
    const oci = kind === OCI_MANIFEST;
    const manifest = {
      schemaVersion: 2,
      mediaType: kind,
      config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
      layers: [{ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
    };
    const put = await this.manifest(repo, reference ?? sha256(Buffer.from(JSON.stringify(manifest))), kind, manifest);
    return { ...put, mediaType: kind, platform };
  }

  /** A multi-platform index (OCI) or manifest list (Docker) over freshly pushed children. */
  async multi(repo: string, kind: typeof OCI_INDEX | typeof DOCKER_LIST, platforms: PlatformSpec[], label: string, reference: string, withAttestation = false) {
    const child = kind === OCI_INDEX ? OCI_MANIFEST : DOCKER_MANIFEST;
    const entries: object[] = [];
    for (const p of platforms) {
      const img = await this.image(repo, child, p, `${label}/${p.os}/${p.architecture}${p.variant ?? ''}`);
      entries.push({ mediaType: child, size: img.size, digest: img.digest, platform: p });
    }
    if (withAttestation) {
      // What BuildKit adds next to real platforms; clients must not list it as a platform.
      const att = await this.image(repo, OCI_MANIFEST, { os: 'unknown', architecture: 'unknown' }, `${label}/attestation`);
      entries.push({ mediaType: OCI_MANIFEST, size: att.size, digest: att.digest, platform: { os: 'unknown', architecture: 'unknown' } });
    }
    return this.manifest(repo, reference, kind, { schemaVersion: 2, mediaType: kind, manifests: entries });
  }

  /** Points more tags at an existing manifest by re-putting identical bytes. */
  async retag(repo: string, fromTag: string, tags: string[]): Promise<void> {
    const res = await this.call(repo, `${this.base}/v2/${repo}/manifests/${fromTag}`, {
      method: 'GET', headers: { accept: [OCI_INDEX, DOCKER_LIST, DOCKER_MANIFEST, OCI_MANIFEST].join(', ') },
    });
    const type = (res.headers.get('content-type') ?? '').split(';')[0];
    const bytes = Buffer.from(await res.arrayBuffer());
    for (const tag of tags) {
      const put = await this.call(repo, `${this.base}/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: bytes, headers: { 'content-type': type } });
      await put.body?.cancel();
    }
  }
}

export function sha256(bytes: Buffer): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}

/** A one-file ustar archive: 512-byte header, the data padded to 512, two zero blocks. */
export function tarWithFile(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148); // checksum is computed with this field as spaces
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}
