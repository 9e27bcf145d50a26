import type { Localized, RawFinding } from '../core/types';
import type { DockerfileModel } from '../model/types';
import type { Rule } from './rule';
import { commandRange, insertAfterWord } from './support/script-edits';
import { commandsOf, hasOption, optionValue, runsOf, type RunCommand } from './support/run-commands';

/** Programs that run what they read from a pipe as a script. */
const INTERPRETERS = /^(sh|bash|dash|ash|zsh|ksh|python[\d.]*|perl|ruby|node|php)$/;
/** Programs that install, unpack or run a downloaded file given as an operand. */
const FILE_CONSUMERS = /^(dpkg|apt|apt-get|rpm|yum|dnf|microdnf|zypper|apk|sh|bash|dash|ash|zsh|ksh|source|\.|python[\d.]*|perl|ruby|node|php|java|tar|unzip|gunzip|bunzip2|xz|unxz|7z|gpg|apt-key|install|pip[\d.]*|npm)$/;

/**
 * `curl` without `-f`/`--fail` exits 0 on an HTTP error (404, 500) and writes
 * the server's error page where the file should be. Reported only when the
 * download is then run or installed in the same RUN (`curl … | sh`,
 * `curl -o x.deb … && dpkg -i x.deb`): that step gets the error page. wget
 * already fails on HTTP errors, so it is not reported.
 */
export const curlWithoutFail: Rule = {
  id: 'curl-without-fail',
  aliases: [],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`curl` without `-f` saves or pipes an HTTP error page as if it were the download; then it is installed or run.',
    ru: '`curl` без `-f` сохраняет или передаёт дальше страницу HTTP-ошибки как будто это загрузка; затем её устанавливают или запускают.',
  },
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      for (const run of runsOf(stage)) {
        const commands = commandsOf(model, run);
        for (const c of commands) {
          if (c.name !== 'curl' || failsOnHttpError(c)) continue;
          const use = pipedInto(commands, c) ?? fileUsedLater(commands, c);
          if (!use) continue;
          const f = finding(model, c, use);
          // A checksum or signature check in the same RUN already stops the build on an error page: -f only sharpens the message.
          findings.push(verifiedLater(commands, c) ? { ...f, severity: 'hint' } : f);
        }
      }
    }
    return findings;
  },
};

function failsOnHttpError(c: RunCommand): boolean {
  // `-f` alone or in a group (`-fsSL`); `--fail-early` is about several transfers and does not count.
  return hasOption(c.cmd, c.at + 1, ['--fail', '--fail-with-body'], 'f');
}

interface Use { how: 'pipe' | 'file'; shown: string; file?: string }

function shownCommand(c: RunCommand, words = 3): string {
  return c.cmd.words.slice(c.at, c.at + words).map((w) => w.value).join(' ');
}

function pipedInto(commands: RunCommand[], c: RunCommand): Use | null {
  const next = commands.find((o) => o.index === c.index + 1);
  if (!next || next.cmd.joinedBy !== '|' || !INTERPRETERS.test(next.name)) return null;
  return { how: 'pipe', shown: shownCommand(next, 2) };
}

/** The file curl writes: `-o FILE`, `--output FILE`, `> FILE`, or the URL's last segment with `-O`. */
function outputFile(c: RunCommand): string | null {
  const o = optionValue(c.cmd, c.at + 1, ['--output'], 'o');
  if (o) return o.hasExpansion ? null : o.value;
  const redirect = c.cmd.redirects.find((r) => r.op === '>' || r.op === '>|');
  if (redirect?.target && !redirect.target.hasExpansion) return redirect.target.value;
  if (hasOption(c.cmd, c.at + 1, ['--remote-name'], 'O')) {
    const url = c.cmd.words.slice(c.at + 1).find((w) => /^https?:\/\//.test(w.value) && !w.hasExpansion);
    const name = url?.value.split(/[?#]/)[0].split('/').pop();
    return name || null;
  }
  return null;
}

/** `sha256sum -c`, `gpg --verify`, `cosign verify…` after the download in the same RUN. */
function verifiedLater(commands: RunCommand[], c: RunCommand): boolean {
  return commands.some((o) => o.index > c.index && (
    (/^(sha(1|224|256|384|512)|md5|b2)sum$/.test(o.name) && o.cmd.words.some((w) => w.value === '-c' || w.value.startsWith('--check')))
    || (/^gpgv?2?$/.test(o.name) && o.cmd.words.some((w) => w.value === '--verify'))
    || o.name === 'gpgv' || o.name === 'cosign' || o.name === 'minisign'));
}

function sameFile(a: string, b: string): boolean {
  const strip = (p: string) => p.replace(/^\.\//, '');
  return strip(a) === strip(b);
}

function fileUsedLater(commands: RunCommand[], c: RunCommand): Use | null {
  const file = outputFile(c);
  if (!file || file === '-' || file.startsWith('/dev/')) return null;
  for (const o of commands) {
    if (o.index <= c.index) continue;
    const ranDirectly = sameFile(o.cmd.words[o.at].value, file) && /\//.test(o.cmd.words[o.at].value);
    const operand = FILE_CONSUMERS.test(o.name) && o.cmd.words.slice(o.at + 1).some((w) => !w.hasExpansion && sameFile(w.value, file));
    if (ranDirectly || operand) return { how: 'file', shown: ranDirectly ? o.cmd.words[o.at].value : shownCommand(o), file };
  }
  return null;
}

const SOURCE: Localized = {
  en: 'From curl\'s manual (`--fail`), not the lecture.',
  ru: 'Из руководства curl (`--fail`), не из лекции.',
};

function finding(model: DockerfileModel, c: RunCommand, use: Use): RawFinding {
  const what: Localized = use.how === 'pipe'
    ? {
      en: `\`curl\` without \`-f\` exits 0 on an HTTP error (404, 500) and passes the server's error page on: \`${use.shown}\` then runs that page as a script.`,
      ru: `\`curl\` без \`-f\` при HTTP-ошибке (404, 500) завершается с кодом 0 и передаёт дальше страницу ошибки сервера: \`${use.shown}\` выполнит её как скрипт.`,
    }
    : {
      en: `\`curl\` without \`-f\` exits 0 on an HTTP error (404, 500) and saves the server's error page as \`${use.file}\`: \`${use.shown}\` then gets that page instead of the download, and the build fails with a misleading error or goes on with a broken file.`,
      ru: `\`curl\` без \`-f\` при HTTP-ошибке (404, 500) завершается с кодом 0 и сохраняет страницу ошибки сервера как \`${use.file}\`: \`${use.shown}\` получит её вместо загрузки, и сборка упадёт с непонятной ошибкой или продолжится с испорченным файлом.`,
    };
  return {
    range: commandRange(model, c, c.at),
    message: {
      en: `${what.en} Add \`-f\` (\`--fail\`) so the download itself fails. ${SOURCE.en}`,
      ru: `${what.ru} Добавьте \`-f\` (\`--fail\`), чтобы падала сама загрузка. ${SOURCE.ru}`,
    },
    fixes: [{
      title: { en: 'Add `-f` to curl (fail on HTTP errors)', ru: 'Добавить `-f` к curl (ошибка при HTTP-ошибках)' },
      edits: [insertAfterWord(model, c.script, c.cmd.words[c.at], ' -f')],
      safe: true,
    }],
  };
}
