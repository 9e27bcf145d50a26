/**
 * ShellCheck for the language server: one provider per effective setting,
 * and the analysis with the results known right now (never waiting for them).
 * A workspace must not choose which program the server runs: while it is
 * untrusted, a configured path is ignored and only `shellcheck` on PATH (or
 * `off`) is used.
 */
import type { Analysis, AnalyzeOptions } from '../index';
import { createShellcheckProvider, shellcheckJobs, withShellcheckFacts, type ShellcheckJob, type ShellcheckProvider } from '../shellcheck';
import type { Settings } from './settings';

export interface WithShellcheck {
  analysis: Analysis;
  /** Scripts still to check; empty when ShellCheck is off, absent, or has answered for all of them. */
  missing: ShellcheckJob[];
  provider: ShellcheckProvider;
}

export class ShellcheckService {
  trusted = true;
  private readonly providers = new Map<string, ShellcheckProvider>();

  constructor(private readonly log: (msg: string) => void) {}

  providerFor(settings: Settings): ShellcheckProvider {
    const setting = settings.shellcheckPath === 'off' || this.trusted ? settings.shellcheckPath : 'auto';
    let provider = this.providers.get(setting);
    if (!provider) {
      provider = createShellcheckProvider({ profile: 'editor', setting, log: (l) => this.log(`shellcheck: ${l}`) });
      this.providers.set(setting, provider);
    }
    return provider;
  }

  withKnownResults(analysis: Analysis, settings: Settings, options: AnalyzeOptions): WithShellcheck {
    const provider = this.providerFor(settings);
    const jobs = analysis.model ? shellcheckJobs(analysis.model) : [];
    const { facts, missing } = provider.known(jobs);
    return { analysis: withShellcheckFacts(analysis, facts, options), missing, provider };
  }

  dispose(): void {
    for (const p of this.providers.values()) p.dispose();
    this.providers.clear();
  }
}
