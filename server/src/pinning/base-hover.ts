/**
 * The base image's own facts for the FROM hover: download size and layers, build date, user,
 * entrypoint/cmd, working directory and ports. From the registry's config blob when it has
 * arrived, else from the bundled table (said so, with its date). Every string from a registry
 * is untrusted: escaped, never put in a code span (a backtick in it would end the span).
 */
import { escapeMarkdown } from '../core/markdown';
import type { Lang } from '../core/types';
import type { DockerfileModel, Stage } from '../model/types';
import {
  baseCmd, baseCreated, baseDownloadSize, baseDropsPrivilegesTo, baseEntrypoint, baseExposedPorts, baseProvidedUser,
  baseUser, baseWorkdir, formatDownloadSize, isRootUser, type BaseFact,
} from '../rules/support/base-image';
import { buildPlatformOf, configOf, factsOf, type RegistryFacts } from '../rules/support/registry-facts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_PORTS = 12;

function command(value: string[] | null): string {
  return value === null ? '—' : escapeMarkdown(JSON.stringify(value));
}

/** Lines about a stage's base image for the hover; [] when nothing is known (or it is an earlier stage). */
export function baseImageLines(model: DockerfileModel, stage: Stage, facts: RegistryFacts | undefined, lang: Lang): string[] {
  if (stage.base.fromStage >= 0 || stage.base.scratch) return [];
  const label = (en: string, ru: string) => (lang === 'ru' ? ru : en);
  const out: string[] = [];
  let fromTable: string | undefined;
  const note = (fact: BaseFact<unknown>) => {
    if (fact.source === 'table') fromTable = fact.asOf;
  };
  const platform = buildPlatformOf(stage);
  const config = configOf(factsOf(facts, stage.base), platform);

  const size = baseDownloadSize(model, stage, facts);
  if (size) {
    note(size);
    const n = config?.layers.length;
    const layers = n !== undefined ? label(`, ${n} layer${n === 1 ? '' : 's'}`, `, слоёв: ${n}`) : '';
    const where = config ? escapeMarkdown(config.platform || platform) : 'linux/amd64';
    out.push(`**${label('Download', 'Скачивание')}:** ${formatDownloadSize(size)[lang]} ${label('compressed', 'в сжатом виде')} (${where}${layers})`);
  }
  const created = baseCreated(stage, facts);
  if (created) {
    const at = Date.parse(created.value);
    const days = Math.floor((Date.now() - at) / DAY_MS);
    const age = days >= 0 ? label(` (${days} days ago)`, ` (${days} дн. назад)`) : '';
    // Date.parse accepted it, so the text we print is our own ISO date, not the registry's string.
    out.push(`**${label('Built', 'Собран')}:** ${new Date(at).toISOString().slice(0, 10)}${age}`);
  }
  const user = baseUser(model, stage, facts);
  if (user) {
    note(user);
    const shown = user.value === '' ? label('root (no USER set)', 'root (USER не задан)') : escapeMarkdown(user.value);
    const extras: string[] = [];
    const drops = isRootUser(user.value) ? baseDropsPrivilegesTo(stage) : null;
    if (drops) note(drops);
    if (drops) extras.push(label(`its entrypoint switches to ${escapeMarkdown(drops.value)}`, `его точка входа переключается на ${escapeMarkdown(drops.value)}`));
    const provided = isRootUser(user.value) ? baseProvidedUser(stage) : null;
    if (provided) {
      note(provided);
      const uid = provided.value.uid !== undefined ? ` (uid ${provided.value.uid})` : '';
      extras.push(label(`the image has a user ${escapeMarkdown(provided.value.name)}${uid}`, `в образе есть пользователь ${escapeMarkdown(provided.value.name)}${uid}`));
    }
    out.push(`**${label('User', 'Пользователь')}:** ${shown}${extras.length ? `; ${extras.join('; ')}` : ''}`);
  }
  const entrypoint = baseEntrypoint(model, stage, facts);
  const cmd = baseCmd(model, stage, facts);
  if (entrypoint || cmd) {
    if (entrypoint) note(entrypoint);
    if (cmd) note(cmd);
    const parts = [entrypoint ? `ENTRYPOINT ${command(entrypoint.value)}` : '', cmd ? `CMD ${command(cmd.value)}` : ''].filter(Boolean);
    out.push(`**${label('Starts', 'Запуск')}:** ${parts.join(', ')}`);
  }
  const workdir = baseWorkdir(model, stage, facts);
  if (workdir && workdir.value) {
    note(workdir);
    out.push(`**WORKDIR:** ${escapeMarkdown(workdir.value)}`);
  }
  const ports = baseExposedPorts(model, stage, facts);
  if (ports && ports.value.length) {
    note(ports);
    const shown = ports.value.slice(0, MAX_PORTS).map(escapeMarkdown).join(', ');
    out.push(`**${label('Exposes', 'Открывает порты')}:** ${shown}${ports.value.length > MAX_PORTS ? ', …' : ''}`);
  }
  if (fromTable && out.length) {
    out.push(config
      ? `*${label(`Other facts than the registry's come from the bundled table as of ${fromTable}.`, `Сведения не из реестра — из встроенной таблицы на ${fromTable}.`)}*`
      : `*${label(`Base image facts from the bundled table as of ${fromTable} (the registry was not asked or did not answer); sizes are approximate.`, `Сведения о базовом образе — из встроенной таблицы на ${fromTable} (реестр не спрашивали или он не ответил); размеры приблизительные.`)}*`);
  }
  return out;
}
