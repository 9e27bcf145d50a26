/**
 * The same problem's codes in other tools, so a student who meets it in CI output
 * recognises it: hadolint (DLxxxx) and BuildKit check names come from each rule's
 * aliases; this table adds the misconfiguration scanners teams run on Dockerfiles.
 * Only checks that report the same problem are listed (read from their published
 * check definitions, 2026): Trivy's `DSxxx` ids (shown as AVD-DS-0xxx in its
 * output) and Checkov's `CKV_DOCKER_n`.
 */
export interface OtherToolCodes { trivy: string[]; checkov: string[] }

export const OTHER_TOOL_CODES: Readonly<Record<string, OtherToolCodes>> = {
  'pin-image-tag': { trivy: ['DS001'], checkov: ['CKV_DOCKER_7'] },
  'non-root-user': { trivy: ['DS002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'] },
  'prefer-copy': { trivy: ['DS005'], checkov: ['CKV_DOCKER_4'] },
  'copy-from-self': { trivy: ['DS006'], checkov: [] },
  'single-entrypoint': { trivy: ['DS007'], checkov: [] },
  'absolute-workdir': { trivy: ['DS009'], checkov: ['CKV_DOCKER_10'] },
  'no-sudo': { trivy: ['DS010'], checkov: [] },
  'duplicate-stage-name': { trivy: ['DS012'], checkov: ['CKV_DOCKER_11'] },
  'use-workdir': { trivy: ['DS013'], checkov: [] },
  'clean-package-cache': { trivy: ['DS015', 'DS019', 'DS025'], checkov: [] },
  'single-cmd': { trivy: ['DS016'], checkov: [] },
  'apt-update-alone': { trivy: ['DS017'], checkov: ['CKV_DOCKER_5'] },
  'maintainer-deprecated': { trivy: ['DS022'], checkov: ['CKV_DOCKER_6'] },
  'single-healthcheck': { trivy: ['DS023'], checkov: [] },
  'no-install-recommends': { trivy: ['DS029'], checkov: [] },
  'apt-not-apt-get': { trivy: [], checkov: ['CKV_DOCKER_9'] },
};
