import type { Fix, RawFinding } from '../core/types';
import { officialName } from '../data/known-tags';
import type { DockerfileModel, Stage } from '../model/types';
import type { Rule } from './rule';

/**
 * A full-size official base image in the final image where a smaller variant
 * of the same version exists: `-slim` (Debian without extras) and/or
 * `-alpine` (musl libc, apk), or a JRE instead of a JDK. Only for stages whose
 * layers reach the final image, only for plain version tags (a tag that
 * already names a variant is a deliberate choice), never for digests. Builder
 * stages need their compilers and are left alone. The fixes are not safe: a
 * smaller image lacks tools, and alpine changes libc and package manager.
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
  check(model) {
    const findings: RawFinding[] = [];
    for (const stage of model.stages) {
      if (!stage.reachesFinalImage || stage.base.fromStage >= 0 || stage.base.scratch) continue;
      const { base } = stage;
      if (!base.name || !base.tag || base.digest || base.resolved === null) continue;
      const image = officialName(base.name);
      if (!image) continue;
      const offer = variantsFor(image, base.tag, model, stage);
      if (!offer) continue;
      const fixes = offer.variants.map((v) => variantFix(model, stage, v)).filter((f): f is Fix => f !== null);
      const names = offer.variants.map((v) => `\`${offer.image ?? base.name}:${v.tag}\``);
      findings.push({
        range: base.range,
        message: {
          en: `\`${base.name}:${base.tag}\` is the full-size image${offer.why.en}; ${names.join(' or ')} of the same version is smaller: less to download, store and patch, and fewer packages with vulnerabilities. The lecture: "use minimal base images (alpine)".`,
          ru: `\`${base.name}:${base.tag}\` — полноразмерный образ${offer.why.ru}; ${names.join(' или ')} той же версии меньше: меньше скачивать, хранить и обновлять, меньше пакетов с уязвимостями. Лекция: «использовать минимальные базовые образы (alpine)».`,
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
    case 'php': {
      const m = /^(\d+(?:\.\d+){0,2})(-(cli|fpm|zts))?$/.exec(tag);
      if (!m) return null;
      return { variants: [{ tag: `${tag}-alpine`, kind: 'alpine' }], why: { en: ' (Debian based)', ru: ' (на основе Debian)' } };
    }
    case 'eclipse-temurin':
    case 'openjdk': {
      const m = /^(\d+(?:[.\d_+]*)?)(-jdk)?(-(?:noble|jammy|focal|alpine|ubi9-minimal|ubi10-minimal))?$/.exec(tag);
      if (!m || compilesJava(model, stage)) return null;
      if (image === 'openjdk') {
        // The openjdk images are deprecated and current versions have no JRE tags: offer Temurin's.
        const major = /^\d+/.exec(m[1])![0];
        return { image: 'eclipse-temurin', variants: [{ tag: `${major}-jre`, kind: 'jre' }], why: { en: ' with a full JDK (compiler and tools), and the `openjdk` images are deprecated', ru: ' с полным JDK (компилятор и инструменты), к тому же образы `openjdk` устарели' } };
      }
      return { variants: [{ tag: `${m[1]}-jre${m[3] ?? ''}`, kind: 'jre' }], why: { en: ' with a full JDK (compiler and tools) that a running application does not need', ru: ' с полным JDK (компилятор и инструменты), который запущенному приложению не нужен' } };
    }
    default:
      return null;
  }
}

/** Stages of the final image that compile Java need the JDK. */
function compilesJava(model: DockerfileModel, stage: Stage): boolean {
  return model.stages.filter((s) => s.reachesFinalImage && s.index >= stage.index)
    .some((s) => s.instructions.some((i) => /\b(javac|mvn|mvnw|gradle|gradlew|jlink|jar)\b/.test(i.script?.text ?? '')));
}

function usesApt(model: DockerfileModel, stage: Stage): boolean {
  return model.stages.filter((s) => s.reachesFinalImage && s.index >= stage.index)
    .some((s) => s.instructions.some((i) => /\bapt(-get)?\b/.test(i.script?.text ?? '')));
}

function variantFix(model: DockerfileModel, stage: Stage, v: Variant): Fix | null {
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
  const apt = usesApt(model, stage);
  const title = v.kind === 'slim'
    ? { en: `Switch to ${target} (fewer packages: add what your build needs)`, ru: `Перейти на ${target} (меньше пакетов: добавьте то, что нужно сборке)` }
    : v.kind === 'jre'
      ? { en: `Switch to ${target} (runtime only: no javac)`, ru: `Перейти на ${target} (только среда выполнения: без javac)` }
      : apt
        ? { en: `Switch to ${target} — Alpine: apt-get becomes apk (rewrite the RUN lines) and glibc becomes musl`, ru: `Перейти на ${target} — Alpine: вместо apt-get будет apk (перепишите RUN) и вместо glibc — musl` }
        : { en: `Switch to ${target} — Alpine uses musl instead of glibc`, ru: `Перейти на ${target} — в Alpine musl вместо glibc` };
  return { title, edits: [{ range: base.range, newText }], safe: false };
}
