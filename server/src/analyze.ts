import { buildModel } from './model/build';
import { lineStarts } from './core/text';
import type { DockerfileModel } from './model/types';
import type { Finding, Lang, RawFinding, Severity } from './core/types';
import { pick } from '../../common/i18n';
import { comparePositions } from './core/text';
import { presetRuleSettings, presetSeverity, type Preset } from './presets';
import { findSuppressions } from './model/suppressions';
import { instructionAtLine } from './model/at-line';
import { RULES, resolveCode, ruleById } from './rules/index';
import type { Rule, RuleContext } from './rules/rule';

export type RuleSetting = Severity | 'off' | 'on';

export interface AnalyzeOptions {
  lang?: Lang;
  /** Per-rule severity or 'off'/'on', keyed by rule id or alias. */
  rules?: Record<string, RuleSetting>;
  /** A rule set to start from (presets.ts); `rules` is applied on top of it. */
  preset?: Preset;
  context?: Partial<RuleContext>;
}

export interface Analysis {
  model: DockerfileModel | null;
  findings: Finding[];
  /** Why the text was not analysed (binary, too big), in the requested language. */
  skipped?: string;
  /** Rules that threw: reported, never fatal. */
  ruleErrors: { rule: string; error: string }[];
}

/** Past this size a file is not a Dockerfile anyone writes by hand; bail out instead of freezing an editor. */
export const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
/**
 * The parser and the argument rules do work per word of a line, with a large
 * constant: one 5 MB line took 6-10 s. Real Dockerfiles' longest lines are a
 * few hundred characters; past this a line is generated data, not analysed.
 */
const MAX_LINE_LENGTH = 64 * 1024;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const lang = options.lang ?? 'en';
  const skip = unreadable(text);
  if (skip) return { model: null, findings: [], skipped: pick(skip, lang), ruleErrors: [] };

  const model = buildModel(text);
  return { model, ...runRules(model, RULES, options) };
}

/**
 * Runs rules over a built model with settings and inline suppressions applied.
 * Adapters call it directly to re-run only some rules on a cached model (e.g.
 * the registry-aware ones when registry answers arrive).
 */
export function runRules(model: DockerfileModel, rules: Rule[], options: AnalyzeOptions = {}): Pick<Analysis, 'findings' | 'ruleErrors'> {
  const lang = options.lang ?? 'en';
  const preset = options.preset ?? 'default';
  const { settings, byOwnCode } = normalizeSettings(options.rules ?? {});
  // The preset decides which rules run, under the user's settings; its severities apply where the user set none.
  const presetSettings = normalizeSettings(presetRuleSettings(preset, RULES)).settings;
  const suppressed = findSuppressions(model, resolveCode);
  const findings: Finding[] = [];
  const ruleErrors: Analysis['ruleErrors'] = [];
  const context: RuleContext = {
    trustedRegistries: options.context?.trustedRegistries ?? [],
    registryFacts: options.context?.registryFacts,
    shellcheckFacts: options.context?.shellcheckFacts,
    filePath: options.context?.filePath,
  };

  for (const rule of rules) {
    const setting = settings.get(rule.id) ?? presetSettings.get(rule.id);
    if (setting === 'off' || (setting === undefined && rule.enabledByDefault === false)) continue;
    if (suppressed.file.has(rule.id)) continue;
    let raw: RawFinding[];
    try {
      raw = rule.check(model, context);
      // What the model itself noticed (a lone CR) is reported under the rule it names.
      const noticed = model.problems.filter((p) => p.rule === rule.id);
      if (noticed.length) raw = raw.concat(noticed);
    } catch (e) {
      ruleErrors.push({ rule: rule.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      continue;
    }
    for (const f of raw) {
      const owner = instructionAtLine(model, f.range.start.line);
      const here = owner === undefined ? undefined : suppressed.byInstruction.get(owner);
      if (here?.has(rule.id) || mentionsOwnCode(f, suppressed.file) || mentionsOwnCode(f, here)) continue;
      const own = ownCodeSetting(f, byOwnCode);
      if (own === 'off') continue;
      const presetDecides = preset !== 'default' && !isSeverity(own ?? settings.get(rule.id));
      // Everything the finding's text and severity depend on besides the raw finding itself.
      const key = `${lang}|${own ?? setting}|${presetDecides ? preset : ''}`;
      const known = localized.get(f);
      if (known && known.key === key) { findings.push(known.finding); continue; }
      const finding = localize(rule, f, lang, own ?? setting);
      if (presetDecides) finding.severity = presetSeverity(preset, finding);
      localized.set(f, { key, finding });
      findings.push(finding);
    }
  }
  findings.sort(byPosition);
  return { findings, ruleErrors };
}

/**
 * Findings as handed out, per raw finding. A stage whose findings come from the
 * stage cache returns the same raw objects after an edit elsewhere, so a big
 * file's unchanged findings are not localized again, and adapters that convert
 * them (LSP diagnostics) can keep their conversion too. Findings are never
 * modified after they are handed out.
 */
const localized = new WeakMap<RawFinding, { key: string; finding: Finding }>();

/** Findings in document order, as every adapter lists them. */
export function byPosition(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start);
}

function localize(rule: Rule, f: RawFinding, lang: Lang, setting: RuleSetting | undefined): Finding {
  const severity = setting && setting !== 'on' && setting !== 'off' ? setting : f.severity ?? rule.severity;
  return {
    rule: rule.id,
    aliases: f.aliases ?? rule.aliases,
    severity,
    message: pick(f.message, lang),
    range: f.range,
    lecture: rule.lecture,
    beyondLecture: rule.beyondLecture === true,
    fixes: f.fixes.map((x) => ({ title: pick(x.title, lang), edits: x.edits, safe: x.safe })),
  };
}

/**
 * Settings by rule id, and by the codes no rule has as an alias (ShellCheck's SC2086):
 * those apply to the findings that carry the code as one of their own aliases.
 */
function isSeverity(s: RuleSetting | undefined): s is Severity {
  return s === 'error' || s === 'warning' || s === 'info' || s === 'hint';
}

function normalizeSettings(rules: Record<string, RuleSetting>): { settings: Map<string, RuleSetting>; byOwnCode: Map<string, RuleSetting> } {
  const settings = new Map<string, RuleSetting>();
  const byOwnCode = new Map<string, RuleSetting>();
  for (const [code, value] of Object.entries(rules)) {
    const ids = resolveCode(code);
    for (const id of ids) settings.set(id, value);
    if (ids.length === 0) byOwnCode.set(code.toLowerCase(), value);
  }
  return { settings, byOwnCode };
}

/** Whether a suppression set names one of the finding's own codes (see findSuppressions). */
function mentionsOwnCode(f: RawFinding, codes: Set<string> | undefined): boolean {
  return !!codes && codes.size > 0 && !!f.aliases?.some((a) => codes.has(a.toLowerCase()));
}

function ownCodeSetting(f: RawFinding, byOwnCode: Map<string, RuleSetting>): RuleSetting | undefined {
  if (byOwnCode.size === 0 || !f.aliases) return undefined;
  for (const a of f.aliases) {
    const s = byOwnCode.get(a.toLowerCase());
    if (s !== undefined) return s;
  }
  return undefined;
}

function unreadable(text: string): { en: string; ru: string } | null {
  if (text.length > MAX_TEXT_LENGTH) {
    return { en: `Not analysed: the file is larger than ${MAX_TEXT_LENGTH >> 20} MiB.`, ru: `Не проанализирован: файл больше ${MAX_TEXT_LENGTH >> 20} МиБ.` };
  }
  const long = longLine(text);
  if (long) {
    return {
      en: `Not analysed: line ${long.line} is ${long.length} characters long, over the limit of ${MAX_LINE_LENGTH >> 10} KiB per line.`,
      ru: `Не проанализирован: строка ${long.line} длиной ${long.length} символов, больше предела ${MAX_LINE_LENGTH >> 10} КиБ на строку.`,
    };
  }
  if (text.includes('\u0000')) {
    return { en: 'Not analysed: the file contains NUL bytes and looks binary, not like a Dockerfile.', ru: 'Не проанализирован: файл содержит NUL-байты и похож на двоичный, а не на Dockerfile.' };
  }
  return null;
}

export { ruleById };

/** The first line (1-based) longer than MAX_LINE_LENGTH, in the LineIndex's line model. */
function longLine(text: string): { line: number; length: number } | null {
  if (text.length <= MAX_LINE_LENGTH) return null;
  // Lines split at `\n` only are at least as long as the LineIndex's: most files end here, with nothing allocated.
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i < 0 ? text.length : i + 1;
    longest = Math.max(longest, end - start);
    if (i < 0) break;
    start = end;
  }
  if (longest <= MAX_LINE_LENGTH) return null;
  const starts = lineStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const length = (i + 1 < starts.length ? starts[i + 1] : text.length) - starts[i];
    if (length > MAX_LINE_LENGTH) return { line: i + 1, length };
  }
  return null;
}
