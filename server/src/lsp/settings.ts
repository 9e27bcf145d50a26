import type { Lang, RuleSetting } from '../index';
import { isLang } from '../../../common/i18n';
import { isPreset, type Preset } from '../presets';

/** The `dockerfileLectureHints.*` settings as the server uses them. */
export interface Settings {
  /** 'auto' follows the editor's display language. */
  language: Lang | 'auto';
  rules: Record<string, RuleSetting>;
  /** `registry.enabled` / `registry.mirror`: tag and digest look-ups for pins, hovers and completion. */
  registry: { enabled: boolean; mirror: string | null };
  /** `shellcheck.path`: 'auto' (the first `shellcheck` on PATH), 'off', or a path to the executable. */
  shellcheckPath: string;
  /** `preset`: `hadolint` runs hadolint's rule set at hadolint's severities. */
  preset: Preset;
}

export const DEFAULT_SETTINGS: Settings = { language: 'auto', rules: {}, registry: { enabled: true, mirror: null }, shellcheckPath: 'auto', preset: 'default' };

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
  return { language, rules, registry: readRegistry(obj), shellcheckPath: readShellcheckPath(obj), preset: isPreset(obj.preset) ? obj.preset : 'default' };
}

/** `shellcheck: { path }` or `'shellcheck.path'`; blank means auto. */
function readShellcheckPath(obj: Record<string, unknown>): string {
  const nested = (obj.shellcheck && typeof obj.shellcheck === 'object' ? obj.shellcheck : {}) as Record<string, unknown>;
  const path = nested.path ?? obj['shellcheck.path'];
  return typeof path === 'string' && path.trim() ? path.trim() : 'auto';
}

/** Nested (`registry: { enabled }`, what VS Code sends) or dotted (`'registry.enabled'`) keys. */
function readRegistry(obj: Record<string, unknown>): Settings['registry'] {
  const nested = (obj.registry && typeof obj.registry === 'object' ? obj.registry : {}) as Record<string, unknown>;
  const enabled = nested.enabled ?? obj['registry.enabled'];
  const mirror = nested.mirror ?? obj['registry.mirror'];
  return {
    enabled: enabled !== false,
    mirror: typeof mirror === 'string' && mirror.trim() ? mirror.trim() : null,
  };
}

export function displayLang(settings: Settings, clientLocale: Lang): Lang {
  return settings.language === 'auto' ? clientLocale : settings.language;
}
