import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { exposedPorts } from './support/ports';

/**
 * `EXPOSE 2375`: the Docker daemon's REST API in plain text, with no
 * authentication. The lecture's client-server model is the reason it matters:
 * whoever reaches the API controls the daemon, and through it the host as root.
 * An image that serves it (docker-in-docker without TLS) hands that control to
 * anyone who can reach the port once it is published. 2376 is the TLS port and
 * is left alone; an image that exposes both (docker:dind serves TLS on 2376 by
 * default and plain text only when TLS is turned off) gets a hint.
 */
export const dockerApiExposed: Rule = {
  id: 'docker-api-exposed',
  aliases: [],
  severity: 'warning',
  lecture: 'architecture',
  description: {
    en: 'EXPOSE 2375: the Docker daemon\'s REST API in plain text, without authentication; use TLS on 2376.',
    ru: 'EXPOSE 2375: REST API демона Docker открытым текстом, без аутентификации; используйте TLS на порту 2376.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      const ports = stage.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => exposedPorts(model, i));
      const covers = (p: (typeof ports)[number], port: number) => p.start !== null && p.end !== null && p.start <= port && p.end >= port;
      const tls = ports.some((p) => covers(p, 2376));
      for (const p of ports) {
        if (!covers(p, 2375) || (p.proto !== '' && p.proto.toLowerCase() !== 'tcp')) continue;
        findings.push({
          ...(tls ? { severity: 'hint' as const } : {}),
          range: p.range,
          message: {
            en: 'Port 2375 is the Docker daemon\'s REST API in plain text, with no authentication. The lecture: "The **Docker client** talks to the daemon through a REST API, so containers can be managed both locally and remotely." Whoever reaches this port controls the daemon and, through it, the host as root: serve the API with TLS on 2376 (`DOCKER_TLS_CERTDIR` in `docker:dind`), or keep it on a socket.',
            ru: 'Порт 2375 — это REST API демона Docker открытым текстом и без аутентификации. Лекция: «**Docker client** взаимодействует с демоном через REST API, что позволяет управлять контейнерами как локально, так и удаленно.» Кто достучится до этого порта, тот управляет демоном, а через него — хостом с правами root: отдавайте API по TLS на порту 2376 (`DOCKER_TLS_CERTDIR` в `docker:dind`) или оставьте его на сокете.',
          },
          fixes: [],
        });
      }
    }
    return findings;
  },
};
