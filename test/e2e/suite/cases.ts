/**
 * What the extension must show for the example files in test/e2e/workspace.
 * Every check of the extension-host suite (index.ts) is driven by these tables:
 * a new rule or hover gets a new row, not new code. Lines are 1-based, as the
 * editor shows them; `word` is the first occurrence on that line to point at.
 *
 * Texts are written out here on purpose (not imported from the server), so a
 * changed message or quote is a visible, reviewed change to the expectations.
 */
export type Lang = 'en' | 'ru';
export type Localized<T = string> = Record<Lang, T>;
/** A title or text: exact string, or a pattern when part of it is data (a date, a version). */
export type Matcher = string | RegExp;
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface ExpectedDiagnostic { rule: string; line: number; severity: Severity }

/** All our diagnostics of a file, exactly (nothing missing, nothing extra). */
export interface DiagnosticCase { file: string; expect: ExpectedDiagnostic[] }

export const DIAGNOSTICS: DiagnosticCase[] = [
  {
    file: 'Dockerfile',
    expect: [
      { rule: 'pin-image-tag', line: 2, severity: 'warning' },
      { rule: 'merge-consecutive-run', line: 5, severity: 'info' },
      { rule: 'merge-consecutive-run', line: 7, severity: 'info' },
      { rule: 'non-root-user', line: 11, severity: 'warning' },
    ],
  },
  {
    // *.Dockerfile name; tag from an ARG default (`latest`); no USER in the final stage;
    // the merge finding is silenced by `# lecture-hints ignore=…` above the second RUN.
    file: 'stages/build.Dockerfile',
    expect: [
      { rule: 'pin-image-tag', line: 7, severity: 'warning' },
      { rule: 'non-root-user', line: 7, severity: 'info' },
    ],
  },
  { file: 'fixall/Dockerfile', expect: [{ rule: 'merge-consecutive-run', line: 5, severity: 'info' }] },
  { file: 'clean/Containerfile', expect: [] },
];

/** Every diagnostic message quotes the lecture in the display language. */
export const MESSAGE_MARK: Localized = { en: 'The lecture: "', ru: 'Лекция: «' };

/**
 * A hover: starts with `**heading** —`, names the lecture in the display
 * language, and shows the quote in both languages, the display language first.
 */
export interface HoverCase {
  name: string;
  file: string;
  line: number;
  word: string;
  heading: string;
  quote: Localized;
  /** More text that must appear, in the display language only. */
  also?: Partial<Localized<string[]>>;
}

export const LECTURE_LABEL: Localized = { en: '*Lecture 4 · ', ru: '*Лекция 4 · ' };

export const HOVERS: HoverCase[] = [
  {
    name: 'RUN keyword', file: 'Dockerfile', line: 4, word: 'RUN', heading: 'RUN',
    quote: { en: 'combine `RUN` commands to reduce the number of layers', ru: 'объединять команды `RUN` для уменьшения числа слоев' },
    also: { en: ['Runs a command at build time'], ru: ['Выполняет команду при сборке'] },
  },
  {
    name: 'FROM keyword', file: 'Dockerfile', line: 2, word: 'FROM', heading: 'FROM',
    quote: { en: 'Every instruction in a **Dockerfile** creates a new read-only layer.', ru: 'Каждая инструкция в **Dockerfile** создает новый read-only слой.' },
  },
  {
    name: 'FROM image without a tag', file: 'Dockerfile', line: 2, word: 'python', heading: 'FROM',
    quote: { en: 'always name version tags explicitly, for reproducible builds', ru: 'всегда явно указывать теги версий для воспроизводимости сборок' },
    also: { en: ['**Image:** python', '**Tag:** none (means `latest`)'], ru: ['**Образ:** python', '**Тег:** нет (означает `latest`)'] },
  },
  {
    name: 'FROM image from an ARG', file: 'stages/build.Dockerfile', line: 7, word: 'debian', heading: 'FROM',
    quote: { en: 'always name version tags explicitly, for reproducible builds', ru: 'всегда явно указывать теги версий для воспроизводимости сборок' },
    also: { en: ['**With ARG defaults:** debian:latest'], ru: ['**С умолчаниями ARG:** debian:latest'] },
  },
  {
    name: 'VOLUME keyword', file: 'Dockerfile', line: 9, word: 'VOLUME', heading: 'VOLUME',
    quote: { en: 'For persistent storage Docker provides **volumes**', ru: 'Для постоянного хранения Docker предоставляет **тома (volumes)**' },
  },
  {
    name: 'EXPOSE keyword', file: 'Dockerfile', line: 10, word: 'EXPOSE', heading: 'EXPOSE',
    quote: { en: 'ports are forwarded by iptables rules', ru: 'проброс портов осуществляется через правила iptables' },
    also: { en: ['`EXPOSE` publishes nothing by itself'], ru: ['Инструкция `EXPOSE` сама ничего не публикует'] },
  },
  {
    name: 'USER keyword', file: 'Dockerfile', line: 11, word: 'USER', heading: 'USER',
    quote: { en: 'run processes as an unprivileged user', ru: 'запускать процессы от непривилегированного пользователя' },
  },
];

/** Quick fixes offered at a position: these titles must all be there (others may be too). */
export interface ActionCase {
  name: string;
  file: string;
  line: number;
  word: string;
  titles: Localized<Matcher[]>;
  /** True: no action at all may be offered there. */
  none?: boolean;
}

export const ACTIONS: ActionCase[] = [
  {
    name: 'merge finding', file: 'Dockerfile', line: 5, word: 'RUN',
    titles: {
      en: ['Merge 3 consecutive RUN instructions (lines 4–7) into one', 'Ignore merge-consecutive-run for this instruction', 'Ignore merge-consecutive-run in this file', 'Open the lecture: Best practices'],
      ru: ['Объединить 3 подряд идущих RUN (строки 4–7) в одну', 'Отключить merge-consecutive-run для этой инструкции', 'Отключить merge-consecutive-run во всём файле', 'Открыть лекцию: Лучшие практики (best practices)'],
    },
  },
  {
    name: 'unpinned image', file: 'Dockerfile', line: 2, word: 'python',
    titles: {
      en: [/^Pin to python:\S+ \(.*bundled table of .+; check it is the version you want\)$/, 'Ignore pin-image-tag for this instruction', 'Ignore pin-image-tag in this file'],
      ru: [/^Закрепить python:\S+ \(.*встроенная таблица от .+; проверьте, что это нужная версия\)$/, 'Отключить pin-image-tag для этой инструкции', 'Отключить pin-image-tag во всём файле'],
    },
  },
  {
    name: 'USER root', file: 'Dockerfile', line: 11, word: 'USER',
    titles: {
      // The fix also gives the user the volume the process writes to.
      en: ['Create an unprivileged user "app" (groupadd/useradd) and switch to it before CMD/ENTRYPOINT, giving it /srv/app/data', 'Ignore non-root-user for this instruction'],
      ru: ['Создать непривилегированного пользователя «app» (groupadd/useradd) и переключиться на него перед CMD/ENTRYPOINT, передав ему /srv/app/data', 'Отключить non-root-user для этой инструкции'],
    },
  },
  { name: 'clean file', file: 'clean/Containerfile', line: 2, word: 'RUN', titles: { en: [], ru: [] }, none: true },
];

/** Apply one quick fix with workspace.applyEdit; the document must then read exactly `expectText`. */
export interface ApplyCase {
  name: string;
  file: string;
  line: number;
  word: string;
  title: Localized<Matcher>;
  expectText: string;
  diagnosticsAfter: ExpectedDiagnostic[];
}

export const APPLY: ApplyCase[] = [
  {
    name: 'merge three RUNs', file: 'Dockerfile', line: 5, word: 'RUN',
    title: { en: 'Merge 3 consecutive RUN instructions (lines 4–7) into one', ru: 'Объединить 3 подряд идущих RUN (строки 4–7) в одну' },
    expectText: [
      '# A small web service: the end-to-end suites check diagnostics, hovers and quick fixes on it.',
      'FROM python',
      'WORKDIR /srv/app',
      'RUN mkdir -p /srv/app/data /srv/app/logs \\',
      '    && python -m venv /srv/venv \\',
      '# byte-compile the standard library once, at build time',
      '    && python -m compileall -q /usr/local/lib',
      'COPY app.py ./',
      'VOLUME /srv/app/data',
      'EXPOSE 8000',
      'USER root',
      'CMD ["python", "app.py"]',
      '',
    ].join('\n'),
    diagnosticsAfter: [
      { rule: 'pin-image-tag', line: 2, severity: 'warning' },
      { rule: 'non-root-user', line: 11, severity: 'warning' },
    ],
  },
  {
    name: 'ignore a rule in the file', file: 'stages/build.Dockerfile', line: 7, word: 'debian',
    title: { en: 'Ignore pin-image-tag in this file', ru: 'Отключить pin-image-tag во всём файле' },
    expectText: [
      '# lecture-hints global ignore=pin-image-tag',
      'ARG BASE_TAG=latest',
      'FROM golang:1.23 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/server ./cmd/server',
      '',
      'FROM debian:${BASE_TAG}',
      'COPY --from=build /out/server /usr/local/bin/server',
      'RUN mkdir -p /var/lib/server',
      '# lecture-hints ignore=merge-consecutive-run -- two layers on purpose in this example',
      'RUN chmod 0750 /var/lib/server',
      'ENTRYPOINT ["server"]',
      '',
    ].join('\n'),
    diagnosticsAfter: [{ rule: 'non-root-user', line: 8, severity: 'info' }],
  },
];

/**
 * Save with `editor.codeActionsOnSave: { "source.fixAll.dockerfileLectureHints": "explicit" }`:
 * the suite first types `insert` before line `beforeLine` (so the file is dirty and has one more RUN),
 * then saves; the file on disk must read exactly `expectText`.
 */
export interface SaveCase {
  name: string;
  file: string;
  beforeLine: number;
  insert: string;
  fixAllTitle: Localized;
  expectText: string;
  diagnosticsAfter: ExpectedDiagnostic[];
}

export const FIX_ALL_KIND = 'source.fixAll.dockerfileLectureHints';

export const SAVE: SaveCase[] = [
  {
    name: 'fix all on save merges the RUNs', file: 'fixall/Dockerfile', beforeLine: 6, insert: 'RUN npm prune --omit=dev\n',
    fixAllTitle: { en: 'Fix all auto-fixable problems', ru: 'Исправить все автоматически исправимые проблемы' },
    expectText: [
      'FROM node:22-alpine',
      'WORKDIR /home/node/app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci --omit=dev \\',
      '    && npm cache clean --force \\',
      '    && npm prune --omit=dev',
      'COPY . .',
      'USER node',
      'CMD ["node", "server.js"]',
      '',
    ].join('\n'),
    diagnosticsAfter: [],
  },
];

/** The contributed commands, run through vscode.commands.executeCommand. */
export const COMMANDS = {
  restart: 'dockerfileLectureHints.restartServer',
  openLecture: 'dockerfileLectureHints.openLecture',
  openExample: 'dockerfileLectureHints.openWalkthroughExample',
};

/**
 * What the openLecture command shows: an editor tab (a webview panel today) whose
 * label matches `tabLabel`. The UI suite also checks the rendered page.
 */
export const LECTURE_VIEW = {
  tabLabel: /lecture|лекци/i,
  /** The rendered page's first heading, in the display language (checked by ui.test.ts). */
  heading: { en: 'Lecture 4: Containerisation with Docker', ru: 'Лекция 4: Контейнеризация в Docker' } as Localized,
  /** The command's title in the command palette (package.nls.json; VS Code's UI language is English here). */
  paletteTitle: 'Open the Docker lecture',
};
