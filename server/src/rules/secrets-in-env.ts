import type { RawFinding } from '../core/types';
import type { DockerfileModel, InstructionInfo } from '../model/types';
import type { Rule } from './rule';
import { argumentText, wordRange } from './support/args';
import { declaredNames } from './support/declared-names';
import { inheritedContext, perStage } from './support/stage-cache';
import { secretBuildOption, secretMountFix } from './support/secret-mount';

/**
 * ARG/ENV names that look like secrets. ENV values are stored in the image
 * configuration (`docker inspect`), and build arguments used by RUN are
 * recorded in the image history (`docker history`): anyone with the image can
 * read them. `RUN --mount=type=secret` hands a secret to one RUN without
 * storing it. Names are split into words (`_`, `-`, `.`, camelCase); names
 * ending in a word that says the value is not the secret itself (`_FILE`,
 * `_PATH`, `_URL`, `_ID`…) and public keys are left alone, as is ENV with an
 * empty value (a placeholder to be set at run time). An ARG that only RUNs of
 * its stage read gets a fix to `RUN --mount=type=secret` (support/secret-mount.ts).
 */
export const secretsInEnv: Rule = {
  id: 'secrets-in-env',
  aliases: ['SecretsUsedInArgOrEnv'],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'ARG/ENV with a secret-looking name: the value ends up in the image metadata or history.',
    ru: 'ARG/ENV с именем, похожим на секрет: значение попадёт в метаданные или историю образа.',
  },
  check(model) {
    // ARGs before the first FROM belong to no stage; the rest is checked (and kept) per stage.
    const beforeFrom = model.instructions.filter((i) => i.stage < 0).flatMap((ins) => secretsDeclaredBy(model, ins));
    // The fix adds a `# syntax=` line when the file has none: that is part of what a stage's findings depend on.
    const syntax = model.directives.some((d) => d.name.toLowerCase() === 'syntax');
    const perStageFindings = model.stages.flatMap((stage) => perStage('secrets-in-env', stage, `${inheritedContext(model, stage)}|${syntax}`,
      () => stage.instructions.flatMap((ins) => secretsDeclaredBy(model, ins))));
    return beforeFrom.concat(perStageFindings);
  },
};

function secretsDeclaredBy(model: DockerfileModel, ins: InstructionInfo): RawFinding[] {
  if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return [];
  const findings: RawFinding[] = [];
  for (const v of declaredNames(model, ins)) {
    if (!looksSecret(v.name)) continue;
    if (ins.keyword === 'ENV' && v.value !== null && v.value === '') continue;
    const fix = ins.stage >= 0 && ins.keyword === 'ARG' && declaredNames(model, ins).length === 1 ? secretMountFix(model, ins, v.name) : null;
    const how = fix
      ? { en: ` The fix mounts it into the RUNs that read it; build with \`${secretBuildOption(v.name)}\`.`, ru: ` Исправление подключает его к читающим его RUN; собирайте так: \`${secretBuildOption(v.name)}\`.` }
      : { en: '', ru: '' };
    findings.push({
      // Positions only for the few names that look secret.
      range: wordRange(model, argumentText(model, ins)!, v.start, v.end),
      message: ins.keyword === 'ENV'
        ? {
          en: `\`${v.name}\` looks like a secret: an ENV value is stored in the image configuration, and anyone who can pull the image reads it with \`docker inspect\`. Pass it at run time (\`docker run -e\`, an orchestrator secret) or, for the build, with \`RUN --mount=type=secret\`, which gives a secret to one RUN without storing it.`,
          ru: `\`${v.name}\` похоже на секрет: значение ENV хранится в конфигурации образа, и любой, кто может скачать образ, прочитает его через \`docker inspect\`. Передавайте его при запуске (\`docker run -e\`, секреты оркестратора), а для сборки — через \`RUN --mount=type=secret\`, который передаёт секрет одному RUN, не сохраняя его.`,
        }
        : {
          en: `\`${v.name}\` looks like a secret: build arguments are not meant for secrets — a value passed with \`--build-arg\` is recorded in the image history of every RUN that uses it (\`docker history\`). Use \`RUN --mount=type=secret,id=…\`, which gives a secret to one RUN without storing it.${how.en}`,
          ru: `\`${v.name}\` похоже на секрет: аргументы сборки не предназначены для секретов — значение, переданное через \`--build-arg\`, попадает в историю образа для каждой использующей его RUN (\`docker history\`). Используйте \`RUN --mount=type=secret,id=…\`: он передаёт секрет одному RUN, не сохраняя его.${how.ru}`,
        },
      fixes: fix ? [fix] : [],
    });
  }
  return findings;
}

const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'passphrase', 'pword', 'secret', 'secrets', 'token', 'tokens',
  'apikey', 'credential', 'credentials', 'privatekey', 'accesskey', 'secretkey', 'authtoken',
]);
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['auth', 'key'], ['encryption', 'key']];
/** A last word that says the value is about the secret, not the secret. */
const NOT_THE_VALUE = new Set([
  'file', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'port', 'name', 'id', 'type', 'length', 'size',
  'version', 'enabled', 'enable', 'disabled', 'disable', 'header', 'prefix', 'suffix', 'env', 'var', 'mode', 'method',
  'algorithm', 'algo', 'format', 'expiry', 'expires', 'ttl', 'lifetime', 'timeout', 'count', 'user', 'username', 'location',
  'policy', 'required', 'hash', 'sha256', 'checksum', 'fingerprint',
]);

/** Whether a variable name reads as holding a secret value. */
export function looksSecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.\-]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  if (words.includes('public') || words.includes('pub')) return false;
  if (NOT_THE_VALUE.has(words[words.length - 1])) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return true;
  }
  return false;
}
