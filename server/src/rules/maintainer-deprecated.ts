import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { wholeLines } from './support/ranges';
import { argumentText } from './support/args';
import { keywordCase } from './support/keyword-case';

const AUTHORS = 'org.opencontainers.image.authors';

/**
 * MAINTAINER is deprecated: it fills the image's legacy `Author` field, which
 * tools no longer show. The OCI label `org.opencontainers.image.authors` is the
 * replacement. The value is copied literally (MAINTAINER expands no
 * variables), so `"`, `$` and the escape character are escaped in the label.
 */
export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  aliases: ['DL4000', 'MaintainerDeprecated'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors="…"`.',
    ru: 'MAINTAINER устарела: используйте `LABEL org.opencontainers.image.authors="…"`.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      findings.push({
        range: ins.keywordRange,
        message: {
          en: `MAINTAINER is deprecated: it only sets the legacy \`Author\` field of the image. Use the label \`${AUTHORS}\` instead; \`docker inspect\` and registries show labels.`,
          ru: `MAINTAINER устарела: она заполняет лишь устаревшее поле \`Author\` образа. Используйте метку \`${AUTHORS}\`; метки показывают \`docker inspect\` и реестры.`,
        },
        fixes: labelFix(model, ins),
      });
    }
    return findings;
  },
};

function labelFix(model: DockerfileModel, ins: InstructionInfo): Fix[] {
  const script = argumentText(model, ins);
  const value = script ? script.text.trim() : '';
  if (value === '') return [];
  const range = { start: ins.keywordRange.start, end: ins.range.end };
  const stage = model.stages[ins.stage];
  const hasLabel = stage?.instructions.some((i) => i.keyword === 'LABEL' && i.args.includes(AUTHORS));
  if (hasLabel) {
    return [{
      title: { en: `Remove MAINTAINER (the stage already sets ${AUTHORS})`, ru: `Удалить MAINTAINER (этап уже задаёт ${AUTHORS})` },
      edits: [{ range: wholeLines(model, ins), newText: '' }],
      safe: false,
    }];
  }
  const esc = model.escapeChar;
  const quoted = '"' + [...value].map((c) => (c === '"' || c === '$' || c === esc ? esc + c : c)).join('') + '"';
  const label = `${keywordCase(model, 'LABEL')} ${AUTHORS}=${quoted}`;
  return [{
    title: { en: `Replace with ${label}`, ru: `Заменить на ${label}` },
    edits: [{ range, newText: label }],
    safe: true,
  }];
}
