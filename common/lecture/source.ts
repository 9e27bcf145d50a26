import type { Lang, Localized } from '../i18n';
import { section, type SectionId } from './sections';

/**
 * Where a piece of advice comes from, as one line every surface can show
 * (hover, CLI, JSON, LSP): the lecture section it follows, or, for advice the
 * lecture does not give, the nearest section. "Сверх лекции" is the one
 * Russian term for notes beyond the lecture (the lecture view and the hovers
 * use it too).
 */
export interface AdviceOrigin {
  /** The section the advice follows, or the nearest one when it goes beyond the lecture. */
  lecture: SectionId;
  beyondLecture?: boolean;
}

/** `lecture: Best practices` / `beyond the lecture (nearest section: Best practices)`, and the Russian twins. */
export function adviceSource(origin: AdviceOrigin): Localized {
  const title = section(origin.lecture).title;
  return origin.beyondLecture
    ? { en: `beyond the lecture (nearest section: ${title.en})`, ru: `Сверх лекции (ближайший раздел: ${title.ru})` }
    : { en: `lecture: ${title.en}`, ru: `Лекция: ${title.ru}` };
}

export function adviceSourceLine(origin: AdviceOrigin, lang: Lang): string {
  return adviceSource(origin)[lang];
}
