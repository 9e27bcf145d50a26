import type { RawFinding } from '../core/types';
import type { Rule } from './rule';
import { copyOperands } from './support/paths';

/** Flags ADD and COPY share: with these the keyword can simply change. */
const SHARED_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);
/** Flags that only make sense for ADD: the author meant ADD. */
const ADD_ONLY = new Set(['checksum', 'keep-git-dir', 'unpack']);
/** Names ADD would unpack (local tar archives, compressed or not). */
// ADD unpacks by content, not by name: packages that are tar inside (.apk, .gem, .crate, .ova, Vagrant .box, .ipk) count too.
const ARCHIVE = /\.(tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|tz|gz|bz2|xz|zst|lz|lzma|z|apk|gem|crate|ova|box|ipk)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/**
 * ADD of local files or folders: ADD also downloads URLs and unpacks
 * archives, so readers must check which it does; COPY only copies.
 * A hint under the severity policy: the rule never reports an ADD whose
 * behaviour differs from COPY (URLs, archives, globs that may match archives,
 * variables and ADD-only flags are skipped above), so what it flags builds the
 * same image — a clarity practice with no cost at build or run time.
 */
export const preferCopy: Rule = {
  id: 'prefer-copy',
  aliases: ['DL3020'],
  severity: 'hint',
  lecture: 'layers',
  beyondLecture: true,
  description: {
    en: 'Use COPY, not ADD, for local files and folders: ADD also downloads and unpacks.',
    ru: 'Для локальных файлов и папок используйте COPY, а не ADD: ADD ещё скачивает и распаковывает.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD' || ins.heredoc || ins.stage < 0) continue;
      if (ins.flags.some((f) => ADD_ONLY.has(f.name.toLowerCase()))) continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      if (ops.sources.some((s) => REMOTE.test(s) || s.includes('$') || ARCHIVE.test(s) || mayMatchArchive(s))) continue;
      const keepsFlags = ins.flags.every((f) => SHARED_FLAGS.has(f.name.toLowerCase()));
      const copy = ins.keywordText === ins.keywordText.toLowerCase() ? 'copy' : ins.keywordText === 'Add' ? 'Copy' : 'COPY';
      findings.push({
        range: ins.keywordRange,
        message: {
          en: 'ADD of local files: ADD also downloads URLs and unpacks local archives, so a reader has to check which one happens here. COPY only copies — use it when that is all you need. (Both create a layer; the lecture: "every `RUN`, `COPY` or `ADD` instruction creates a separate layer".)',
          ru: 'ADD для локальных файлов: ADD ещё скачивает URL и распаковывает локальные архивы, и читателю приходится выяснять, что из этого происходит здесь. COPY только копирует — используйте его, когда больше ничего не нужно. (Слой создают обе; лекция: «каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой».)',
        },
        fixes: keepsFlags ? [{
          title: { en: 'Replace ADD with COPY', ru: 'Заменить ADD на COPY' },
          edits: [{ range: ins.keywordRange, newText: copy }],
          safe: ops.sources.every(clearlyNotArchive),
        }] : [],
      });
    }
    return findings;
  },
};

/** A glob whose matches could be archives (`*`, `*.gz`, `data/*`). */
function mayMatchArchive(source: string): boolean {
  if (!/[*?[]/.test(source)) return false;
  const tail = source.slice(source.lastIndexOf('/') + 1);
  const ext = /\.([A-Za-z0-9]+)$/.exec(tail);
  return !ext || /[*?[]/.test(ext[1]) || ARCHIVE.test(tail);
}

/** ADD detects archives by content: only folders and files with a non-archive extension are certainly copied as they are. */
function clearlyNotArchive(source: string): boolean {
  if (source === '.' || source.endsWith('/')) return true;
  const tail = source.slice(source.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(tail) && !ARCHIVE.test(tail);
}
