import type { AnalyzeOptions, RuleSetting } from '../analyze';
import { findConfigFile, loadConfig } from './discover';
import type { ProjectConfig } from './hadolint';

export interface ProjectOptions {
  configPath: string | null;
  config: ProjectConfig | null;
  /** Options for `analyze`: the project file's rules, then the user's settings on top. */
  analyze: Pick<AnalyzeOptions, 'rules' | 'context'>;
}

/**
 * Everything the project configures for one Dockerfile. An explicit path wins
 * over discovery; a file that cannot be read is reported, never fatal.
 */
export function projectOptionsFor(dockerfilePath: string | null, explicitConfig?: string, userRules: Record<string, RuleSetting> = {}, stopAt?: string): ProjectOptions {
  const configPath = explicitConfig ?? (dockerfilePath ? findConfigFile(dockerfilePath, stopAt) : null);
  let config: ProjectConfig | null = null;
  if (configPath) {
    try {
      config = loadConfig(configPath);
    } catch (e) {
      config = { rules: {}, trustedRegistries: [], problems: [`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`] };
    }
  }
  return {
    configPath,
    config,
    analyze: {
      rules: { ...(config?.rules ?? {}), ...userRules },
      context: { trustedRegistries: config?.trustedRegistries ?? [] },
    },
  };
}
