import type { Localized } from '../i18n';
import type { SectionId } from './sections';

/** What a hover explains for one keyword, flag or image reference. */
export interface Topic {
  section: SectionId;
  summary: Localized;
  quotes: string[];
  notes: string[];
}

const layerTopic = (en: string, ru: string): Topic => ({
  section: 'layers', summary: { en, ru }, quotes: ['layers.run-copy-add', 'layers.cache'], notes: ['layers.delete', 'layers.cache-order'],
});
const metadataTopic = (en: string, ru: string, section: SectionId = 'layers', quotes = ['layers.unionfs'], notes = ['layers.only-fs']): Topic => ({
  section, summary: { en, ru }, quotes, notes,
});

export const INSTRUCTION_TOPICS: Record<string, Topic> = {
  FROM: {
    section: 'layers',
    summary: { en: 'Starts a build stage on top of a base image: its read-only layers are the bottom of your image.', ru: 'Начинает этап сборки поверх базового образа: его read-only слои лежат в основании вашего образа.' },
    quotes: ['layers.unionfs', 'best.minimal', 'best.tags'], notes: ['layers.multi-stage'],
  },
  RUN: {
    ...layerTopic('Runs a command at build time and records the changed files as a new read-only layer.', 'Выполняет команду при сборке и записывает изменённые файлы в новый read-only слой.'),
    quotes: ['layers.run-copy-add', 'best.merge-run', 'layers.cache'], notes: ['layers.delete', 'layers.heredoc', 'layers.cache-mount'],
  },
  COPY: layerTopic('Copies files from the build context (or another stage) into a new layer.', 'Копирует файлы из контекста сборки (или другого этапа) в новый слой.'),
  ADD: layerTopic('Like COPY, but also fetches URLs and unpacks local archives; prefer COPY for plain files.', 'Как COPY, но ещё скачивает URL и распаковывает локальные архивы; для обычных файлов лучше COPY.'),
  CMD: metadataTopic('Sets the default command of the container; adds no layer.', 'Задаёт команду контейнера по умолчанию; слоя не добавляет.'),
  ENTRYPOINT: metadataTopic('Sets the executable the container runs; adds no layer.', 'Задаёт исполняемый файл контейнера; слоя не добавляет.'),
  ENV: metadataTopic('Sets environment variables for later instructions and the container; metadata only.', 'Задаёт переменные окружения для следующих инструкций и контейнера; только метаданные.'),
  ARG: metadataTopic('Declares a build-time variable; ARGs before the first FROM can be used in FROM.', 'Объявляет переменную сборки; ARG до первого FROM можно использовать в FROM.', 'best-practices', ['best.tags'], ['layers.only-fs']),
  LABEL: metadataTopic('Adds key-value metadata to the image.', 'Добавляет метаданные ключ-значение в образ.'),
  MAINTAINER: metadataTopic('Deprecated: use `LABEL org.opencontainers.image.authors=…`.', 'Устарела: используйте `LABEL org.opencontainers.image.authors=…`.'),
  WORKDIR: metadataTopic('Sets the working directory for later instructions and the container (creates it if missing).', 'Задаёт рабочий каталог для следующих инструкций и контейнера (создаёт его при необходимости).'),
  USER: {
    section: 'best-practices',
    summary: { en: 'Sets the user (and group) that later RUN instructions and the container run as.', ru: 'Задаёт пользователя (и группу), от которого выполняются следующие RUN и сам контейнер.' },
    quotes: ['best.non-root', 'arch.isolation'], notes: ['best.user-default'],
  },
  VOLUME: {
    section: 'persistent-data',
    summary: { en: 'Declares a mount point whose data lives outside the container’s read-write layer.', ru: 'Объявляет точку монтирования, данные которой живут вне read-write слоя контейнера.' },
    quotes: ['data.stateless', 'data.volumes', 'data.prefer-volumes'], notes: ['data.volume-build'],
  },
  EXPOSE: {
    section: 'networks',
    summary: { en: 'Documents the ports the container listens on.', ru: 'Документирует порты, которые слушает контейнер.' },
    quotes: ['net.ports', 'net.drivers'], notes: ['net.expose'],
  },
  HEALTHCHECK: metadataTopic('Tells Docker how to test that the container still works; metadata only.', 'Сообщает Docker, как проверять работоспособность контейнера; только метаданные.'),
  SHELL: metadataTopic('Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.', 'Меняет оболочку для shell-формы RUN, CMD и ENTRYPOINT.'),
  STOPSIGNAL: metadataTopic('Sets the signal that stops the container.', 'Задаёт сигнал остановки контейнера.'),
  ONBUILD: metadataTopic('Registers an instruction to run when another image is built FROM this one.', 'Регистрирует инструкцию, которая выполнится при сборке образа FROM этого.'),
};

export const IMAGE_TOPIC: Topic = {
  section: 'best-practices',
  summary: { en: 'The base image, pulled from a registry.', ru: 'Базовый образ, скачиваемый из реестра.' },
  quotes: ['components.registry', 'best.tags', 'best.minimal'],
  notes: ['best.digest'],
};

export const FLAG_TOPICS: Record<string, Topic> = {
  mount: {
    section: 'layers',
    summary: { en: '`--mount` gives this RUN extra file systems that are not stored in the layer.', ru: '`--mount` подключает к этому RUN файловые системы, которые не сохраняются в слое.' },
    quotes: ['layers.run-copy-add'], notes: ['layers.cache-mount'],
  },
  network: {
    section: 'networks',
    summary: { en: '`--network` sets the network this RUN step uses.', ru: '`--network` задаёт сеть для этого шага RUN.' },
    quotes: ['net.drivers'], notes: ['net.run-network'],
  },
};
