import type { RawFinding } from '../core/types';
import { parseImageRef } from '../registry/ref';
import type { Rule } from './rule';

/**
 * Base images only from the registries a team trusts (`trustedRegistries`
 * in `.hadolint.yaml`). Silent when no list is configured.
 */
export const trustedRegistry: Rule = {
  id: 'trusted-registry',
  aliases: ['DL3026'],
  severity: 'error',
  lecture: 'components',
  description: {
    en: 'FROM uses an image from a registry outside the configured trustedRegistries.',
    ru: 'FROM использует образ из реестра, которого нет в списке trustedRegistries.',
  },
  check(model, context) {
    const trusted = context.trustedRegistries.map((r) => r.toLowerCase());
    if (trusted.length === 0) return [];
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      const { base } = stage;
      if (base.scratch || base.fromStage >= 0 || base.resolved === null) continue;
      const ref = parseImageRef(base.resolved);
      if (!ref) continue;
      const registry = ref.registry.toLowerCase();
      const aliases = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'] : [registry];
      if (aliases.some((r) => trusted.includes(r))) continue;
      findings.push({
        range: base.range,
        message: {
          en: `The image comes from ${registry}, which is not in trustedRegistries (${trusted.join(', ')}). The lecture's components table: a Docker registry stores images, public or private.`,
          ru: `Образ берётся из ${registry}, которого нет в trustedRegistries (${trusted.join(', ')}). Таблица компонентов лекции: Docker registry хранит образы, публичные или приватные.`,
        },
        fixes: [],
      });
    }
    return findings;
  },
};
