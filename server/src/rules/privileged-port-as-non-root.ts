import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { exposedPorts } from './support/ports';
import { effectiveUser } from './support/effective-user';
import { ancestry } from '../model/lineage';

/**
 * The final image runs as a non-root USER (set in this file) and EXPOSEs a
 * port below 1024. Binding such a port needs CAP_NET_BIND_SERVICE unless the
 * runtime lowers `net.ipv4.ip_unprivileged_port_start` in the container's
 * network namespace (Docker Engine 20.10+ does; host networking, older
 * runtimes and some Kubernetes nodes do not). Informational; skipped when a
 * RUN grants the capability with `setcap`.
 */
export const privilegedPortAsNonRoot: Rule = {
  id: 'privileged-port-as-non-root',
  aliases: [],
  severity: 'info',
  lecture: 'networks',
  beyondLecture: true,
  description: {
    en: 'A non-root final image EXPOSEs a port below 1024, which an unprivileged process may not be allowed to bind.',
    ru: 'Итоговый образ работает не от root и объявляет порт ниже 1024, который непривилегированный процесс может не суметь занять.',
  },
  check(model) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return [];
    const chain = ancestry(model, final).reverse();
    const instructions = chain.flatMap((s) => s.instructions);
    const effective = effectiveUser(model, final);
    if (effective.kind !== 'user') return [];
    const user = { name: effective.name, line: effective.instruction.range.start.line };
    // `setcap cap_net_bind_service=+ep <binary>` already lets that program bind low ports.
    if (instructions.some((i) => i.keyword === 'RUN' && /setcap\b[^\n]*cap_net_bind_service/i.test(model.lines.slice(i.range)))) return [];
    const findings: RawFinding[] = [];
    for (const stage of chain) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'EXPOSE') continue;
        for (const p of exposedPorts(model, ins)) {
          if (p.start === null || p.start === 0 || p.start >= 1024 || p.ip !== '' || p.host !== '') continue;
          findings.push({
            range: p.range,
            message: {
              en: `Port ${p.start} is below 1024, and the container runs as \`${user.name}\` (USER on line ${user.line + 1}), not root. Binding it needs the CAP_NET_BIND_SERVICE capability unless the runtime lowers \`net.ipv4.ip_unprivileged_port_start\` (Docker Engine 20.10+ does in the container's own network; \`--network host\`, older runtimes and some Kubernetes nodes do not). Prefer a port ≥ 1024 (e.g. 8080) and publish it as \`-p 80:8080\`.`,
              ru: `Порт ${p.start} меньше 1024, а контейнер работает от \`${user.name}\` (USER в строке ${user.line + 1}), а не от root. Чтобы занять такой порт, нужна capability CAP_NET_BIND_SERVICE, если среда выполнения не понижает \`net.ipv4.ip_unprivileged_port_start\` (Docker Engine 20.10+ понижает в собственной сети контейнера; \`--network host\`, старые среды и некоторые узлы Kubernetes — нет). Лучше слушать порт ≥ 1024 (например, 8080) и публиковать его как \`-p 80:8080\`.`,
            },
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};
