import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'curl-without-fail';

test('curl | sh without -f runs an error page as a script: warning, safe fix adds -f', () => {
  const text = df('FROM debian:trixie', 'RUN curl -sSL https://example.com/install.sh | sh');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
  assert.match(f.message, /`sh` then runs that page as a script/);
  assert.equal(f.fixes[0].safe, true);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:trixie', 'RUN curl -f -sSL https://example.com/install.sh | sh'));
  assert.deepEqual(linesOf(fixed, RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -sL https://deb.nodesource.com/setup_22.x | sudo -E bash -'), RULE), [2]);
});

test('a downloaded file that is then installed, unpacked or run', () => {
  for (const run of [
    'RUN curl -L -o /tmp/app.deb https://example.com/app.deb && dpkg -i /tmp/app.deb',
    'RUN curl -sLO https://example.com/tool.tar.gz && tar xzf tool.tar.gz',
    'RUN curl -sL https://example.com/get.sh > get.sh && sh get.sh',
    'RUN curl -sLo install.sh https://example.com/i && chmod +x install.sh && ./install.sh',
    'RUN curl --output app.jar https://example.com/app.jar; java -jar ./app.jar --version',
  ]) {
    const [f] = findingsOf(df('FROM debian:trixie', run), RULE);
    assert.ok(f, run);
    assert.match(f.message, /saves the server's error page as/, run);
  }
});

test('not reported: -f in any spelling, downloads nobody runs here, wget, stdout to a non-interpreter', () => {
  for (const run of [
    'RUN curl -fsSL https://example.com/install.sh | sh',
    'RUN curl --fail -o a.deb https://example.com/a.deb && dpkg -i a.deb',
    'RUN curl --fail-with-body -sL https://example.com/i.sh | bash',
    'RUN curl -sSLf https://example.com/i.sh | bash',
    'RUN curl -o /usr/local/bin/tool https://example.com/tool',
    'RUN curl -sL https://example.com/x.tgz | tar xz',
    'RUN wget -qO- https://example.com/i.sh | sh',
    'RUN curl -s https://example.com/health | grep ok',
    'RUN echo "curl https://x | sh"',
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', run), RULE), [], run);
  // `--fail-early` is not `--fail`.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl --fail-early -sL https://example.com/i.sh | sh'), RULE), [2]);
});

test('Russian message says where the advice comes from', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN curl -sL https://example.com/i.sh | bash'), RULE, 'ru');
  assert.match(f.message, /Из руководства curl/);
});
