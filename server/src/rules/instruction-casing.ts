import type { RawFinding, Range } from '../core/types';
import type { DockerfileModel, InstructionInfo, Stage } from '../model/types';
import type { Rule } from './rule';
import { KNOWN_INSTRUCTIONS } from './support/args';
import { findingsPerStage } from './support/stage-cache';

/**
 * Instruction keywords should be written in one case throughout the file.
 * The majority (all-upper vs all-lower keywords) decides, as in BuildKit;
 * mixed-case keywords (`From`) are always reported. `AS` in `FROM … AS name`
 * should follow the case FROM ends up with. ONBUILD triggers count too.
 * Keywords are case-insensitive for the builder, so the fixes are safe.
 * Always right but free at build and run time (the builder reads any case):
 * by the severity policy that is `info`, not a warning.
 */
export const instructionCasing: Rule = {
  id: 'instruction-casing',
  aliases: ['ConsistentInstructionCasing', 'FromAsCasing'],
  // The severity policy: style with no cost at build or run time: a hint (hover, lightbulb and fix stay).
  severity: 'hint',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'Instruction keywords (and `AS`) are written in mixed case: keep one case throughout the file.',
    ru: 'Ключевые слова инструкций (и `AS`) написаны в разном регистре: используйте один регистр во всём файле.',
  },
  check(model) {
    let upper = 0, lower = 0;
    for (const k of keywordsOf(model, model.instructions)) {
      if (k.text === k.text.toUpperCase()) upper++;
      else if (k.text === k.text.toLowerCase()) lower++;
    }
    const majorityLower = lower > upper;
    // Each finding is about one keyword given the file's majority: kept per stage with that majority.
    const global = casingFindings(model, model.instructions.filter((ins) => ins.stage < 0), null, majorityLower);
    return global.concat(findingsPerStage('instruction-casing', model, (stage) => casingFindings(model, [stage.from, ...stage.instructions], stage, majorityLower), { context: () => String(majorityLower) }));
  },
};

interface Keyword { text: string; range: Range }

/** Findings for these instructions' keywords, and for the stage's `AS` when given. */
function casingFindings(model: DockerfileModel, instructions: readonly InstructionInfo[], stage: Stage | null, majorityLower: boolean): RawFinding[] {
  const target = (s: string): string => (majorityLower ? s.toLowerCase() : s.toUpperCase());
  const caseName = majorityLower ? { en: 'lower case', ru: 'нижнем регистре' } : { en: 'upper case', ru: 'верхнем регистре' };
  const findings: RawFinding[] = [];
  for (const k of keywordsOf(model, instructions)) {
    if (k.text === target(k.text)) continue;
    const wanted = target(k.text);
    findings.push({
      range: k.range,
      message: {
        en: `\`${k.text}\`: most instructions in this file are in ${caseName.en}, so write \`${wanted}\`. The builder accepts any case; one case keeps the file easy to scan.`,
        ru: `\`${k.text}\`: большинство инструкций в этом файле написаны в ${caseName.ru}, поэтому пишите \`${wanted}\`. Сборщику регистр безразличен, но единый регистр упрощает чтение.`,
      },
      fixes: [{ title: { en: `Write \`${wanted}\``, ru: `Написать \`${wanted}\`` }, edits: [{ range: k.range, newText: wanted }], safe: true }],
    });
  }
  const as = stage ? asKeyword(model, stage.from, stage.nameRange) : null;
  if (stage && as) {
    const from = stage.from.keywordText;
    // The case FROM has once it follows the file's majority.
    const fromFinal = from === target(from) ? from : target(from);
    const wanted = fromFinal === fromFinal.toLowerCase() ? 'as' : 'AS';
    if (as.text !== wanted) {
      findings.push({
        range: as.range,
        message: {
          en: `\`${as.text}\` does not match the case of \`${fromFinal}\`: write \`${fromFinal} … ${wanted} <name>\`.`,
          ru: `\`${as.text}\` не совпадает по регистру с \`${fromFinal}\`: пишите \`${fromFinal} … ${wanted} <имя>\`.`,
        },
        fixes: [{ title: { en: `Write \`${wanted}\``, ru: `Написать \`${wanted}\`` }, edits: [{ range: as.range, newText: wanted }], safe: true }],
      });
    }
  }
  return findings;
}

/** Every known instruction keyword as written, plus ONBUILD trigger keywords. */
function keywordsOf(model: DockerfileModel, instructions: readonly InstructionInfo[]): Keyword[] {
  const out: Keyword[] = [];
  for (const ins of instructions) {
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword) || !/[a-z]/i.test(ins.keywordText)) continue;
    out.push({ text: ins.keywordText, range: ins.keywordRange });
    if (ins.keyword === 'ONBUILD' && ins.argsRange) {
      const start = ins.argsRange.start;
      const m = /^[A-Za-z]+/.exec(model.lines.lineText(start.line).slice(start.character));
      if (m && KNOWN_INSTRUCTIONS.has(m[0].toUpperCase())) {
        out.push({ text: m[0], range: { start, end: { line: start.line, character: start.character + m[0].length } } });
      }
    }
  }
  return out;
}

/** The `AS` word before a stage name, found by scanning back from the name on its line. */
function asKeyword(model: DockerfileModel, from: InstructionInfo, nameRange: Range | null): Keyword | null {
  if (!nameRange) return null;
  const line = model.lines.lineText(nameRange.start.line);
  const before = line.slice(0, nameRange.start.character);
  const m = /(^|\s)(as)\s+$/i.exec(before);
  if (!m || nameRange.start.line < from.range.start.line) return null;
  const start = before.length - m[0].length + m[1].length;
  return { text: m[2], range: { start: { line: nameRange.start.line, character: start }, end: { line: nameRange.start.line, character: start + 2 } } };
}
