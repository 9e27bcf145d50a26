import type { Lang, Position, Range } from './core/types';
import { rangeContains } from './core/text';
import { escapeMarkdown } from './core/markdown';
import { instructionAtLine } from './model/at-line';
import type { DockerfileModel, InstructionInfo } from './model/types';
import { ARCHITECTURE_TOPICS, FLAG_TOPICS, IMAGE_TOPIC, INSTRUCTION_TOPICS, type Topic } from '../../common/lecture/topics';
import { note, quote, section } from '../../common/lecture/sections';
import { adviceSourceLine, type AdviceOrigin } from '../../common/lecture/source';

export interface HoverResult { markdown: string; range: Range }

/** Extra lines an adapter may add to the image hover (e.g. registry facts). */
export type ImageDetails = (ins: InstructionInfo, lang: Lang) => string[];

/** Lecture text for the keyword, image reference or flag under the cursor. */
export function hoverAt(model: DockerfileModel, pos: Position, lang: Lang, imageDetails?: ImageDetails): HoverResult | null {
  const at = instructionAtLine(model, pos.line);
  if (at === undefined) return null;
  const ins = model.instructions[at];
  if (rangeContains(ins.keywordRange, pos)) {
    const topic = INSTRUCTION_TOPICS[ins.keyword];
    return topic ? { markdown: render(`${ins.keyword}`, topic, lang), range: ins.keywordRange } : null;
  }
  // Before the flags: a socket path inside `--mount=…` is about the daemon, not the mount.
  const tie = architectureTie(model, ins, pos);
  if (tie) return { markdown: render(tie.heading, tie.topic, lang), range: tie.range };
  for (const flag of ins.flags) {
    const topic = FLAG_TOPICS[flag.name];
    if (topic && rangeContains(flag.range, pos)) return { markdown: render(`${ins.keyword} --${flag.name}`, topic, lang), range: flag.range };
  }
  if (ins.keyword === 'FROM' && ins.stage >= 0) {
    const stage = model.stages[ins.stage];
    if (stage.from === ins && rangeContains(stage.base.range, pos)) {
      const facts = imageFacts(model, ins, lang).concat(imageDetails ? imageDetails(ins, lang) : []);
      return { markdown: render('FROM', IMAGE_TOPIC, lang, facts), range: stage.base.range };
    }
  }
  return null;
}

/** Characters that end a word for the argument hovers (shell and JSON punctuation, `=` and `,` of flags). */
const WORD_BREAK = /[\s"'`;&|()<>=,[\]{}]/;
const DOCKER_CLI_WORDS = new Set(['docker', 'docker-ce-cli', 'docker-cli']);
const DOCKER_DAEMON_WORDS = new Set(['dockerd', 'docker-ce', 'docker.io', 'moby-engine']);

interface Tie { heading: string; topic: Topic; range: Range }

/**
 * The word under the cursor, when it ties the instruction to the lecture's
 * architecture section: the daemon's API socket (anywhere), its TCP ports in
 * EXPOSE, the Docker client or daemon in a RUN.
 */
function architectureTie(model: DockerfileModel, ins: InstructionInfo, pos: Position): Tie | null {
  if (ins.argsRange === null && ins.flags.length === 0) return null;
  if (rangeContains(ins.keywordRange, pos)) return null;
  const text = model.lines.lineText(pos.line);
  let start = pos.character, end = pos.character;
  while (start > 0 && !WORD_BREAK.test(text[start - 1])) start--;
  while (end < text.length && !WORD_BREAK.test(text[end])) end++;
  if (start === end) return null;
  const word = text.slice(start, end);
  const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } };
  if (/(^|\/)docker\.sock$/.test(word)) return { heading: 'docker.sock', topic: ARCHITECTURE_TOPICS.socket, range };
  if (ins.keyword === 'EXPOSE') {
    const port = /^(2375|2376)(\/tcp)?$/i.exec(word);
    return port ? { heading: `EXPOSE ${port[1]}`, topic: ARCHITECTURE_TOPICS.apiPort, range } : null;
  }
  if (ins.keyword !== 'RUN') return null;
  if (DOCKER_DAEMON_WORDS.has(word)) return { heading: word, topic: ARCHITECTURE_TOPICS.daemon, range };
  if (DOCKER_CLI_WORDS.has(word)) return { heading: word, topic: ARCHITECTURE_TOPICS.client, range };
  return null;
}

function imageFacts(model: DockerfileModel, ins: InstructionInfo, lang: Lang): string[] {
  const base = model.stages[ins.stage].base;
  const label = (en: string, ru: string) => (lang === 'ru' ? ru : en);
  const out = [`**${label('Image', 'Образ')}:** ${escapeMarkdown(base.raw)}`];
  if (base.resolved !== null && base.resolved !== base.raw) out.push(`**${label('With ARG defaults', 'С умолчаниями ARG')}:** ${escapeMarkdown(base.resolved)}`);
  if (base.fromStage >= 0) out.push(label(`Builds on stage ${base.fromStage + 1} of this file.`, `Строится на этапе ${base.fromStage + 1} этого файла.`));
  else if (base.scratch) out.push(label('`scratch`: an empty image, no layers.', '`scratch`: пустой образ без слоёв.'));
  else {
    out.push(`**${label('Tag', 'Тег')}:** ${base.tag ? escapeMarkdown(base.tag) : label('none (means `latest`)', 'нет (означает `latest`)')}`);
    if (base.digest) out.push(`**${label('Digest', 'Дайджест')}:** ${escapeMarkdown(base.digest)}`);
  }
  return out;
}

/**
 * The source line of a finding for a diagnostic hover or message footer:
 * `*lecture: Best practices*` or `*beyond the lecture (nearest section: …)*`
 * (a Rule is an AdviceOrigin: it has `lecture` and `beyondLecture`).
 */
export function adviceSourceMarkdown(origin: AdviceOrigin, lang: Lang): string {
  return `*${escapeMarkdown(adviceSourceLine(origin, lang))}*`;
}

/** Both languages, the display language first; every hover names its lecture section. */
function render(heading: string, topic: Topic, lang: Lang, facts: string[] = []): string {
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const sec = section(topic.section);
  const parts = [`**${heading}** — ${topic.summary[lang]}`];
  if (facts.length) parts.push(facts.join('  \n'));
  const lectureLabel = lang === 'ru' ? 'Лекция 4' : 'Lecture 4';
  parts.push(`*${lectureLabel} · ${sec.title[lang]} / ${sec.title[other]}*`);
  for (const id of topic.quotes) {
    const q = quote(id);
    const primary = lang === 'ru' ? q.ru : q.en;
    const secondary = lang === 'ru' ? q.en : q.ru;
    parts.push(`> ${primary}\n>\n> *${secondary}*`);
  }
  if (topic.notes.length) {
    const label = lang === 'ru' ? '**Сверх лекции:**' : '**Beyond the lecture:**';
    parts.push([label, ...topic.notes.map((id) => `- ${note(id).text[lang]}`)].join('\n'));
  }
  parts.push(`*${topic.summary[other]}*`);
  return parts.join('\n\n');
}
