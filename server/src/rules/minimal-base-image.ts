import type { Fix, RawFinding } from '../core/types';
import { officialName } from '../data/known-tags';
import type { DockerfileModel, Stage } from '../model/types';
import type { Rule } from './rule';
import { commandsOf } from './support/run-commands';
import { imageKind } from './support/image-kind';
import { rootImage } from './support/known-images';

/**
 * A full-size official base image in the final image where a smaller variant
 * of the same version exists: `-slim` (Debian without extras) and/or
 * `-alpine` (musl libc, apk), or a JRE instead of a JDK. Only for stages whose
 * layers reach the final image, only for plain version tags (a tag that
 * already names a variant is a deliberate choice, `-jdk` included), never for
 * digests, and only for runtime images (support/image-kind.ts): toolchain,
 * dev-container and base images need their full base. Alpine is never offered
 * to a stage that uses apt-get/dpkg or glibc. Every Debian php image is
 * already slim-based. The fixes are not safe: a smaller image lacks tools.
 */
export const minimalBaseImage: Rule = {
  id: 'minimal-base-image',
  aliases: [],
  severity: 'info',
  lecture: 'best-practices',
  description: {
    en: 'The final image is built on a full-size base: a -slim or -alpine variant of the same version is smaller.',
    ru: 'Итоговый образ построен на полноразмерной базе: вариант -slim или -alpine той же версии меньше.',
  },
  check(model, context) {
    // Toolchain, dev-container and base images need their full base; only images that are run get the advice.
    if (imageKind(model, context.filePath)?.kind !== 'runtime') return [];
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      if (!stage.reachesFinalImage || stage.base.fromStage >= 0 || stage.base.scratch) continue;
      const { base } = stage;
      if (!base.name || !base.tag || base.digest || base.resolved === null || rootImage(model, stage) === null) continue;
      const image = officialName(base.name);
      if (!image) continue;
      const offer = withoutAlpineIfGlibc(variantsFor(image, base.tag, model, stage), model, stage);
      if (!offer) continue;
      const fixes = offer.variants.map((v) => variantFix(stage, v)).filter((f): f is Fix => f !== null);
      const names = offer.variants.map((v) => `\`${offer.image ?? base.name}:${v.tag}\``);
      findings.push({
        range: base.range,
        message: {
          en: `\`${base.name}:${base.tag}\` is the full-size image${offer.why.en}; ${names.join(' or ')} of the same version is smaller: less to download on the first pull (later "only changed layers are downloaded"), to store and to patch, and fewer packages with vulnerabilities. The lecture: "use minimal base images (alpine)".`,
          ru: `\`${base.name}:${base.tag}\` — полноразмерный образ${offer.why.ru}; ${names.join(' или ')} той же версии меньше: меньше скачивать при первой загрузке (потом «скачиваются только измененные слои»), хранить и обновлять, меньше пакетов с уязвимостями. Лекция: «использовать минимальные базовые образы (alpine)».`,
        },
        fixes,
      });
    }
    return findings;
  },
};

interface Variant { tag: string; kind: 'slim' | 'alpine' | 'jre' }
interface Offer { variants: Variant[]; why: { en: string; ru: string }; image?: string }

const VERSION = /^\d+(\.\d+){0,2}$/;
const DEBIAN_CODENAMES = 'bookworm|bullseye|buster|trixie|forky';
const WITH_CODENAME = new RegExp(`^(\\d+(?:\\.\\d+){0,2})-(${DEBIAN_CODENAMES})$`);

function variantsFor(image: string, tag: string, model: DockerfileModel, stage: Stage): Offer | null {
  const plain = { en: ' (Debian with compilers and many libraries)', ru: ' (Debian с компиляторами и множеством библиотек)' };
  const coded = WITH_CODENAME.exec(tag);
  switch (image) {
    case 'debian':
      if (VERSION.test(tag) || new RegExp(`^(${DEBIAN_CODENAMES}|sid|stable|testing|unstable|oldstable)$`).test(tag)) {
        return { variants: [{ tag: `${tag}-slim`, kind: 'slim' }], why: { en: '', ru: '' } };
      }
      return null;
    case 'node':
      if (VERSION.test(tag) || tag === 'lts' || tag === 'current') {
        return { variants: [{ tag: `${tag}-slim`, kind: 'slim' }, { tag: `${tag}-alpine`, kind: 'alpine' }], why: plain };
      }
      if (coded) return { variants: [{ tag: `${coded[1]}-${coded[2]}-slim`, kind: 'slim' }, { tag: `${coded[1]}-alpine`, kind: 'alpine' }], why: plain };
      return null;
    case 'python':
    case 'ruby':
      if (VERSION.test(tag)) return { variants: [{ tag: `${tag}-slim`, kind: 'slim' }, { tag: `${tag}-alpine`, kind: 'alpine' }], why: plain };
      if (coded) return { variants: [{ tag: `${coded[1]}-slim-${coded[2]}`, kind: 'slim' }, { tag: `${coded[1]}-alpine`, kind: 'alpine' }], why: plain };
      return null;
    case 'golang':
      if (VERSION.test(tag) || coded) {
        return {
          variants: [{ tag: `${coded ? coded[1] : tag}-alpine`, kind: 'alpine' }],
          why: { en: ' (the Go toolchain on full Debian); a compiled Go program rarely needs either at run time, so also consider building in one stage and copying the binary into `scratch`, `alpine` or a distroless image', ru: ' (инструменты Go на полном Debian); скомпилированной программе на Go они при запуске обычно не нужны, так что подумайте и о сборке в отдельном этапе с копированием бинарника в `scratch`, `alpine` или distroless-образ' },
        };
      }
      return null;
    // Every Debian php image (cli, fpm, apache) is built on debian:*-slim already.
    case 'eclipse-temurin':
    case 'openjdk': {
      // An explicit `-jdk` tag is a deliberate choice; a bare version is the JDK by default.
      const m = /^(\d+(?:[.\d_+]*)?)(-(?:noble|jammy|focal|alpine|ubi9-minimal|ubi10-minimal))?$/.exec(tag);
      if (!m || compilesJava(model, stage)) return null;
      if (image === 'openjdk') {
        // The openjdk images are deprecated and current versions have no JRE tags: offer Temurin's.
        const major = /^\d+/.exec(m[1])![0];
        return { image: 'eclipse-temurin', variants: [{ tag: `${major}-jre`, kind: 'jre' }], why: { en: ' with a full JDK (compiler and tools), and the `openjdk` images are deprecated', ru: ' с полным JDK (компилятор и инструменты), к тому же образы `openjdk` устарели' } };
      }
      return { variants: [{ tag: `${m[1]}-jre${m[2] ?? ''}`, kind: 'jre' }], why: { en: ' with a full JDK (compiler and tools) that a running application does not need', ru: ' с полным JDK (компилятор и инструменты), который запущенному приложению не нужен' } };
    }
    default:
      return null;
  }
}

/** Stages of the final image that compile Java, or build against the JDK's headers (`$JAVA_HOME/include`, jni.h), need the JDK. */
function compilesJava(model: DockerfileModel, stage: Stage): boolean {
  return laterStages(model, stage)
    .some((s) => s.instructions.some((i) => /\b(javac|mvn|mvnw|gradle|gradlew|jlink|jar|jni\.h|JAVA_HOME)\b/.test(i.script?.text ?? '')));
}

function laterStages(model: DockerfileModel, stage: Stage): Stage[] {
  return model.stages.filter((s) => s.reachesFinalImage && s.index >= stage.index);
}

/** Debian's package tools and glibc-only steps: on Alpine (apk, musl) these lines would have to be rewritten. */
const GLIBC_BOUND = ['apt-get', 'apt', 'dpkg', 'apt-key', 'add-apt-repository', 'locale-gen', 'update-locale', 'debconf-set-selections', 'dpkg-reconfigure'];

function boundToGlibc(model: DockerfileModel, stage: Stage): boolean {
  return laterStages(model, stage).some((s) => s.instructions.some((i) =>
    i.keyword === 'RUN' && (commandsOf(model, i).some((c) => GLIBC_BOUND.includes(c.name)) || /\.deb\b|glibc/.test(i.script?.text ?? ''))));
}

/** Never offer Alpine to a stage that uses apt-get or glibc: the fix would not build. */
function withoutAlpineIfGlibc(offer: Offer | null, model: DockerfileModel, stage: Stage): Offer | null {
  if (!offer || !offer.variants.some((v) => v.kind === 'alpine') || !boundToGlibc(model, stage)) return offer;
  const variants = offer.variants.filter((v) => v.kind !== 'alpine');
  return variants.length ? { ...offer, variants } : null;
}

function variantFix(stage: Stage, v: Variant): Fix | null {
  const { base } = stage;
  const image = officialName(base.name!);
  const target = image === 'openjdk' ? `eclipse-temurin:${v.tag}` : `${base.name}:${v.tag}`;
  let newText: string;
  if (base.variables.length === 0) {
    newText = image === 'openjdk' ? target : `${base.raw.slice(0, base.raw.length - base.tag!.length)}${v.tag}`;
  } else {
    // `node:${NODE_VERSION}`: append the suffix after the variable when that is all it takes.
    const m = /^(.*:)(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/.exec(base.raw);
    if (!m || image === 'openjdk' || !v.tag.startsWith(base.tag! + '-')) return null;
    newText = `${m[1]}${m[2]}${v.tag.slice(base.tag!.length)}`;
  }
  const title = v.kind === 'slim'
    ? { en: `Switch to ${target} (fewer packages: add what your build needs)`, ru: `Перейти на ${target} (меньше пакетов: добавьте то, что нужно сборке)` }
    : v.kind === 'jre'
      ? { en: `Switch to ${target} (runtime only: no javac)`, ru: `Перейти на ${target} (только среда выполнения: без javac)` }
      : { en: `Switch to ${target} — Alpine uses musl instead of glibc`, ru: `Перейти на ${target} — в Alpine musl вместо glibc` };
  return { title, edits: [{ range: base.range, newText }], safe: false };
}
