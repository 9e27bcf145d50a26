/**
 * Patterns the precision review labelled FALSE or DEBATABLE on real files (test/precision),
 * rewritten as small Dockerfiles of our own so they cannot come back as squiggles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/index';
import { df } from '../support/rules';

const visible = (text: string, rule: string, filePath?: string) =>
  analyze(text, filePath ? { context: { filePath } } : {}).findings.filter((f) => f.rule === rule && f.severity !== 'hint');
const hints = (text: string, rule: string) => analyze(text).findings.filter((f) => f.rule === rule && f.severity === 'hint');

test('curl without -f whose download is checked by sha256sum -c or gpg --verify: a hint, the check already fails the build', () => {
  const checked = df('FROM debian:12.8', 'RUN curl -sSL -o ghc.tar.xz https://example.test/ghc.tar.xz && echo "abc  ghc.tar.xz" | sha256sum --strict --check && tar -xJf ghc.tar.xz');
  assert.deepEqual(visible(checked, 'curl-without-fail'), []);
  assert.equal(hints(checked, 'curl-without-fail').length, 1);
  const unchecked = df('FROM debian:12.8', 'RUN curl -sSL -o ghc.tar.xz https://example.test/ghc.tar.xz && tar -xJf ghc.tar.xz');
  assert.equal(visible(unchecked, 'curl-without-fail').length, 1);
});

test('recommended packages in a dev container are wanted extras: a hint', () => {
  const text = df('FROM mcr.microsoft.com/devcontainers/base:bookworm', 'RUN apt-get update && apt-get install -y fish vim-doc && rm -rf /var/lib/apt/lists/*');
  assert.deepEqual(visible(text, 'no-install-recommends', '/src/.devcontainer/Dockerfile'), []);
});

test('an app image that installs apache2 and cron, or serves port 80, starts as root on purpose: no USER squiggle', () => {
  const apache = df('FROM debian:12.8', 'RUN apt-get update && apt-get install -y --no-install-recommends apache2 cron && rm -rf /var/lib/apt/lists/*', 'COPY . /var/www/app', 'ENTRYPOINT ["/var/www/app/entrypoint.sh"]', 'CMD ["apache2ctl", "-D", "FOREGROUND"]');
  assert.deepEqual(visible(apache, 'non-root-user'), []);
  const port80 = df('FROM alpine:3.21', 'COPY proxy /usr/local/bin/proxy', 'EXPOSE 80 443', 'ENTRYPOINT ["/usr/local/bin/proxy"]');
  const [hint] = hints(port80, 'non-root-user');
  assert.ok(hint, 'still a lesson');
  assert.match(hint.message, /port 80/);
  assert.deepEqual(hint.fixes, []);
});
