import type { Localized } from '../i18n';
import type { SectionId } from './sections';

/** What a hover explains for one keyword, flag, image reference or argument. */
export interface Topic {
  section: SectionId;
  summary: Localized;
  quotes: string[];
  notes: string[];
}

const layerTopic = (en: string, ru: string, notes = ['layers.delete', 'layers.cache-order']): Topic => ({
  section: 'layers', summary: { en, ru }, quotes: ['layers.run-copy-add', 'layers.cache'], notes,
});
const metadataTopic = (en: string, ru: string, section: SectionId = 'layers', quotes = ['layers.unionfs'], notes = ['layers.which-instructions']): Topic => ({
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
    quotes: ['layers.run-copy-add', 'best.merge-run', 'layers.cache'], notes: ['layers.delete', 'layers.heredoc', 'layers.cache-mount', 'layers.empty-run'],
  },
  COPY: layerTopic('Copies files from the build context (or another stage) into a new layer.', 'Копирует файлы из контекста сборки (или другого этапа) в новый слой.', ['layers.delete', 'layers.cache-order', 'layers.copy-link']),
  ADD: layerTopic('Like COPY, but also fetches URLs and unpacks local archives; prefer COPY for plain files.', 'Как COPY, но ещё скачивает URL и распаковывает локальные архивы; для обычных файлов лучше COPY.', ['layers.delete', 'layers.cache-order', 'layers.copy-link']),
  CMD: metadataTopic('Sets the default command of the container; adds no layer.', 'Задаёт команду контейнера по умолчанию; слоя не добавляет.'),
  ENTRYPOINT: metadataTopic('Sets the executable the container runs; adds no layer.', 'Задаёт исполняемый файл контейнера; слоя не добавляет.'),
  ENV: metadataTopic('Sets environment variables for later instructions and the container; metadata only.', 'Задаёт переменные окружения для следующих инструкций и контейнера; только метаданные.'),
  ARG: metadataTopic('Declares a build-time variable; ARGs before the first FROM can be used in FROM.', 'Объявляет переменную сборки; ARG до первого FROM можно использовать в FROM.', 'best-practices', ['best.tags'], ['layers.which-instructions']),
  LABEL: metadataTopic('Adds key-value metadata to the image.', 'Добавляет метаданные ключ-значение в образ.'),
  MAINTAINER: metadataTopic('Deprecated: use `LABEL org.opencontainers.image.authors=…`.', 'Устарела: используйте `LABEL org.opencontainers.image.authors=…`.'),
  WORKDIR: {
    section: 'layers',
    summary: {
      en: 'Sets the working directory for later instructions and the container, and creates it. In BuildKit every WORKDIR other than `/` adds a layer (a mkdir), even when the directory already exists.',
      ru: 'Задаёт рабочую директорию для следующих инструкций и контейнера и создаёт её. В BuildKit каждая WORKDIR, кроме `/`, добавляет слой (mkdir), даже если директория уже есть.',
    },
    quotes: ['layers.unionfs', 'layers.run-copy-add'], notes: ['layers.which-instructions'],
  },
  USER: {
    section: 'best-practices',
    summary: { en: 'Sets the user (and group) that later RUN instructions and the container run as.', ru: 'Задаёт пользователя (и группу), от которого выполняются следующие RUN и сам контейнер.' },
    quotes: ['best.non-root', 'arch.isolation'], notes: ['best.user-default', 'best.root-is-root'],
  },
  VOLUME: {
    section: 'persistent-data',
    summary: { en: 'Declares a mount point whose data lives outside the container’s read-write layer.', ru: 'Объявляет точку монтирования, данные которой живут вне read-write слоя контейнера.' },
    quotes: ['data.stateless', 'data.volumes', 'data.prefer-volumes'], notes: ['data.volume-build', 'data.volume-later-changes'],
  },
  EXPOSE: {
    section: 'networks',
    summary: {
      en: 'Records the ports the container listens on in the image configuration; `docker run -P` publishes them, `-p` publishes one you name.',
      ru: 'Записывает в конфигурацию образа порты, которые слушает контейнер; `docker run -P` публикует их все, `-p` — указанный.',
    },
    quotes: ['net.ports', 'net.drivers'], notes: ['net.expose'],
  },
  HEALTHCHECK: metadataTopic('Tells Docker how to test that the container still works; metadata only.', 'Сообщает Docker, как проверять работоспособность контейнера; только метаданные.'),
  SHELL: metadataTopic('Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.', 'Меняет оболочку для shell-формы RUN, CMD и ENTRYPOINT.'),
  STOPSIGNAL: metadataTopic('Sets the signal that stops the container.', 'Задаёт сигнал остановки контейнера.'),
  ONBUILD: metadataTopic(
    'Stores an instruction in the image configuration; it runs, and may add a layer, only when another build starts FROM this image.',
    'Сохраняет инструкцию в конфигурации образа; она выполнится (и, возможно, добавит слой), только когда другая сборка начнётся с FROM этого образа.',
  ),
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

/**
 * Arguments that touch the lecture's architecture section: the daemon's API
 * (its socket and TCP ports) and the Docker client or daemon inside an image.
 */
export const ARCHITECTURE_TOPICS = {
  apiPort: {
    section: 'architecture',
    summary: {
      en: 'The Docker daemon\'s REST API port: 2375 is plain text without authentication, 2376 is TLS. An image that exposes it usually runs a daemon, and on 2375 anyone who can connect to the port controls it.',
      ru: 'Порт REST API демона Docker: 2375 — открытый текст без аутентификации, 2376 — TLS. Образ с таким портом обычно запускает демон, и через порт 2375 демоном может управлять любой, кто к нему подключится.',
    },
    quotes: ['arch.client-server', 'components.daemon'], notes: ['arch.api-socket'],
  },
  socket: {
    section: 'architecture',
    summary: {
      en: 'The Docker daemon\'s API socket: whoever can use it controls the daemon, and through it the host.',
      ru: 'Сокет API демона Docker: кто может им пользоваться, тот управляет демоном, а через него — хостом.',
    },
    quotes: ['arch.daemon', 'arch.client-server'], notes: ['arch.api-socket'],
  },
  client: {
    section: 'architecture',
    summary: {
      en: 'The Docker client: it does nothing by itself and sends every command to a daemon\'s REST API.',
      ru: 'Клиент Docker: сам он ничего не делает и отправляет каждую команду в REST API демона.',
    },
    quotes: ['arch.client-server', 'components.client'], notes: ['arch.docker-in-image'],
  },
  daemon: {
    section: 'architecture',
    summary: {
      en: 'The Docker daemon: it manages images, containers, volumes and networks, and runs containers through containerd.',
      ru: 'Демон Docker: управляет образами, контейнерами, томами и сетями, а контейнеры запускает через containerd.',
    },
    quotes: ['arch.daemon', 'components.daemon', 'components.containerd'], notes: ['arch.docker-in-image', 'components.runtime'],
  },
} satisfies Record<string, Topic>;
