import type { Fix, RawFinding } from '../core/types';
import type { DockerfileModel, Stage } from '../model/types';
import { KNOWN_TAGS } from '../data/known-tags';
import type { Rule } from './rule';
import { closest } from './support/args';
import { flagValueRange } from './support/flag-ranges';
import { contextId, findingsPerStage } from './support/stage-cache';

/**
 * `COPY --from=x` where x is not an earlier stage. The builder then treats x
 * as an image reference and pulls it, so a typo in a stage name turns into a
 * confusing pull error (or silently copies from an unrelated image). Image
 * references (with `/`, `:`, `@`, `.` or a well-known official image name)
 * and variables are accepted. A stage defined later is reported as info:
 * BuildKit resolves it, the legacy builder pulls an image of that name.
 */
export const unknownCopyFrom: Rule = {
  id: 'unknown-copy-from',
  aliases: ['DL3022'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: '`COPY --from` names neither an earlier stage nor an image.',
    ru: '`COPY --from` указывает не на предыдущий этап и не на образ.',
  },
  check(model) {
    // First stage of each lower-cased name, built once: a file can have hundreds of stages and COPYs.
    const byName = new Map<string, Stage>();
    for (const s of model.stages) if (s.name && !byName.has(s.name.toLowerCase())) byName.set(s.name.toLowerCase(), s);
    // A stage's findings depend on every stage's name and line (a later stage is named with its line): kept per stage under those.
    const stagesKey = contextId(model.stages.map((s) => `${s.name ?? ''}@${s.from.range.start.line}`).join('|'));
    return findingsPerStage('unknown-copy-from', model, (stage) => stageFindings(model, stage, byName), { context: (stage) => `${stage.index}|${stagesKey}` });
  },
};

/** Official images people copy from by their bare name (besides the pinning table). */
const IMAGE_NAMES = new Set([
  ...Object.keys(KNOWN_TAGS), 'busybox', 'scratch', 'centos', 'fedora', 'amazonlinux', 'nginx', 'traefik', 'caddy', 'haproxy',
  'redis', 'memcached', 'mariadb', 'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'composer', 'hello-world', 'registry',
  'rabbitmq', 'elasticsearch', 'consul', 'vault', 'bash', 'perl', 'erlang', 'elixir', 'swift', 'haskell', 'julia', 'clojure',
  'kong', 'nats', 'influxdb', 'telegraf', 'ghost', 'wordpress', 'drupal', 'joomla', 'nextcloud', 'gcc', 'buildpack-deps',
]);

function looksLikeImage(ref: string): boolean {
  return /[/:@.]/.test(ref) || IMAGE_NAMES.has(ref);
}

function stageFindings(model: DockerfileModel, stage: Stage, byName: ReadonlyMap<string, Stage>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'COPY') continue;
    const flag = ins.flags.find((f) => f.name === 'from');
    if (!flag?.value || flag.value.includes('$')) continue;
    const v = flag.value;
    const range = flagValueRange(model, flag, 0, v.length) ?? flag.range;
    const lower = v.toLowerCase();
    if (/^\d+$/.test(v)) {
      const n = Number(v);
      if (n < stage.index || n === stage.index) continue; // n === index: copy-from-self
      const exists = n < model.stages.length;
      findings.push({
        severity: exists ? 'warning' : 'error',
        range,
        message: exists
          ? {
            en: `\`--from=${v}\` is a later stage (stage indexes count from 0 in file order; this is stage ${stage.index}). Copy from an earlier stage, preferably by name: numbers break when stages are added.`,
            ru: `\`--from=${v}\` — более поздний этап (номера этапов считаются с 0 по порядку в файле; это этап ${stage.index}). Копируйте из более раннего этапа, лучше по имени: номера ломаются при добавлении этапов.`,
          }
          : {
            en: `\`--from=${v}\`: there is no stage ${v} (the file has ${model.stages.length}, numbered from 0); the build fails.`,
            ru: `\`--from=${v}\`: этапа ${v} нет (в файле их ${model.stages.length}, нумерация с 0); сборка завершится ошибкой.`,
          },
        fixes: [],
      });
      continue;
    }
    if (stage.name && lower === stage.name.toLowerCase()) continue; // copy-from-self
    const target = byName.get(lower);
    if (target && target.index < stage.index) continue;
    if (target) {
      findings.push({
        severity: 'info',
        range,
        message: {
          en: `\`--from=${v}\` names the stage defined later, on line ${target.from.range.start.line + 1}. BuildKit resolves it, but the legacy builder would pull an image called \`${v}\`; define the stage before the COPY that uses it.`,
          ru: `\`--from=${v}\` ссылается на этап, объявленный позже, в строке ${target.from.range.start.line + 1}. BuildKit его найдёт, но классический сборщик попытается скачать образ \`${v}\`; объявите этап до COPY, которая его использует.`,
        },
        fixes: [],
      });
      continue;
    }
    if (looksLikeImage(lower)) continue;
    const earlier = model.stages.slice(0, stage.index).map((s) => s.name).filter((n): n is string => !!n);
    const guess = closest(lower, earlier.map((n) => n.toLowerCase()), lower.length > 4 ? 2 : 1);
    // `--from=set` for a stage `license-set`: one earlier stage has it as a part of its name.
    const partial = earlier.filter((n) => n.toLowerCase().split(/[-_.]/).includes(lower));
    const suggestion = guess ? earlier.find((n) => n.toLowerCase() === guess)! : partial.length === 1 ? partial[0] : null;
    const fixes: Fix[] = suggestion ? [{
      title: { en: `Copy from the stage \`${suggestion}\``, ru: `Копировать из этапа \`${suggestion}\`` },
      edits: [{ range, newText: suggestion }],
      safe: false,
    }] : [];
    const names = earlier.length ? earlier.map((n) => `\`${n}\``).join(', ') : null;
    findings.push({
      severity: suggestion ? 'warning' : 'info',
      range,
      message: {
        en: `\`--from=${v}\` is not the name of an earlier stage${names ? ` (${names})` : ''}, so unless the build passes a named context (\`--build-context ${lower}=…\`) the builder will try to pull an image \`docker.io/library/${lower}:latest\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Name a stage with `FROM … AS <name>` or give a full image reference.'}`,
        ru: `\`--from=${v}\` — не имя предыдущего этапа${names ? ` (${names})` : ''}, поэтому, если сборке не передан именованный контекст (\`--build-context ${lower}=…\`), сборщик попытается скачать образ \`docker.io/library/${lower}:latest\`.${suggestion ? ` Возможно, имелось в виду \`${suggestion}\`?` : ' Назовите этап через `FROM … AS <имя>` или укажите полную ссылку на образ.'}`,
      },
      fixes,
    });
  }
  return findings;
}
