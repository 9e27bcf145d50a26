import type { Rule } from './rule';
import { mergeConsecutiveRun } from './merge-consecutive-run';
import { pinImageTag } from './pin-image-tag';
import { movingTag } from './moving-tag';
import { staleDigestPin } from './stale-digest-pin';
import { staleBaseImage } from './stale-base-image';
import { nonRootUser } from './non-root-user';
import { aptUpdateAlone } from './apt-update-alone';
import { cleanPackageCache } from './clean-package-cache';
import { noInstallRecommends } from './no-install-recommends';
import { deleteInLaterLayer } from './delete-in-later-layer';
import { cacheBustingCopy } from './cache-busting-copy';
import { preferCopy } from './prefer-copy';
import { pinPackageVersions } from './pin-package-versions';
import { useWorkdir } from './use-workdir';
import { pipefail } from './pipefail';
import { noSudo } from './no-sudo';
import { aptGetYes } from './apt-get-yes';
import { aptNotAptGet } from './apt-not-apt-get';
import { trustedRegistry } from './trusted-registry';
import { volumeDiscardsChanges } from './volume-discards-changes';
import { exposePortRange } from './expose-port-range';
import { privilegedPortAsNonRoot } from './privileged-port-as-non-root';
import { minimalBaseImage } from './minimal-base-image';
import { jsonArgs } from './json-args';
import { singleCmd } from './single-cmd';
import { singleEntrypoint } from './single-entrypoint';
import { singleHealthcheck } from './single-healthcheck';
import { maintainerDeprecated } from './maintainer-deprecated';
import { absoluteWorkdir } from './absolute-workdir';
import { instructionCasing } from './instruction-casing';
import { stageNameCasing } from './stage-name-casing';
import { duplicateStageName } from './duplicate-stage-name';
import { unknownCopyFrom } from './unknown-copy-from';
import { copyFromSelf } from './copy-from-self';
import { undefinedVariable } from './undefined-variable';
import { secretsInEnv } from './secrets-in-env';
import { syntax } from './syntax';
import { heredocErrexit } from './heredoc-errexit';
import { useraddNoLogInit } from './useradd-no-log-init';
import { shellViaSymlink } from './shell-via-symlink';
import { copyToDirectory } from './copy-to-directory';
import { dockerApiExposed } from './docker-api-exposed';
import { inlineComment } from './inline-comment';
import { legacyKeyValue } from './legacy-key-value';
import { curlWithoutFail } from './curl-without-fail';
import { buildPlatformFinalStage } from './build-platform-final-stage';
import { shellcheck } from './shellcheck';

/** Every rule, in catalogue order. Adding a rule = adding its file and one line here. */
export const RULES: Rule[] = [
  mergeConsecutiveRun,
  pinImageTag,
  movingTag,
  staleDigestPin,
  staleBaseImage,
  nonRootUser,
  aptUpdateAlone,
  cleanPackageCache,
  noInstallRecommends,
  deleteInLaterLayer,
  cacheBustingCopy,
  preferCopy,
  pinPackageVersions,
  useWorkdir,
  pipefail,
  curlWithoutFail,
  heredocErrexit,
  shellcheck,
  noSudo,
  aptGetYes,
  aptNotAptGet,
  trustedRegistry,
  volumeDiscardsChanges,
  exposePortRange,
  privilegedPortAsNonRoot,
  minimalBaseImage,
  buildPlatformFinalStage,
  jsonArgs,
  singleCmd,
  singleEntrypoint,
  singleHealthcheck,
  maintainerDeprecated,
  absoluteWorkdir,
  instructionCasing,
  stageNameCasing,
  duplicateStageName,
  unknownCopyFrom,
  copyFromSelf,
  undefinedVariable,
  secretsInEnv,
  useraddNoLogInit,
  shellViaSymlink,
  copyToDirectory,
  dockerApiExposed,
  inlineComment,
  legacyKeyValue,
  syntax,
];

const byId = new Map(RULES.map((r) => [r.id, r]));
const byCode = new Map<string, string[]>();
for (const r of RULES) {
  for (const code of [r.id, ...r.aliases]) {
    const key = code.toLowerCase();
    byCode.set(key, [...(byCode.get(key) ?? []), r.id]);
  }
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rule ids for a rule id, a hadolint code or a BuildKit check name (case-insensitive). */
export function resolveCode(code: string): string[] {
  return byCode.get(code.toLowerCase()) ?? [];
}
