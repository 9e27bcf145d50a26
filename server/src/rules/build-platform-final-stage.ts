import type { RawFinding } from '../core/types';
import { ancestry } from '../model/lineage';
import type { InstructionInfo } from '../model/types';
import type { Rule } from './rule';

/** `--platform=$BUILDPLATFORM` (any spelling of the variable). */
function buildPlatformFlag(from: InstructionInfo): { range: InstructionInfo['range'] } | null {
  const f = from.flags.find((x) => x.name.toLowerCase() === 'platform' && /^\$\{?BUILDPLATFORM\}?$/.test((x.value ?? '').trim().replace(/^["']|["']$/g, '')));
  return f ?? null;
}

/**
 * `FROM --platform=$BUILDPLATFORM` runs a stage on the build machine's own
 * architecture: right for a cross-compiling builder stage, wrong for the
 * image that is shipped. When the final stage is such a stage, or is built
 * FROM one, `docker buildx build --platform linux/arm64` on an amd64 machine
 * produces an image labelled arm64 whose base and binaries are amd64: it
 * fails with "exec format error" where it runs. FROM scratch chains are left
 * alone (scratch has no architecture of its own).
 */
export const buildPlatformFinalStage: Rule = {
  id: 'build-platform-final-stage',
  aliases: [],
  severity: 'warning',
  lecture: 'best-practices',
  beyondLecture: true,
  description: {
    en: 'The final image is built on `--platform=$BUILDPLATFORM`: a cross-platform build ships the build machine\'s architecture.',
    ru: 'Итоговый образ строится на `--platform=$BUILDPLATFORM`: при кросс-платформенной сборке он получит архитектуру машины сборки.',
  },
  check(model) {
    const final = model.stages[model.stages.length - 1];
    if (!final) return [];
    const chain = ancestry(model, final);
    if (chain[chain.length - 1].base.scratch) return [];
    const findings: RawFinding[] = [];
    // A final stage that starts nothing (a lint or test target, an export) ships no program to run: a note only.
    const runsSomething = chain.some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
    for (const stage of chain) {
      const flag = buildPlatformFlag(stage.from);
      if (!flag) continue;
      const own = stage === final;
      const name = stage.name ? `\`${stage.name}\`` : `line ${stage.from.range.start.line + 1}`;
      findings.push({
        ...(runsSomething ? {} : { severity: 'hint' as const }),
        range: flag.range,
        message: {
          en: `${own ? 'The final stage' : `The final stage is built FROM stage ${name}, which`} uses \`--platform=$BUILDPLATFORM\`: it runs on the build machine's architecture. In a cross-platform build (\`docker buildx build --platform linux/arm64\` on an amd64 machine) the shipped image then carries amd64 binaries under an arm64 label and fails with "exec format error". Keep \`$BUILDPLATFORM\` for builder stages that cross-compile, and build the final stage FROM an image of the target platform (no \`--platform\`, or \`$TARGETPLATFORM\`). From Docker's multi-platform build guide, not the lecture.`,
          ru: `${own ? 'Итоговый этап' : `Итоговый этап построен FROM этапа ${name}, который`} использует \`--platform=$BUILDPLATFORM\`: он работает на архитектуре машины сборки. При кросс-платформенной сборке (\`docker buildx build --platform linux/arm64\` на машине amd64) итоговый образ получит бинарники amd64 под меткой arm64 и упадёт с «exec format error». Оставьте \`$BUILDPLATFORM\` для этапов-сборщиков с кросс-компиляцией, а итоговый этап стройте FROM образа целевой платформы (без \`--platform\` или с \`$TARGETPLATFORM\`). Из руководства Docker по мультиплатформенной сборке, не из лекции.`,
        },
        fixes: [],
      });
    }
    return findings;
  },
};
