/**
 * Plain data types shared by the analysis core and its adapters (LSP server, CLI).
 * Positions and ranges follow LSP conventions (0-based line, UTF-16 character)
 * but are declared here so the core does not depend on the protocol libraries.
 */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Lang = 'en' | 'ru';

/** Every user-visible text exists in both languages; adapters pick one. */
export interface Localized { en: string; ru: string }

export interface Fix {
  title: Localized;
  edits: TextEdit[];
  /** Safe fixes may be applied without review (fix-all, `--fix`); unsafe ones only on request. */
  safe: boolean;
}

/** A finding as rules produce it, before localisation and configuration. */
export interface RawFinding {
  rule: string;
  message: Localized;
  range: Range;
  fixes: Fix[];
  /** Overrides the rule's own default severity for this one finding. */
  severity?: Severity;
}

/** A finding as adapters consume it: localised, with the rule's metadata resolved. */
export interface Finding {
  rule: string;
  aliases: string[];
  severity: Severity;
  message: string;
  range: Range;
  lecture: string;
  fixes: { title: string; edits: TextEdit[]; safe: boolean }[];
}
