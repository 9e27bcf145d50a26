import type { Lang, RuleSetting } from '../index';
import { isLang } from '../core/i18n';

/** The `dockerfileLectureHints.*` settings as the server uses them. */
export interface Settings {
  /** 'auto' follows the editor's display language. */
  language: Lang | 'auto';
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_SETTINGS: Settings = { language: 'auto', rules: {} };

/** Accepts whatever a client sends and keeps only well-formed values. */
export function readSettings(raw: unknown): Settings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const language = isLang(obj.language) ? obj.language : 'auto';
  const rules: Record<string, RuleSetting> = {};
  if (obj.rules && typeof obj.rules === 'object') {
    for (const [k, v] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (v === 'off' || v === 'on' || v === 'error' || v === 'warning' || v === 'info' || v === 'hint') rules[k] = v;
    }
  }
  return { language, rules };
}

export function displayLang(settings: Settings, clientLocale: Lang): Lang {
  return settings.language === 'auto' ? clientLocale : settings.language;
}
