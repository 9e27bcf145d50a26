import { RULES, type Lang } from '../../index';
import { sectionTitle } from './report';

/** The rule catalogue (`rules` command). */
export function formatRules(format: 'text' | 'markdown' | 'json', lang: Lang): string {
  if (format === 'json') {
    return JSON.stringify(RULES.map((r) => ({ id: r.id, aliases: r.aliases, severity: r.severity, lecture: r.lecture, enabledByDefault: r.enabledByDefault !== false, description: r.description[lang] })), null, 2) + '\n';
  }
  const off = lang === 'ru' ? ' (выключено по умолчанию)' : ' (off by default)';
  if (format === 'markdown') {
    const head = lang === 'ru'
      ? '| Правило | Синонимы | Важность | Раздел лекции | Что проверяет |\n|---|---|---|---|---|'
      : '| Rule | Aliases | Severity | Lecture section | What it checks |\n|---|---|---|---|---|';
    const rows = RULES.map((r) => `| \`${r.id}\` | ${r.aliases.join(', ') || '—'} | ${r.severity}${r.enabledByDefault === false ? off : ''} | ${sectionTitle(r.lecture, lang)} | ${r.description[lang].replace(/\|/g, '\\|')} |`);
    return [head, ...rows].join('\n') + '\n';
  }
  return RULES.map((r) => `${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.description[lang]}`).join('\n') + '\n';
}
