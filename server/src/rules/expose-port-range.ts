import type { Fix, RawFinding, Severity } from '../core/types';
import type { Rule } from './rule';
import { exposedPorts, parseRange, type PortWord } from './support/ports';

/**
 * EXPOSE `port[-port][/proto]`: ports 0–65535, a range that does not run
 * backwards, protocol tcp, udp or sctp (lower case). An `ip:host:container`
 * mapping is a `docker run -p` form: the builder keeps only the container
 * port, so the fix writes just that (the image does not change). Words with
 * variables are skipped.
 */
export const exposePortRange: Rule = {
  id: 'expose-port-range',
  aliases: ['DL3011', 'ExposeInvalidFormat', 'ExposeProtoCasing'],
  severity: 'error',
  lecture: 'networks',
  beyondLecture: true,
  description: {
    en: 'EXPOSE with an invalid port, range or protocol, a host mapping, or an upper-case protocol.',
    ru: 'EXPOSE с недопустимым портом, диапазоном или протоколом, пробросом с хоста или протоколом в верхнем регистре.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const p of exposedPorts(model, ins)) {
        const problem = problemOf(p);
        if (problem) findings.push(finding(p, problem));
      }
    }
    return findings;
  },
};


type Problem =
  | { kind: 'port'; severity: Severity }
  | { kind: 'proto'; severity: Severity }
  | { kind: 'mapping'; severity: Severity; valid: boolean }
  | { kind: 'casing'; severity: Severity };

function problemOf(p: PortWord): Problem | null {
  if (p.start === null) return { kind: 'port', severity: 'error' };
  if (p.proto !== '' && !['tcp', 'udp', 'sctp'].includes(p.proto.toLowerCase())) return { kind: 'proto', severity: 'error' };
  if (p.ip !== '' || p.host !== '') {
    const host = p.host === '' ? [0, 0] : parseRange(p.host);
    const sameWidth = host !== null && (p.host === '' || host[1] - host[0] === p.end! - p.start || p.end === p.start);
    return { kind: 'mapping', severity: sameWidth ? 'warning' : 'error', valid: sameWidth };
  }
  // The builder lower-cases the protocol itself: pure style, so a hint (lightbulb and fix, no squiggle).
  if (p.proto !== p.proto.toLowerCase()) return { kind: 'casing', severity: 'hint' };
  return null;
}

function finding(p: PortWord, problem: Problem): RawFinding {
  const fixes: Fix[] = [];
  let message: { en: string; ru: string };
  const lowerProto = p.proto.toLowerCase();
  const canonical = p.container + (p.proto ? `/${lowerProto}` : '');
  switch (problem.kind) {
    case 'port':
      message = {
        en: `\`${p.raw}\` is not a valid port or port range: ports are 0–65535 and a range is \`low-high\` with low ≤ high. The builder stops with an error.`,
        ru: `\`${p.raw}\` — недопустимый порт или диапазон портов: порты — от 0 до 65535, диапазон записывается как \`меньший-больший\`. Сборщик завершится с ошибкой.`,
      };
      break;
    case 'proto':
      message = {
        en: `\`${p.raw}\`: unknown protocol \`${p.proto}\`; EXPOSE accepts tcp (the default), udp and sctp. The builder stops with an error.`,
        ru: `\`${p.raw}\`: неизвестный протокол \`${p.proto}\`; EXPOSE принимает tcp (по умолчанию), udp и sctp. Сборщик завершится с ошибкой.`,
      };
      break;
    case 'mapping':
      message = {
        en: `\`${p.raw}\` is a \`docker run -p host:container\` mapping, not an EXPOSE port: the image cannot choose host ports or addresses. The builder keeps only the container port \`${canonical}\`${problem.valid ? '' : ', and here the host and container ranges do not match, so it stops with an error'}. EXPOSE only documents the port. The lecture: "ports are forwarded by iptables rules" — those rules come from \`docker run -p\`, not from EXPOSE.`,
        ru: `\`${p.raw}\` — это проброс \`docker run -p хост:контейнер\`, а не порт для EXPOSE: образ не может выбирать порты или адреса хоста. Сборщик оставит только порт контейнера \`${canonical}\`${problem.valid ? '' : ', а здесь диапазоны хоста и контейнера не совпадают, и он завершится с ошибкой'}. EXPOSE лишь документирует порт. Лекция: «проброс портов осуществляется через правила iptables» — эти правила создаёт \`docker run -p\`, а не EXPOSE.`,
      };
      if (problem.valid) {
        fixes.push({
          title: { en: `Expose just the container port ${canonical} (what the builder keeps anyway)`, ru: `Оставить только порт контейнера ${canonical} (сборщик всё равно берёт только его)` },
          edits: [{ range: p.range, newText: canonical }],
          safe: true,
        });
      }
      break;
    case 'casing':
      message = {
        en: `\`${p.raw}\`: write the protocol in lower case (\`${canonical}\`); the builder lower-cases it anyway.`,
        ru: `\`${p.raw}\`: пишите протокол в нижнем регистре (\`${canonical}\`); сборщик всё равно приводит его к нижнему.`,
      };
      fixes.push({
        title: { en: `Write ${canonical}`, ru: `Написать ${canonical}` },
        edits: [{ range: p.range, newText: canonical }],
        safe: true,
      });
      break;
  }
  return { severity: problem.severity, range: p.range, message, fixes };
}
