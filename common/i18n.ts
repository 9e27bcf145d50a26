/** The two languages of every user-visible text, and how an editor locale maps to them. */
export type Lang = 'en' | 'ru';

/** Every user-visible text exists in both languages; adapters pick one. */
export interface Localized { en: string; ru: string }

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Maps an editor locale ('ru', 'ru-RU', 'en-US', …) to one of our languages. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function isLang(s: unknown): s is Lang {
  return s === 'en' || s === 'ru';
}
