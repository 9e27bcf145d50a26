/**
 * Every hadolint rule code with hadolint's default severity (from its README,
 * v2.14), so `--preset hadolint` can report at hadolint's severities and the
 * README can say, code by code, which of our rules covers it or why none does.
 * Which rule covers a code is not written here: it is the rule whose aliases
 * name the code (rules/index.ts), so the two cannot drift apart.
 */
export type HadolintSeverity = 'error' | 'warning' | 'info' | 'style' | 'ignore';

export interface HadolintCode {
  code: string;
  severity: HadolintSeverity;
  /** hadolint's one-line description, shortened. */
  title: string;
  /** Why no rule of ours reports it; absent when one does. */
  notImplemented?: string;
}

const PLANNED = 'not yet implemented (planned)';

export const HADOLINT_CODES: readonly HadolintCode[] = [
  { code: 'DL1001', severity: 'ignore', title: 'Refrain from inline ignore pragmas', notImplemented: 'off in hadolint too; we honour the pragmas instead' },
  { code: 'DL3000', severity: 'error', title: 'Use absolute WORKDIR' },
  { code: 'DL3001', severity: 'info', title: 'Commands that make no sense in a container (ssh, vim, service, …)', notImplemented: '`service postgresql start && …` inside one RUN is a common, working way to seed a database at build time: the list flags as many legitimate uses as mistakes' },
  { code: 'DL3002', severity: 'warning', title: 'Last user should not be root' },
  { code: 'DL3003', severity: 'warning', title: 'Use WORKDIR to switch to a directory' },
  { code: 'DL3004', severity: 'error', title: 'Do not use sudo' },
  { code: 'DL3006', severity: 'warning', title: 'Always tag the version of an image explicitly' },
  { code: 'DL3007', severity: 'warning', title: 'Do not use latest' },
  { code: 'DL3008', severity: 'warning', title: 'Pin versions in apt-get install' },
  { code: 'DL3009', severity: 'info', title: 'Delete the apt-get lists after installing something' },
  { code: 'DL3010', severity: 'info', title: 'Use ADD for extracting archives into an image', notImplemented: PLANNED },
  { code: 'DL3011', severity: 'error', title: 'Valid UNIX ports range from 0 to 65535' },
  { code: 'DL3012', severity: 'error', title: 'Multiple HEALTHCHECK instructions' },
  { code: 'DL3013', severity: 'warning', title: 'Pin versions in pip' },
  { code: 'DL3014', severity: 'warning', title: 'Use the -y switch (apt-get)' },
  { code: 'DL3015', severity: 'info', title: 'Avoid additional packages with --no-install-recommends' },
  { code: 'DL3016', severity: 'warning', title: 'Pin versions in npm' },
  { code: 'DL3018', severity: 'warning', title: 'Pin versions in apk add' },
  { code: 'DL3019', severity: 'info', title: 'Use apk add --no-cache' },
  { code: 'DL3020', severity: 'error', title: 'Use COPY instead of ADD for files and folders' },
  { code: 'DL3021', severity: 'error', title: 'COPY with more than 2 arguments needs a destination ending in /' },
  { code: 'DL3022', severity: 'warning', title: 'COPY --from should reference a previously defined FROM alias' },
  { code: 'DL3023', severity: 'error', title: 'COPY --from cannot reference its own FROM alias' },
  { code: 'DL3024', severity: 'error', title: 'FROM aliases must be unique' },
  { code: 'DL3025', severity: 'warning', title: 'Use JSON notation for CMD and ENTRYPOINT' },
  { code: 'DL3026', severity: 'error', title: 'Use only an allowed registry in FROM' },
  { code: 'DL3027', severity: 'warning', title: 'Do not use apt, use apt-get or apt-cache' },
  { code: 'DL3028', severity: 'warning', title: 'Pin versions in gem install' },
  { code: 'DL3029', severity: 'warning', title: 'Do not use --platform with FROM', notImplemented: '`FROM --platform=$BUILDPLATFORM` is how cross-compiling stages are written; a platform flag is not a defect by itself' },
  { code: 'DL3030', severity: 'warning', title: 'Use the -y switch (yum)', notImplemented: PLANNED },
  { code: 'DL3032', severity: 'warning', title: 'yum clean all missing' },
  { code: 'DL3033', severity: 'warning', title: 'Pin versions in yum install', notImplemented: PLANNED },
  { code: 'DL3034', severity: 'warning', title: 'Use the -y switch (zypper)', notImplemented: PLANNED },
  { code: 'DL3035', severity: 'warning', title: 'Do not use zypper dist-upgrade', notImplemented: PLANNED },
  { code: 'DL3036', severity: 'warning', title: 'zypper clean missing', notImplemented: PLANNED },
  { code: 'DL3037', severity: 'warning', title: 'Pin versions in zypper install', notImplemented: PLANNED },
  { code: 'DL3038', severity: 'warning', title: 'Use the -y switch (dnf)', notImplemented: PLANNED },
  { code: 'DL3040', severity: 'warning', title: 'dnf clean all missing' },
  { code: 'DL3041', severity: 'warning', title: 'Pin versions in dnf install', notImplemented: PLANNED },
  { code: 'DL3042', severity: 'warning', title: 'pip install --no-cache-dir' },
  { code: 'DL3043', severity: 'error', title: 'ONBUILD, FROM or MAINTAINER as an ONBUILD trigger' },
  { code: 'DL3044', severity: 'error', title: 'Do not refer to a variable in the ENV that defines it' },
  { code: 'DL3045', severity: 'warning', title: 'COPY to a relative destination without WORKDIR', notImplemented: PLANNED },
  { code: 'DL3046', severity: 'warning', title: 'useradd with a high UID without -l' },
  { code: 'DL3047', severity: 'info', title: 'wget without --progress', notImplemented: 'build-log volume only: the image is the same' },
  { code: 'DL3048', severity: 'style', title: 'Invalid label key', notImplemented: PLANNED },
  { code: 'DL3049', severity: 'info', title: 'Label is missing (label-schema)', notImplemented: PLANNED },
  { code: 'DL3050', severity: 'info', title: 'Superfluous labels (label-schema)', notImplemented: PLANNED },
  { code: 'DL3051', severity: 'warning', title: 'Label is empty (label-schema)', notImplemented: PLANNED },
  { code: 'DL3052', severity: 'warning', title: 'Label is not a valid URL (label-schema)', notImplemented: PLANNED },
  { code: 'DL3053', severity: 'warning', title: 'Label is not RFC 3339 time (label-schema)', notImplemented: PLANNED },
  { code: 'DL3054', severity: 'warning', title: 'Label is not an SPDX license (label-schema)', notImplemented: PLANNED },
  { code: 'DL3055', severity: 'warning', title: 'Label is not a git hash (label-schema)', notImplemented: PLANNED },
  { code: 'DL3056', severity: 'warning', title: 'Label is not semver (label-schema)', notImplemented: PLANNED },
  { code: 'DL3057', severity: 'ignore', title: 'HEALTHCHECK instruction missing', notImplemented: 'off in hadolint; orchestrators (Kubernetes) ignore HEALTHCHECK and probe themselves' },
  { code: 'DL3058', severity: 'warning', title: 'Label is not an RFC 5322 email (label-schema)', notImplemented: PLANNED },
  { code: 'DL3059', severity: 'info', title: 'Multiple consecutive RUN instructions' },
  { code: 'DL3060', severity: 'info', title: 'yarn cache clean missing' },
  { code: 'DL3061', severity: 'error', title: 'Dockerfile must begin with FROM, ARG or a comment' },
  { code: 'DL3062', severity: 'warning', title: 'Pin versions in go install', notImplemented: PLANNED },
  { code: 'DL3063', severity: 'warning', title: 'Stage name should not be a reserved word' },
  { code: 'DL4000', severity: 'error', title: 'MAINTAINER is deprecated' },
  { code: 'DL4001', severity: 'warning', title: 'Either use wget or curl, not both', notImplemented: 'one more small package, rarely worth a finding' },
  { code: 'DL4003', severity: 'warning', title: 'Multiple CMD instructions' },
  { code: 'DL4004', severity: 'error', title: 'Multiple ENTRYPOINT instructions' },
  { code: 'DL4005', severity: 'warning', title: 'Use SHELL to change the default shell' },
  { code: 'DL4006', severity: 'warning', title: 'Set the SHELL -o pipefail option before RUN with a pipe' },
];

/** Our rules that report a hadolint code (by their aliases). */
export function rulesForCode(code: string, rules: readonly { id: string; aliases: readonly string[] }[]): string[] {
  return rules.filter((r) => r.aliases.includes(code)).map((r) => r.id);
}

/** The README table: every DL code, our rule or why there is none. */
export function hadolintTable(rules: readonly { id: string; aliases: readonly string[] }[]): string {
  const rows = ['| hadolint | Default severity | What it checks | Lecture Hints |', '|---|---|---|---|'];
  for (const c of HADOLINT_CODES) {
    const ours = rulesForCode(c.code, rules);
    const cell = ours.length ? ours.map((id) => `\`${id}\``).join(', ') : `— ${c.notImplemented ?? ''}`;
    rows.push(`| ${c.code} | ${c.severity} | ${c.title} | ${cell} |`);
  }
  return rows.join('\n') + '\n';
}
