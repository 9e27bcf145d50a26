import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'volume-discards-changes';

test('RUN writing under a declared volume is a warning at the written path', () => {
  const text = df('FROM postgres:18.3', 'VOLUME /var/lib/data', 'RUN mkdir -p /var/lib/data/x && chown -R app /var/lib/data');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line, f.range.start.character, f.severity]), [[2, 13, 'warning'], [2, 45, 'warning']]);
  assert.match(findings[0].message, /VOLUME on line 2/);
  assert.match(findings[0].message, /VOLUME` in a Dockerfile only declares a mount point/);
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /«все данные, записанные в read-write слое, уничтожаются при удалении контейнера»/);
  assert.equal(findings[0].fixes.length, 0);
});

test('JSON and plain VOLUME forms, redirections, tee, cp/mv destinations, ln, rm', () => {
  const text = df(
    'FROM alpine:3.23',
    'VOLUME ["/data", "/logs"]',
    'RUN echo hi > /data/a.txt',
    'RUN date | tee -a /logs/build.log',
    'RUN cp /etc/hosts /data/',
    'RUN mv -t /data /tmp/x',
    'RUN ln -s /data/real /data/link',
    'RUN rm -rf /logs/*',
    'RUN install -m 0644 /etc/hosts /data/hosts',
  );
  assert.deepEqual(linesOf(text, RULE), [3, 4, 5, 6, 7, 8, 9]);
});

test('COPY/ADD into a volume path is info; relative destinations resolve against WORKDIR', () => {
  const text = df('FROM alpine:3.23', 'WORKDIR /data', 'VOLUME /data', 'COPY conf.yml .', 'ADD ["a.tar", "/data/x/"]', 'COPY app /srv/app');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.severity]), [[4, 'info'], [5, 'info']]);
});

test('no finding before the VOLUME, outside it, in reads, or in other stages', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'RUN mkdir /data', 'VOLUME /data'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'VOLUME /data', 'RUN mkdir /database /data2 && cat /data/x && ls /data'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'VOLUME /data', 'FROM alpine:3.23', 'RUN mkdir /data/x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'VOLUME $DATA', 'RUN mkdir /data/x'), RULE), []);
});

test('inherited through FROM <stage>', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23 AS base', 'VOLUME /data', 'FROM base', 'RUN touch /data/x'), RULE), [4]);
});

test('conservative: cd, variables, expansions, --mount targets, heredocs and exec form are skipped', () => {
  const text = df(
    'FROM alpine:3.23',
    'WORKDIR /data',
    'VOLUME /data',
    'RUN cd /tmp && touch x',
    'RUN touch $DIR/x "$HOME/y"',
    'RUN --mount=type=cache,target=/data/cache touch /data/cache/x',
    'RUN cat <<EOF > /notes',
    'touch /data/x',
    'EOF',
    'RUN ["touch", "/data/y"]',
    'RUN echo x 2>&1 >/dev/null',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('relative paths in RUN resolve against WORKDIR when the script does not cd first', () => {
  assert.deepEqual(linesOf(df('FROM alpine:3.23', 'WORKDIR /data', 'VOLUME /data', 'RUN touch x'), RULE), [4]);
});

test('escape=` and CRLF', () => {
  const text = '# escape=`\r\nFROM alpine:3.23\r\nVOLUME /data\r\nRUN mkdir -p `\r\n    /data/x\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 11 } });
});

test('a file only BuildKit builds keeps the change: a hint that says what happens, not a warning', () => {
  for (const [first, feature] of [
    ['# syntax=docker/dockerfile:1', /`# syntax=` directive on line 1/],
    ['', /`RUN --mount` on line 5/],
    ['', /`COPY --chmod` on line 5/],
    ['', /here-document on line 5/],
  ] as const) {
    const extra = feature.source.includes('mount') ? 'RUN --mount=type=cache,target=/root/.cache true'
      : feature.source.includes('chmod') ? 'COPY --chmod=755 run.sh /usr/local/bin/'
      : feature.source.includes('here') ? 'RUN <<EOF\ntrue\nEOF' : '';
    const text = df(first, 'FROM alpine:3.23', 'VOLUME /data', 'RUN mkdir -p /data/x', ...(extra ? extra.split('\n') : []));
    const [f] = findingsOf(text, RULE);
    assert.equal(f.severity, 'hint', feature.source);
    assert.match(f.message, feature, feature.source);
    assert.match(f.message, /the change is kept in the layer/);
    assert.match(f.message, /a bind mount, or a named volume that already holds data/);
  }
  // Without any BuildKit-only feature the legacy builder may build it: still a warning.
  assert.equal(findingsOf(df('FROM alpine:3.23', 'VOLUME /data', 'RUN mkdir -p /data/x', 'COPY --chown=1:1 a /a'), RULE)[0].severity, 'warning');
});
