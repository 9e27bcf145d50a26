import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, sha256, tarWithFile, type PlatformSpec, type Seeder } from './seed';

/** An image whose config the test writes itself: what `docker build` would have recorded. */
export interface ConfigImageSpec {
  platform: PlatformSpec;
  /** The config blob's `config` part: User, Env, Entrypoint, Cmd, WorkingDir, ExposedPorts… */
  config: Record<string, unknown>;
  created?: string;
  history?: { created_by: string; empty_layer?: boolean; created?: string }[];
  /** Bytes of content per layer; random, so gzip cannot shrink them and sizes are predictable. */
  layerBytes: number[];
  /** Extra top-level config fields (to make a blob huge, for instance). */
  extra?: Record<string, unknown>;
}

export interface PushedImage {
  digest: string;
  size: number;
  /** Compressed sizes of the layers, as the manifest declares them. */
  layerSizes: number[];
  configDigest: string;
}

/** Pushes layers, the config blob and a single-platform manifest; tags it when `reference` is given. */
export async function pushConfigImage(seeder: Seeder, repo: string, spec: ConfigImageSpec, reference?: string, kind = OCI_MANIFEST): Promise<PushedImage> {
  const oci = kind === OCI_MANIFEST;
  const layers: { mediaType: string; size: number; digest: string }[] = [];
  const diffIds: string[] = [];
  for (const [i, n] of spec.layerBytes.entries()) {
    const tar = tarWithFile(`file${i}.bin`, randomBytes(n).toString('latin1'));
    const gz = gzipSync(tar);
    layers.push({ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: gz.length, digest: await seeder.blob(repo, gz) });
    diffIds.push(sha256(tar));
  }
  const config = Buffer.from(JSON.stringify({
    ...spec.platform,
    ...(spec.created ? { created: spec.created } : {}),
    config: spec.config,
    rootfs: { type: 'layers', diff_ids: diffIds },
    ...(spec.history ? { history: spec.history } : {}),
    ...(spec.extra ?? {}),
  }));
  const configDigest = await seeder.blob(repo, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: kind,
    config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
    layers,
  };
  const put = await seeder.manifest(repo, reference ?? sha256(Buffer.from(JSON.stringify(manifest))), kind, manifest);
  return { ...put, layerSizes: layers.map((l) => l.size), configDigest };
}

/** An OCI index over one config image per platform, tagged `reference`. */
export async function pushConfigIndex(seeder: Seeder, repo: string, reference: string, specs: ConfigImageSpec[]): Promise<{ digest: string; children: PushedImage[] }> {
  const children: PushedImage[] = [];
  for (const spec of specs) children.push(await pushConfigImage(seeder, repo, spec));
  const manifests = children.map((c, i) => ({ mediaType: OCI_MANIFEST, size: c.size, digest: c.digest, platform: specs[i].platform }));
  const put = await seeder.manifest(repo, reference, OCI_INDEX, { schemaVersion: 2, mediaType: OCI_INDEX, manifests });
  return { digest: put.digest, children };
}

export { DOCKER_MANIFEST };
