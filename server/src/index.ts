/** The analysis core's public surface, shared by the LSP server and the CLI. */
export { analyze, MAX_TEXT_LENGTH, type Analysis, type AnalyzeOptions, type RuleSetting } from './analyze';
export { fixable, fixAll, safeEdits, suppressionEdit } from './fix';
export { hoverAt, type HoverResult } from './hover';
export { RULES, resolveCode, ruleById } from './rules/index';
export type { Finding, Lang, Localized, Position, Range, Severity, TextEdit } from './core/types';
