import { rootStage } from '../../model/lineage';
import type { DockerfileModel, Stage } from '../../model/types';

/**
 * What we know about well-known base images without asking a registry: who
 * they run as, which users they ship, what they are for. Rules use it to
 * tell an image a USER or a smaller variant would help from one where the
 * publisher already chose (or the process must start as root).
 */

/** A base reference split into a normalised repository and tag, or null when a variable hides the repository. */
export interface ImageRef {
  /** Lower case, without `docker.io/`, `library/` or an architecture namespace (`amd64/`): `node`, `mcr.microsoft.com/dotnet/aspnet`. */
  repo: string;
  tag: string;
  /** A Docker Official Image (`node`, `library/node`, `amd64/node`). */
  official: boolean;
}

const ARCH_NAMESPACE = /^(amd64|arm32v5|arm32v6|arm32v7|arm64v8|i386|ppc64le|riscv64|s390x|mips64le|windows-amd64)\//;

/**
 * The root base image of a stage's FROM chain. A variable in the repository
 * part (`FROM $BASE_IMAGE`) makes it unknown even with a default: the
 * default is what a build script overrides.
 */
export function rootImage(model: DockerfileModel, stage: Stage): ImageRef | null {
  const base = rootStage(model, stage).base;
  if (base.scratch) return { repo: 'scratch', tag: '', official: true };
  const repoPart = base.raw.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  if (repoPart.includes('$') || !base.resolved) return null;
  return parseRef(base.resolved);
}

export function parseRef(ref: string): ImageRef {
  const noDigest = ref.toLowerCase().replace(/@.*$/, '');
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > noDigest.lastIndexOf('/');
  let repo = hasTag ? noDigest.slice(0, colon) : noDigest;
  const tag = hasTag ? noDigest.slice(colon + 1) : '';
  repo = repo.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '').replace(ARCH_NAMESPACE, '');
  return { repo, tag, official: !repo.includes('/') };
}

/** Images whose publishers set a non-root USER by default. */
export function runsAsNonRootByDefault(image: ImageRef): boolean {
  const { repo, tag } = image;
  if (/distroless/.test(repo)) return /(^|-)nonroot(-|$)/.test(tag);
  if (/^mcr\.microsoft\.com\/dotnet\//.test(repo)) return tag.includes('chiseled') || tag.includes('distroless');
  return /^(bitnami|bitnamilegacy)\//.test(repo) || repo.startsWith('cgr.dev/chainguard/') || repo === 'nginxinc/nginx-unprivileged'
    || /^(quay\.io\/)?jupyter\//.test(repo) || repo === 'jenkins/jenkins' || repo === 'sonarqube' || repo === 'grafana/grafana'
    || repo.startsWith('prom/') || repo === 'memcached' || repo === 'haproxy' || (repo === 'docker' && tag.includes('rootless'));
}

/**
 * An unprivileged account the base image already has and documents for
 * apps (`USER node`, `USER $APP_UID`): reuse it instead of creating one.
 */
export function builtinUser(image: ImageRef): string | null {
  if (image.repo === 'node') return 'node';
  if (image.repo === 'deno' || image.repo === 'denoland/deno') return 'deno';
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(runtime|aspnet|runtime-deps|sdk)$/.exec(image.repo);
  if (dotnet && /^([89]|\d\d)\./.test(image.tag)) return '$APP_UID';
  if (/distroless/.test(image.repo)) return 'nonroot';
  return null;
}

/**
 * Official service images whose process starts as root on purpose: their
 * master process binds port 80 or fixes data directory ownership, then drops
 * to an unprivileged user itself (nginx/httpd workers, gosu in postgres,
 * mysql, redis, mongo, rabbitmq entrypoints). `alternative` names an
 * unprivileged variant when one exists.
 */
export function startsAsRootService(image: ImageRef): { service: string; alternative: string | null } | null {
  const { repo, tag } = image;
  if (repo === 'nginx') return { service: 'nginx', alternative: 'nginxinc/nginx-unprivileged' };
  if (repo === 'httpd') return { service: 'httpd', alternative: null };
  if (repo === 'php' && /apache|fpm/.test(tag)) return { service: tag.includes('apache') ? 'Apache httpd' : 'php-fpm', alternative: null };
  if (['wordpress', 'drupal', 'joomla', 'nextcloud', 'mediawiki', 'matomo'].includes(repo)) return { service: repo, alternative: null };
  if (['postgres', 'postgis/postgis', 'timescale/timescaledb', 'mysql', 'mariadb', 'percona', 'mongo', 'redis', 'rabbitmq', 'cassandra', 'couchdb', 'ghost', 'docker'].includes(repo)) {
    return { service: repo, alternative: null };
  }
  return null;
}

/** Official images that run a service when nothing overrides their CMD: an empty Dockerfile on top of them is a runtime image. */
export function isServiceImage(image: ImageRef): boolean {
  return startsAsRootService(image) !== null || ['tomcat', 'traefik', 'caddy', 'haproxy', 'memcached', 'influxdb', 'telegraf', 'nats', 'mongo-express', 'adminer', 'registry', 'consul', 'vault'].includes(image.repo);
}

/** Compiler and SDK images: a final stage on them is a build environment unless the file gives it a command. */
export function isToolchainImage(image: ImageRef): boolean {
  return ['golang', 'rust', 'gcc', 'buildpack-deps', 'maven', 'gradle', 'swift', 'haskell', 'clojure', 'sbt', 'mcr.microsoft.com/dotnet/sdk', 'quay.io/pypa/manylinux', 'emscripten/emsdk'].includes(image.repo)
    || /manylinux|musllinux/.test(image.repo);
}

/** Base images of VS Code dev containers. */
export function isDevcontainerImage(image: ImageRef): boolean {
  return /^mcr\.microsoft\.com\/(vscode\/)?devcontainers\//.test(image.repo);
}

/** Windows-only images that the `windows`/`nanoserver` naming does not reveal. */
export function isWindowsOnlyImage(image: ImageRef): boolean {
  return /^mcr\.microsoft\.com\/(dotnet\/framework|windows)\//.test(image.repo) || image.repo === 'mcr.microsoft.com/powershell' && /nanoserver|windowsservercore/.test(image.tag);
}

export type Family = 'alpine' | 'debian' | 'rhel' | 'busybox' | 'none';

/** The distribution family of a known image by its name and tag; null when the name says nothing. */
export function familyOf(image: ImageRef): Family | null {
  const { repo, tag } = image;
  if (repo === 'scratch' || /distroless|chiseled|chainguard/.test(repo + ':' + tag) || /ubi\d*-(minimal|micro)/.test(repo + ':' + tag)) return 'none';
  if (repo === 'alpine' || /(^|-)alpine/.test(tag)) return 'alpine';
  if (repo === 'busybox') return 'busybox';
  if (/(^|\/)(almalinux|rockylinux|centos|fedora|amazonlinux|oraclelinux|ubi\d*|ubi\d*-init)$/.test(repo) || /(^|-)(ubi\d*|almalinux|rockylinux|centos|amazonlinux|al2023)/.test(tag)) return 'rhel';
  if (/^(debian|ubuntu|buildpack-deps|python|node|ruby|php|perl|golang|rust|openjdk|eclipse-temurin|julia|pypy|erlang|elixir|haskell|swift|r-base|nginx|httpd|postgres|mariadb|redis|mongo|tomcat|rabbitmq|cassandra|wordpress|drupal|ghost)$/.test(repo)) return 'debian';
  if (/^mcr\.microsoft\.com\/dotnet\//.test(repo)) return 'debian';
  return null;
}
