/**
 * What widely used base images set in their config (user, entrypoint, cmd, working directory,
 * a few environment variables) and about how much they download, for when the registry cannot
 * be asked (offline, look-ups off, untrusted workspace, a failed request).
 *
 * Written from the images' published Dockerfiles as remembered on the date below, not fetched:
 * a field we were not sure of is left out (unknown), never guessed. `null` means "known: the
 * image sets none". Sizes are rough, compressed, for linux/amd64, in MB (10^6 bytes): they vary
 * with every rebuild and version, so every finding built on them says "about … as of DATE".
 * `env` lists names the image is known to set (not all of them): absence proves nothing.
 */
import type { ImageRef } from '../registry/ref';
import { parseVersionTag } from '../registry/versions';

export const BASE_IMAGES_DATE = '2026-11-01';

export interface TableImageFacts {
  /** `Config.User`; '' = none set, so root. */
  user?: string;
  /** A non-root user the image creates but does not switch to (`USER node` makes use of it). */
  providedUser?: { name: string; uid?: number };
  /** The entrypoint starts as root and switches to this user itself (gosu/su-exec or the server's own setting). */
  dropsTo?: string;
  entrypoint?: string[] | null;
  cmd?: string[] | null;
  /** '' = none set (the container starts in `/`). */
  workdir?: string;
  /** Names the image sets, with the value when it is stable across versions (null otherwise). */
  env?: Record<string, string | null>;
  exposedPorts?: string[];
  volumes?: string[];
  /** About this many MB to download for linux/amd64 (compressed layers). */
  approxMB?: number;
}

const PATH = { PATH: null };
const ROOT = '';

const node: TableImageFacts = {
  user: ROOT, providedUser: { name: 'node', uid: 1000 },
  entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], workdir: '', env: { ...PATH, NODE_VERSION: null },
};
const python: TableImageFacts = { user: ROOT, entrypoint: null, cmd: ['python3'], workdir: '', env: { ...PATH, PYTHON_VERSION: null } };
const golang: TableImageFacts = {
  user: ROOT, entrypoint: null, workdir: '/go',
  env: { ...PATH, GOLANG_VERSION: null, GOPATH: '/go', GOTOOLCHAIN: 'local' },
};
const nginx: TableImageFacts = {
  user: ROOT, dropsTo: 'nginx', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], workdir: '',
  env: { ...PATH, NGINX_VERSION: null }, exposedPorts: ['80/tcp'],
};
const ruby: TableImageFacts = {
  user: ROOT, entrypoint: null, cmd: ['irb'],
  env: { ...PATH, RUBY_VERSION: null, GEM_HOME: '/usr/local/bundle', BUNDLE_SILENCE_ROOT_WARNING: '1', BUNDLE_APP_CONFIG: '/usr/local/bundle' },
};
const php: TableImageFacts = {
  user: ROOT, providedUser: { name: 'www-data' }, entrypoint: ['docker-php-entrypoint'], cmd: ['php', '-a'],
  env: { ...PATH, PHP_VERSION: null, PHP_INI_DIR: '/usr/local/etc/php', PHPIZE_DEPS: null },
};
const temurin: TableImageFacts = {
  user: ROOT, entrypoint: ['/__cacert_entrypoint.sh'], env: { ...PATH, JAVA_HOME: '/opt/java/openjdk', JAVA_VERSION: null },
};
const dotnetRuntime: TableImageFacts = {
  // .NET 8+: the `app` user exists (APP_UID) but the default user is still root.
  user: ROOT, providedUser: { name: 'app', uid: 1654 },
  env: { ...PATH, APP_UID: '1654', DOTNET_RUNNING_IN_CONTAINER: 'true', DOTNET_VERSION: null },
};

/** Keyed by family (`node`) and family:variant (`node:slim`); see tableKeyOf. */
const TABLE: Record<string, TableImageFacts> = {
  'alpine': { user: ROOT, entrypoint: null, cmd: ['/bin/sh'], workdir: '', env: PATH, approxMB: 3.6 },
  'busybox': { user: ROOT, entrypoint: null, cmd: ['sh'], workdir: '', env: PATH, approxMB: 2 },
  'debian': { user: ROOT, entrypoint: null, cmd: ['bash'], workdir: '', env: PATH, approxMB: 49 },
  'debian:slim': { user: ROOT, entrypoint: null, cmd: ['bash'], workdir: '', env: PATH, approxMB: 29 },
  'ubuntu': { user: ROOT, entrypoint: null, cmd: ['/bin/bash'], workdir: '', env: PATH, approxMB: 30 },
  'node': { ...node, approxMB: 390 },
  'node:slim': { ...node, approxMB: 75 },
  'node:alpine': { ...node, approxMB: 55 },
  'python': { ...python, approxMB: 380 },
  'python:slim': { ...python, approxMB: 45 },
  'python:alpine': { ...python, approxMB: 18 },
  'golang': { ...golang, approxMB: 290 },
  'golang:alpine': { ...golang, approxMB: 75 },
  'nginx': { ...nginx, approxMB: 70 },
  'nginx:alpine': { ...nginx, approxMB: 20 },
  'ruby': ruby,
  'ruby:slim': ruby,
  'ruby:alpine': ruby,
  'php': php,
  'php:alpine': php,
  'php:fpm': { ...php, cmd: ['php-fpm'], workdir: '/var/www/html', exposedPorts: ['9000/tcp'] },
  'php:apache': { ...php, cmd: ['apache2-foreground'], workdir: '/var/www/html', exposedPorts: ['80/tcp'] },
  'httpd': { user: ROOT, entrypoint: null, cmd: ['httpd-foreground'], workdir: '/usr/local/apache2', env: { ...PATH, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: null }, exposedPorts: ['80/tcp'] },
  'postgres': {
    user: ROOT, dropsTo: 'postgres', entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'],
    env: { ...PATH, PG_MAJOR: null, PG_VERSION: null, PGDATA: null }, exposedPorts: ['5432/tcp'], approxMB: 150,
  },
  'redis': {
    user: ROOT, dropsTo: 'redis', entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], workdir: '/data',
    env: PATH, exposedPorts: ['6379/tcp'], volumes: ['/data'], approxMB: 45,
  },
  'mysql': {
    user: ROOT, dropsTo: 'mysql', entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'],
    env: { ...PATH, MYSQL_MAJOR: null, MYSQL_VERSION: null }, exposedPorts: ['3306/tcp', '33060/tcp'], volumes: ['/var/lib/mysql'],
  },
  'mongo': {
    user: ROOT, dropsTo: 'mongodb', entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'],
    env: PATH, exposedPorts: ['27017/tcp'], volumes: ['/data/configdb', '/data/db'],
  },
  'rust': { user: ROOT, entrypoint: null, env: { ...PATH, RUSTUP_HOME: '/usr/local/rustup', CARGO_HOME: '/usr/local/cargo', RUST_VERSION: null } },
  'eclipse-temurin': { ...temurin, cmd: ['jshell'] },
  'eclipse-temurin:jre': temurin,
  'maven': { user: ROOT, entrypoint: ['/usr/local/bin/mvn-entrypoint.sh'], cmd: ['mvn'], env: { ...PATH, MAVEN_HOME: '/usr/share/maven', MAVEN_CONFIG: '/root/.m2', JAVA_HOME: null } },
  'gradle': { cmd: ['gradle'], workdir: '/home/gradle', env: { ...PATH, GRADLE_HOME: '/opt/gradle', GRADLE_VERSION: null, JAVA_HOME: null } },
  'caddy': {
    user: ROOT, entrypoint: null, cmd: ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'], workdir: '/srv',
    env: { ...PATH, CADDY_VERSION: null, XDG_CONFIG_HOME: '/config', XDG_DATA_HOME: '/data' },
    exposedPorts: ['80/tcp', '443/tcp', '443/udp', '2019/tcp'],
  },
  'traefik': { user: ROOT, entrypoint: ['/entrypoint.sh'], cmd: ['traefik'], exposedPorts: ['80/tcp'] },
  'dotnet/runtime': dotnetRuntime,
  'dotnet/aspnet': { ...dotnetRuntime, env: { ...dotnetRuntime.env, ASPNETCORE_HTTP_PORTS: '8080', ASPNET_VERSION: null } },
  'distroless/static': { user: '0', env: PATH },
  'distroless/static:nonroot': { user: '65532', workdir: '/home/nonroot', env: PATH },
  'distroless/base': { user: '0', env: PATH },
  'distroless/base:nonroot': { user: '65532', workdir: '/home/nonroot', env: PATH },
};

const DOCKER_HUB_FAMILIES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'node', 'python', 'golang', 'nginx', 'ruby', 'php', 'httpd', 'postgres',
  'redis', 'mysql', 'mongo', 'rust', 'eclipse-temurin', 'maven', 'gradle', 'caddy', 'traefik',
]);

// Ubuntu creates the `ubuntu` user (uid 1000) from 23.04 on.
const UBUNTU_WITH_USER = /^(2[3-9]|[3-9]\d)\.\d\d|^(noble|oracular|plucky|questing|resolute|latest|rolling|devel)$/;

/** The table key for an image reference, or null when the table does not describe it. */
export function tableKeyOf(ref: ImageRef): string | null {
  const tag = (ref.tag ?? 'latest').toLowerCase();
  // Windows containers are a different image altogether.
  if (/windows|nanoserver|ltsc/.test(tag)) return null;
  if (ref.registry === 'docker.io' && ref.repository.startsWith('library/')) {
    const family = ref.repository.slice('library/'.length);
    if (!DOCKER_HUB_FAMILIES.has(family)) return null;
    // The build-tool images name their JDK in the tag; only the plain Temurin ones are described.
    if ((family === 'maven' || family === 'gradle') && !/temurin|^latest$|^\d[\d.]*$|^jdk\d+$/.test(tag)) return null;
    if (family === 'php') {
      const flavour = /(fpm|apache)/.exec(tag)?.[1];
      if (flavour) return `php:${flavour}`;
    }
    if (family === 'eclipse-temurin') return tag.includes('jre') ? 'eclipse-temurin:jre' : tag.includes('alpine') ? null : family;
    const variant = tag.includes('alpine') ? 'alpine' : tag.includes('slim') ? 'slim' : '';
    const key = variant ? `${family}:${variant}` : family;
    return key in TABLE ? key : variant === 'slim' || variant === 'alpine' ? null : family;
  }
  if (ref.registry === 'mcr.microsoft.com' && /^dotnet\/(aspnet|runtime)$/.test(ref.repository)) {
    // APP_UID and the `app` user came with .NET 8; chiseled images switch users themselves.
    const major = parseVersionTag(tag)?.numbers[0];
    return major !== undefined && major >= 8 && !/chiseled|distroless|composite/.test(tag) ? ref.repository : null;
  }
  if (ref.registry === 'gcr.io') {
    const m = /^distroless\/(static|base)(?:-debian\d+)?$/.exec(ref.repository);
    if (m) return `distroless/${m[1]}${tag.includes('nonroot') ? ':nonroot' : ''}`;
  }
  return null;
}

/** The table's facts for an image reference; null when it does not describe the image. */
export function tableFactsOf(ref: ImageRef): TableImageFacts | null {
  const key = tableKeyOf(ref);
  if (!key) return null;
  const facts = TABLE[key];
  if (key === 'ubuntu' && UBUNTU_WITH_USER.test((ref.tag ?? 'latest').toLowerCase())) {
    return { ...facts, providedUser: { name: 'ubuntu', uid: 1000 } };
  }
  return facts;
}

/** Every key of the table, for tests and the documentation. */
export const TABLE_KEYS: readonly string[] = Object.keys(TABLE);
