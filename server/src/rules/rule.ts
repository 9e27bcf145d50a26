import type { Localized, RawFinding, Severity } from '../core/types';
import type { DockerfileModel } from '../model/types';
import type { SectionId } from '../../../common/lecture/sections';
import type { RegistryFacts } from './support/registry-facts';
import type { ShellcheckFacts } from './support/shellcheck-facts';

/** Where a rule's advice comes from: a lecture section, or our own note beyond it. */
export type LectureRef = SectionId;

export interface Rule {
  id: string;
  /** hadolint codes (DLxxxx) and BuildKit check names that mean the same thing. */
  aliases: string[];
  severity: Severity;
  lecture: LectureRef;
  /** True when the advice goes beyond what the lecture itself says. */
  beyondLecture?: boolean;
  /** One line for the rule catalogue. */
  description: Localized;
  /** Rules that are contested or noisy start switched off. */
  enabledByDefault?: boolean;
  /**
   * Reads `context.registryFacts`. Such a rule must work without them (offline)
   * and is re-run alone when registry answers arrive (pinning/merge.ts).
   */
  needsRegistryFacts?: boolean;
  /**
   * Reads `context.shellcheckFacts`. Such a rule reports nothing without them and
   * is re-run alone when ShellCheck's results arrive (shellcheck/merge.ts).
   */
  needsShellcheckFacts?: boolean;
  check(model: DockerfileModel, context: RuleContext): RawFinding[];
}

/** Project facts some rules need beyond the Dockerfile itself. */
export interface RuleContext {
  /** Registries images may come from (from `.hadolint.yaml`); empty = any. */
  trustedRegistries: string[];
  /** Registry answers for this file's images (pinning/provider.ts); absent = not looked up. */
  registryFacts?: RegistryFacts;
  /** The Dockerfile's path when known (a `.devcontainer/` file builds a dev container); absent for unsaved text. */
  filePath?: string;
  /** ShellCheck's results for this file's scripts (shellcheck/provider.ts); absent = not run. */
  shellcheckFacts?: ShellcheckFacts;
}
