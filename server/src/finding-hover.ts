import type { Finding, Lang, Position } from './core/types';
import { rangeContains } from './core/text';
import { OTHER_TOOL_CODES } from './data/other-tools';
import { isSectionId } from '../../common/lecture/sections';
import { adviceSourceLine } from '../../common/lecture/source';

/**
 * Hover lines for the findings under the cursor: where the advice comes from
 * (a lecture section, or beyond the lecture with the nearest section), and the
 * same problem's codes in the tools a student meets in CI output.
 */
export function findingHoverLines(findings: readonly Finding[], pos: Position, lang: Lang): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.rule) || !rangeContains(f.range, pos)) continue;
    seen.add(f.rule);
    const codes = otherToolCodes(f);
    const source = adviceSource(f, lang);
    // Rule ids and tool codes are our own words, never Dockerfile text: nothing to escape.
    lines.push(`\`${f.rule}\` · ${source}${codes.length ? ` · ${lang === 'ru' ? 'в других инструментах' : 'in other tools'}: ${codes.join('; ')}` : ''}`);
  }
  return lines;
}

/** The source line of common/lecture/source.ts for a finding (its section id is one of ours). */
function adviceSource(f: Pick<Finding, 'lecture' | 'beyondLecture'>, lang: Lang): string {
  return isSectionId(f.lecture) ? adviceSourceLine({ lecture: f.lecture, beyondLecture: f.beyondLecture }, lang) : f.lecture;
}

/** `hadolint DL3006, DL3007`, `BuildKit JSONArgsRecommended`, `ShellCheck SC2086`, `Trivy DS001`, `Checkov CKV_DOCKER_7`. */
export function otherToolCodes(f: Pick<Finding, 'rule' | 'aliases'>): string[] {
  const byTool = new Map<string, string[]>();
  const add = (tool: string, code: string) => byTool.set(tool, [...(byTool.get(tool) ?? []), code]);
  for (const alias of f.aliases) {
    if (/^DL\d{4}$/.test(alias)) add('hadolint', alias);
    else if (/^SC\d{4}$/.test(alias)) add('ShellCheck', alias);
    else add('BuildKit', alias);
  }
  const more = OTHER_TOOL_CODES[f.rule];
  for (const id of more?.trivy ?? []) add('Trivy', id);
  for (const id of more?.checkov ?? []) add('Checkov', id);
  return [...byTool].map(([tool, codes]) => `${tool} ${codes.join(', ')}`);
}
