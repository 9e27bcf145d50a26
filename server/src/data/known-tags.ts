/**
 * Version tags of widely used official images, for pinning when the registry
 * cannot be asked (offline, look-ups off). Read from the docker-library,
 * nginxinc and nodejs Dockerfiles current on the date below. A table goes
 * stale: every fix that uses it says so and names the date.
 */
export const KNOWN_TAGS_DATE = '2026-11-01';

export const KNOWN_TAGS: Record<string, string> = {
  alpine: '3.23',
  debian: 'trixie',
  ubuntu: '24.04',
  node: '24.19.0',
  python: '3.14.6',
  golang: '1.26.7',
  rust: '1.94.1',
  ruby: '3.4.9',
  php: '8.4.24',
  postgres: '18.3',
  httpd: '2.4.68',
  nginx: '1.27.4',
  mongo: '8.0.26',
  tomcat: '11.0.25',
  mysql: '8.4',
  docker: '29.7.2',
};

/** `node`, `library/node`, `docker.io/library/node` → 'node'; other registries → null. */
export function officialName(image: string): string | null {
  const name = image.toLowerCase().replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  return name.includes('/') ? null : name;
}
