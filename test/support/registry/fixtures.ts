import { DOCKER_LIST, DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST, Seeder } from './seed';

/** Digest of every seeded `repo:tag`, as the registry reported it on upload. */
export type Seeded = Map<string, string>;

const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const ARMV7 = { os: 'linux', architecture: 'arm', variant: 'v7' };

/**
 * The standard test content, one repository per manifest kind:
 * - library/node: OCI indexes (20.x, with an attestation entry) and Docker manifest
 *   lists (alpine variant, 18.x); moving tags 20, 20.11, latest, 20-alpine, 18 share
 *   the manifest of their most specific version.
 * - library/alpine: plain Docker v2 manifests.
 * - team/app: plain OCI manifests (arm/v7), versions 1.9.0 and 1.10.0.
 */
export async function seedStandard(seeder: Seeder): Promise<Seeded> {
  const seeded: Seeded = new Map();
  const record = async (repo: string, tag: string, digest: string, aliases: string[] = []) => {
    seeded.set(`${repo}:${tag}`, digest);
    await seeder.retag(repo, tag, aliases);
    for (const a of aliases) seeded.set(`${repo}:${a}`, digest);
  };

  const node = 'library/node';
  await record(node, '20.11.1', (await seeder.multi(node, OCI_INDEX, [AMD64, ARM64], 'node-20.11.1', '20.11.1', true)).digest,
    ['20.11', '20', 'latest']);
  await record(node, '20.11.0', (await seeder.multi(node, OCI_INDEX, [AMD64, ARM64], 'node-20.11.0', '20.11.0')).digest);
  await record(node, '20.9.0', (await seeder.multi(node, OCI_INDEX, [AMD64], 'node-20.9.0', '20.9.0')).digest, ['20.9']);
  await record(node, '20.11.1-alpine', (await seeder.multi(node, DOCKER_LIST, [AMD64, ARMV7], 'node-20.11.1-alpine', '20.11.1-alpine')).digest,
    ['20.11-alpine', '20-alpine', 'alpine']);
  await record(node, '18.19.0', (await seeder.multi(node, DOCKER_LIST, [AMD64, ARM64], 'node-18.19.0', '18.19.0')).digest, ['18.19', '18']);

  const alpine = 'library/alpine';
  await record(alpine, '3.19.1', (await seeder.image(alpine, DOCKER_MANIFEST, AMD64, 'alpine-3.19.1', '3.19.1')).digest, ['3.19', '3', 'latest']);
  await record(alpine, '3.18.6', (await seeder.image(alpine, DOCKER_MANIFEST, AMD64, 'alpine-3.18.6', '3.18.6')).digest, ['3.18']);

  const app = 'team/app';
  await record(app, '1.9.0', (await seeder.image(app, OCI_MANIFEST, ARMV7, 'app-1.9.0', '1.9.0')).digest, ['1.9']);
  await record(app, '1.10.0', (await seeder.image(app, OCI_MANIFEST, ARMV7, 'app-1.10.0', '1.10.0')).digest, ['1.10', '1', 'latest']);
  return seeded;
}
