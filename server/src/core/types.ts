/**
 * Plain data types shared by the analysis core and its adapters (LSP server, CLI).
 * Positions, ranges and the two languages are the client's vocabulary too, so
 * they live in common/ and are re-exported here for the core's convenience.
 */
import type { Range } from '../../../common/range';

export type { Position, Range } from '../../../common/range';
export type { Lang, Localized } from '../../../common/i18n';
import type { Localized } from '../../../common/i18n';

export interface TextEdit { range: Range; newText: string }

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Fix {
  title: Localized;
  edits: TextEdit[];
  /** Safe fixes may be applied without review (fix-all, `--fix`); unsafe ones only on request. */
  safe: boolean;
}

/**
 * A finding as rules produce it, before localisation and configuration. The rule
 * it belongs to is the rule that returned it: analyze.ts fills in its id.
 */
export interface RawFinding {
  message: Localized;
  range: Range;
  fixes: Fix[];
  /** Overrides the rule's own default severity for this one finding. */
  severity?: Severity;
  /**
   * The other tools' codes for what this one finding reports, when a rule covers
   * several of their checks (syntax, casing); absent = all of the rule's aliases.
   */
  aliases?: string[];
}

/** A finding as adapters consume it: localised, with the rule's metadata resolved. */
export interface Finding {
  rule: string;
  aliases: string[];
  severity: Severity;
  message: string;
  range: Range;
  /** The lecture section the advice comes from, or the nearest one when `beyondLecture`. */
  lecture: string;
  /** The advice goes beyond what the lecture says (our own note, the builder's behaviour). */
  beyondLecture: boolean;
  fixes: { title: string; edits: TextEdit[]; safe: boolean }[];
}
