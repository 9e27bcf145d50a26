import type { Localized } from '../i18n';

/**
 * The lecture as data. `ru` quotes are verbatim fragments of
 * shared/lecture/lecture-4.ru.md (a test checks that); `en` is our rendering.
 * Notes marked `beyondLecture` state the precise truth where the lecture simplifies.
 */
export type SectionId = 'architecture' | 'components' | 'layers' | 'persistent-data' | 'networks' | 'best-practices';

export interface Quote { id: string; section: SectionId; ru: string; en: string }
export interface Note { id: string; section: SectionId; text: Localized }
export interface Section { id: SectionId; title: Localized; quotes: string[] }

/** The lecture's own title (`ru` verbatim from its first line). */
export const LECTURE_TITLE: Localized = {
  ru: 'Лекция 4: Контейнеризация в Docker: архитектура изоляции и оптимизация слоев',
  en: 'Lecture 4: Containerisation with Docker: the architecture of isolation and layer optimisation',
};

/** Every section lists all of its quotes, in the order they appear in the lecture. */
export const SECTIONS: Section[] = [
  { id: 'architecture', title: { ru: 'Архитектура и изоляция', en: 'Architecture and isolation' }, quotes: ['arch.platform', 'arch.hypervisors', 'arch.isolation', 'arch.daemon', 'arch.client-server', 'arch.orchestrators'] },
  { id: 'components', title: { ru: 'Таблица 1. Компоненты архитектуры Docker', en: 'Table 1. Components of the Docker architecture' }, quotes: ['components.daemon', 'components.client', 'components.registry', 'components.containerd'] },
  { id: 'layers', title: { ru: 'Слоистая файловая система (UnionFS)', en: 'The layered file system (UnionFS)' }, quotes: ['layers.unionfs', 'layers.cache', 'layers.efficiency', 'layers.run-copy-add'] },
  { id: 'persistent-data', title: { ru: 'Persistent data: тома и bind mounts', en: 'Persistent data: volumes and bind mounts' }, quotes: ['data.critical', 'data.stateless', 'data.volumes', 'data.prefer-volumes'] },
  { id: 'networks', title: { ru: 'Сетевая модель', en: 'The network model' }, quotes: ['net.drivers', 'net.ports'] },
  { id: 'best-practices', title: { ru: 'Лучшие практики (best practices)', en: 'Best practices' }, quotes: ['best.intro', 'best.minimal', 'best.merge-run', 'best.non-root', 'best.tags', 'best.devops'] },
];
export const QUOTES: Quote[] = [
  {
    id: 'arch.platform', section: 'architecture',
    ru: '**Docker** представляет собой платформу для контейнеризации приложений, реализующую виртуализацию на уровне операционной системы.',
    en: '**Docker** is a platform for containerising applications that implements virtualisation at the operating-system level.',
  },
  {
    id: 'arch.hypervisors', section: 'architecture',
    ru: 'В отличие от гипервизоров, эмулирующих аппаратное обеспечение,',
    en: 'Unlike hypervisors, which emulate hardware,',
  },
  {
    id: 'arch.isolation', section: 'architecture',
    ru: 'Docker использует механизмы ядра Linux (**namespaces** и **cgroups**) для создания изолированных пользовательских пространств, разделяющих ядро с хост-системой, что обеспечивает минимальные накладные расходы и мгновенный запуск.',
    en: 'Docker uses Linux kernel mechanisms (**namespaces** and **cgroups**) to create isolated user spaces that share the kernel with the host, which gives minimal overhead and instant start-up.',
  },
  {
    id: 'arch.daemon', section: 'architecture',
    ru: 'Архитектурно Docker построен по клиент-серверной модели. **Docker daemon (dockerd)** отвечает за управление объектами: образами (images), контейнерами (containers), томами (volumes) и сетями.',
    en: 'Architecturally, Docker follows a client-server model. The **Docker daemon (dockerd)** manages the objects: images, containers, volumes and networks.',
  },
  {
    id: 'arch.client-server', section: 'architecture',
    ru: '**Docker client** взаимодействует с демоном через REST API, что позволяет управлять контейнерами как локально, так и удаленно.',
    en: 'The **Docker client** talks to the daemon through a REST API, so containers can be managed both locally and remotely.',
  },
  {
    id: 'arch.orchestrators', section: 'architecture',
    ru: 'Ключевое преимущество такой архитектуры — возможность интеграции с оркестраторами (Kubernetes, Swarm) через стандартизированный интерфейс.',
    en: 'The key advantage of this architecture is that orchestrators (Kubernetes, Swarm) can integrate with it through a standardised interface.',
  },
  {
    id: 'components.daemon', section: 'components',
    ru: '| **Docker daemon** | Управление объектами | REST API, containerd | Фоновый процесс, orchestration |',
    en: '| **Docker daemon** | Manages objects | REST API, containerd | Background process, orchestration |',
  },
  {
    id: 'components.client', section: 'components',
    ru: '| **Docker client** | Интерфейс пользователя | CLI → daemon | Кроссплатформенность |',
    en: '| **Docker client** | User interface | CLI → daemon | Cross-platform |',
  },
  {
    id: 'components.registry', section: 'components',
    ru: '| **Docker registry** | Хранение образов | push/pull | Публичные/приватные реестры |',
    en: '| **Docker registry** | Stores images | push/pull | Public/private registries |',
  },
  {
    id: 'components.containerd', section: 'components',
    ru: '| **containerd** | Жизненный цикл контейнера | Промышленный стандарт | Выделен из dockerd |',
    en: '| **containerd** | Container lifecycle | Industry standard | Split out of dockerd |',
  },
  {
    id: 'layers.unionfs', section: 'layers',
    ru: 'Фундаментальная концепция Docker — **слоистая файловая система (UnionFS)**. Каждая инструкция в **Dockerfile** создает новый read-only слой.',
    en: 'The fundamental concept of Docker is the **layered file system (UnionFS)**. Every instruction in a **Dockerfile** creates a new read-only layer.',
  },
  {
    id: 'layers.cache', section: 'layers',
    ru: 'При сборке образа слои кешируются; при запуске контейнера поверх них монтируется read-write слой.',
    en: 'Layers are cached while the image is built; when a container starts, a read-write layer is mounted on top of them.',
  },
  {
    id: 'layers.efficiency', section: 'layers',
    ru: 'Это обеспечивает эффективное использование дискового пространства и ускоряет развертывание — скачиваются только измененные слои.',
    en: 'This uses disk space efficiently and speeds up deployment: only the changed layers are downloaded.',
  },
  {
    id: 'layers.run-copy-add', section: 'layers',
    ru: 'Однако разработчику важно понимать, что каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой, и их оптимизация напрямую влияет на размер итогового образа.',
    en: 'A developer must understand, though, that every `RUN`, `COPY` or `ADD` instruction creates a separate layer, and optimising them directly affects the size of the final image.',
  },
  {
    id: 'data.critical', section: 'persistent-data',
    ru: 'Критическим аспектом production-эксплуатации является управление **persistent data**.',
    en: 'Managing **persistent data** is a critical aspect of running containers in production.',
  },
  {
    id: 'data.stateless', section: 'persistent-data',
    ru: 'Контейнеры по умолчанию stateless — все данные, записанные в read-write слое, уничтожаются при удалении контейнера.',
    en: 'Containers are stateless by default: all data written to the read-write layer is destroyed when the container is removed.',
  },
  {
    id: 'data.volumes', section: 'persistent-data',
    ru: 'Для постоянного хранения Docker предоставляет **тома (volumes)**, управляемые демоном, и **bind mounts**, монтирующие директории хоста.',
    en: 'For persistent storage Docker provides **volumes**, managed by the daemon, and **bind mounts**, which mount directories of the host.',
  },
  {
    id: 'data.prefer-volumes', section: 'persistent-data',
    ru: 'Тома предпочтительнее, так как они полностью изолированы от хостовой файловой системы и могут управляться через Docker API.',
    en: 'Volumes are preferable because they are fully isolated from the host file system and can be managed through the Docker API.',
  },
  {
    id: 'net.drivers', section: 'networks',
    ru: 'Сетевая модель Docker абстрагирует коммуникации через драйверы: **bridge** (изоляция контейнеров на хосте), **host** (прямой доступ к сетевому стеку хоста), **overlay** (связь между хостами в кластере).',
    en: "Docker's network model abstracts communication through drivers: **bridge** (isolating containers on one host), **host** (direct access to the host's network stack), **overlay** (connecting hosts in a cluster).",
  },
  {
    id: 'net.ports', section: 'networks',
    ru: 'По умолчанию каждый контейнер получает виртуальный сетевой интерфейс и IP-адрес из приватного пула, а проброс портов осуществляется через правила iptables.',
    en: 'By default every container gets a virtual network interface and an IP address from a private pool, and ports are forwarded by iptables rules.',
  },
  {
    id: 'best.intro', section: 'best-practices',
    ru: 'Для промышленной разработки критически важно следовать **best practices**:',
    en: 'In industrial development it is critical to follow **best practices**:',
  },
  {
    id: 'best.minimal', section: 'best-practices',
    ru: 'использовать минимальные базовые образы (alpine)',
    en: 'use minimal base images (alpine)',
  },
  {
    id: 'best.merge-run', section: 'best-practices',
    ru: 'объединять команды `RUN` для уменьшения числа слоев',
    en: 'combine `RUN` commands to reduce the number of layers',
  },
  {
    id: 'best.non-root', section: 'best-practices',
    ru: 'запускать процессы от непривилегированного пользователя',
    en: 'run processes as an unprivileged user',
  },
  {
    id: 'best.tags', section: 'best-practices',
    ru: 'всегда явно указывать теги версий для воспроизводимости сборок',
    en: 'always name version tags explicitly, for reproducible builds',
  },
  {
    id: 'best.devops', section: 'best-practices',
    ru: 'Это превращает Docker из инструмента упаковки в фундаментальный компонент DevOps-пайплайна, обеспечивающий идентичность окружений на всех этапах: от рабочей станции разработчика до production-кластера.',
    en: "This turns Docker from a packaging tool into a fundamental part of the DevOps pipeline, keeping environments identical at every stage, from the developer's workstation to the production cluster.",
  },
];

export const NOTES: Note[] = [
  {
    id: 'arch.namespaces-cgroups', section: 'architecture', text: {
      en: 'Namespaces limit what a process can see (process IDs, mounts, network, hostname, users, IPC); cgroups limit what it can use (CPU, memory, I/O, number of processes).',
      ru: 'Namespaces ограничивают то, что процесс видит (идентификаторы процессов, точки монтирования, сеть, имя хоста, пользователи, IPC); cgroups — то, что он может потреблять (CPU, память, ввод-вывод, число процессов).',
    },
  },
  {
    id: 'arch.api-socket', section: 'architecture', text: {
      en: 'The client reaches the daemon\'s REST API through a socket: `/var/run/docker.sock` on the same host, or TCP port 2375 (plain text, no authentication) or 2376 (TLS) remotely. Whoever can talk to that socket or port controls the daemon, and through it the host as root.',
      ru: 'Клиент обращается к REST API демона через сокет: на том же хосте — `/var/run/docker.sock`, удалённо — TCP-порт 2375 (открытый текст, без аутентификации) или 2376 (TLS). Кто может обращаться к этому сокету или порту, тот управляет демоном, а через него — хостом с правами root.',
    },
  },
  {
    id: 'arch.docker-in-image', section: 'architecture', text: {
      en: 'The `docker` CLI in an image is only the client: it needs a daemon to talk to, usually the host\'s, through a mounted `/var/run/docker.sock` (which hands the container the host). Running `dockerd` itself in a container (Docker-in-Docker) usually needs `--privileged`.',
      ru: 'CLI `docker` в образе — это только клиент: ему нужен демон — обычно демон хоста, доступный через смонтированный `/var/run/docker.sock` (а это отдаёт контейнеру весь хост). Запуск самого `dockerd` в контейнере (Docker-in-Docker) обычно требует `--privileged`.',
    },
  },
  {
    id: 'components.runtime', section: 'components', text: {
      en: 'containerd does not start container processes itself: for each container it runs a small shim that calls an OCI runtime (runc by default) to set up the namespaces and cgroups.',
      ru: 'containerd не запускает процессы контейнера сам: для каждого контейнера он запускает небольшой shim, который вызывает OCI-среду выполнения (по умолчанию runc), а та создаёт namespaces и cgroups.',
    },
  },
  {
    id: 'components.registry-blobs', section: 'components', text: {
      en: 'A registry stores an image as a manifest plus content-addressed layer blobs; `docker push` and `docker pull` transfer only the blobs the other side does not have yet.',
      ru: 'Реестр хранит образ как манифест и набор blob-ов слоёв, адресуемых по содержимому; `docker push` и `docker pull` передают только те blob-ы, которых у другой стороны ещё нет.',
    },
  },
  {
    id: 'layers.copy-on-write', section: 'layers', text: {
      en: 'The read-write layer is copy-on-write: the first time a container changes a file that comes from an image layer, the storage driver (e.g. overlay2) copies the whole file up into the read-write layer.',
      ru: 'Read-write слой работает по принципу copy-on-write: когда контейнер впервые меняет файл из слоя образа, драйвер хранения (например, overlay2) копирует весь файл в read-write слой.',
    },
  },
  {
    id: 'layers.which-instructions', section: 'layers', text: {
      en: 'Filesystem layers come from `RUN`, `COPY` and `ADD`, and in BuildKit (Docker\'s default builder) also from every `WORKDIR` other than `/`: it creates its directory as a layer even when the directory already exists. Other instructions (`ENV`, `LABEL`, `CMD`, `EXPOSE`, `USER`, …) change only the image configuration; `docker history` lists them with a size of 0 B.',
      ru: 'Слои файловой системы создают `RUN`, `COPY` и `ADD`, а в BuildKit (сборщике Docker по умолчанию) ещё и каждая `WORKDIR`, кроме `/`: она создаёт свою директорию отдельным слоем, даже если директория уже есть. Остальные инструкции (`ENV`, `LABEL`, `CMD`, `EXPOSE`, `USER`, …) меняют только конфигурацию образа; `docker history` показывает их с размером 0 B.',
    },
  },
  {
    id: 'layers.empty-run', section: 'layers', text: {
      en: 'BuildKit records a layer per instruction, not per change: a `RUN` that changes no file still gets its row in `docker history` (0 B); the legacy builder marks such a step as an empty layer. Compare the Layers view with `docker history IMAGE`: the extra rows there come from the base image and from configuration-only instructions.',
      ru: 'BuildKit записывает слой на каждую инструкцию, а не на каждое изменение: `RUN`, которая не изменила ни одного файла, всё равно получает свою строку в `docker history` (0 B); классический сборщик помечает такой шаг как пустой слой. Сравните представление Layers с `docker history ОБРАЗ`: лишние строки там — это слои базового образа и инструкции, меняющие только конфигурацию.',
    },
  },
  {
    id: 'layers.delete', section: 'layers', text: {
      en: 'Deleting a file in a later layer does not make the image smaller: the bytes stay in the earlier read-only layer, the later one only hides them. Clean up in the same `RUN` that created the files.',
      ru: 'Удаление файла в более позднем слое не уменьшает образ: байты остаются в прежнем read-only слое, новый слой их только скрывает. Убирайте за собой в том же `RUN`, где файлы появились.',
    },
  },
  {
    id: 'layers.cache-order', section: 'layers', text: {
      en: 'The build cache is invalidated from the first changed instruction on: put what changes rarely (dependency manifests, installs) before what changes often (your source code).',
      ru: 'Кеш сборки сбрасывается начиная с первой изменившейся инструкции: то, что меняется редко (манифесты зависимостей, установка), ставьте раньше того, что меняется часто (исходный код).',
    },
  },
  {
    id: 'layers.copy-link', section: 'layers', text: {
      en: '`COPY --link` (BuildKit) writes the files as a layer of its own, independent of the layers below: when an earlier instruction changes, the copy is not redone, only stacked again on the new layers.',
      ru: '`COPY --link` (BuildKit) записывает файлы отдельным слоем, не зависящим от нижних: когда меняется одна из предыдущих инструкций, копирование не повторяется — слой лишь заново кладётся поверх новых слоёв.',
    },
  },
  {
    id: 'layers.cache-mount', section: 'layers', text: {
      en: '`RUN --mount=type=cache` keeps a package cache between builds without putting it into any layer; `--mount=type=secret` gives a secret to one RUN without storing it.',
      ru: '`RUN --mount=type=cache` сохраняет кеш пакетов между сборками, не записывая его ни в один слой; `--mount=type=secret` передаёт секрет одному RUN, не сохраняя его.',
    },
  },
  {
    id: 'layers.heredoc', section: 'layers', text: {
      en: 'A heredoc (`RUN <<EOF … EOF`) runs a multi-line script in one layer without `&&` and `\\` chains. It loses the fail-fast of `&&`, though: a failing line does not stop the script unless it starts with `set -e`, and the step fails only when the last command does.',
      ru: 'Heredoc (`RUN <<EOF … EOF`) выполняет многострочный скрипт в одном слое без цепочек `&&` и `\\`. Но остановки на первой ошибке, как у `&&`, в нём нет: упавшая строка не прерывает скрипт, если он не начинается с `set -e`, и шаг завершается ошибкой, только если упала последняя команда.',
    },
  },
  {
    id: 'layers.multi-stage', section: 'layers', text: {
      en: 'In a multi-stage build the image is the target stage: the last one unless `docker build --target` names another. Only the target and the stages it is built `FROM` end up in the image; `COPY --from` copies files, not layers. BuildKit builds only the stages the target needs (through `FROM`, `COPY --from` and `RUN --mount=from=…`); the legacy builder builds every stage before the target.',
      ru: 'В многоэтапной сборке образом становится целевой этап: последний, если `docker build --target` не называет другой. В образ попадают только он и этапы, от которых он унаследован через `FROM`; `COPY --from` копирует файлы, а не слои. BuildKit собирает только те этапы, которые нужны целевому (через `FROM`, `COPY --from` и `RUN --mount=from=…`); классический сборщик собирает все этапы до целевого.',
    },
  },
  {
    id: 'data.volume-build', section: 'persistent-data', text: {
      en: '`VOLUME` in a Dockerfile only declares a mount point; the volume itself is created at `docker run`.',
      ru: '`VOLUME` в Dockerfile лишь объявляет точку монтирования; сам том создаётся при `docker run`.',
    },
  },
  {
    id: 'data.volume-later-changes', section: 'persistent-data', text: {
      en: 'Build steps after `VOLUME` that change files under its path: the legacy builder discards those changes, BuildKit keeps them in the image. Either way, what is mounted there at `docker run` hides the image\'s files: an existing volume or a bind mount completely, while a new empty volume is first filled with them.',
      ru: 'Если шаги сборки после `VOLUME` меняют файлы по его пути, классический сборщик отбрасывает эти изменения, а BuildKit сохраняет их в образе. Но в любом случае то, что смонтировано туда при `docker run`, закрывает файлы образа: существующий том или bind mount — полностью, а новый пустой том сначала заполняется ими.',
    },
  },
  {
    id: 'net.expose', section: 'networks', text: {
      en: '`EXPOSE` publishes nothing by itself: it records the port in the image configuration. `docker run -p HOST:CONTAINER` publishes one port, and `docker run -P` publishes every `EXPOSE`d port on a random host port; publishing is what creates the iptables rules. Containers on the same network reach the port without any publishing.',
      ru: 'Инструкция `EXPOSE` сама ничего не публикует: она лишь записывает порт в конфигурацию образа. `docker run -p ХОСТ:КОНТЕЙНЕР` публикует один порт, а `docker run -P` — все порты из `EXPOSE`, каждый на случайный порт хоста; правила iptables создаёт именно публикация. Контейнеры в той же сети обращаются к порту и без публикации.',
    },
  },
  {
    id: 'net.run-network', section: 'networks', text: {
      en: '`RUN --network=none|host|default` chooses the network of that build step only; `none` makes the step fully offline. `host` is guarded by the `network.host` entitlement: the build must ask for it (`docker buildx build --allow network.host`) and the BuildKit daemon must allow it (`--allow-insecure-entitlement network.host`), otherwise the build fails.',
      ru: '`RUN --network=none|host|default` выбирает сеть только для этого шага сборки; `none` полностью отключает шаг от сети. `host` защищён разрешением (entitlement) `network.host`: сборка должна его запросить (`docker buildx build --allow network.host`), а демон BuildKit — допускать (`--allow-insecure-entitlement network.host`), иначе сборка завершится ошибкой.',
    },
  },
  {
    id: 'best.user-default', section: 'best-practices', text: {
      en: 'Without any `USER` instruction a container runs as root (UID 0) unless its base image sets another user.',
      ru: 'Без инструкции `USER` контейнер работает от root (UID 0), если базовый образ не задаёт другого пользователя.',
    },
  },
  {
    id: 'best.root-is-root', section: 'best-practices', text: {
      en: 'Namespaces isolate a root process but do not make it unprivileged: without user-namespace remapping (`userns-remap`) or rootless mode, UID 0 in the container is UID 0 on the host. A process that escapes, or writes to a mounted host directory, does so as root.',
      ru: 'Namespaces изолируют процесс root, но не лишают его привилегий: без переназначения пользовательских namespaces (`userns-remap`) или rootless-режима UID 0 в контейнере — это UID 0 на хосте. Процесс, вырвавшийся наружу или пишущий в смонтированную директорию хоста, действует от имени root.',
    },
  },
  {
    id: 'best.digest', section: 'best-practices', text: {
      en: 'A tag can be moved to a new image at any time; only a digest (`@sha256:…`) names exactly one image.',
      ru: 'Тег можно в любой момент перевесить на новый образ; однозначно образ задаёт только дайджест (`@sha256:…`).',
    },
  },
];

const quoteById = new Map(QUOTES.map((q) => [q.id, q]));
const noteById = new Map(NOTES.map((n) => [n.id, n]));
const sectionById = new Map(SECTIONS.map((s) => [s.id, s]));

export function quote(id: string): Quote {
  const q = quoteById.get(id);
  if (!q) throw new Error(`unknown lecture quote ${id}`);
  return q;
}
export function note(id: string): Note {
  const n = noteById.get(id);
  if (!n) throw new Error(`unknown lecture note ${id}`);
  return n;
}
export function section(id: SectionId): Section {
  const s = sectionById.get(id);
  if (!s) throw new Error(`unknown lecture section ${id}`);
  return s;
}
export function isSectionId(id: string): id is SectionId {
  return sectionById.has(id as SectionId);
}
