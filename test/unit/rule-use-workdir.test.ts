import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'use-workdir';

test('a RUN starting with cd: the fix moves it into WORKDIR (unsafe when later instructions follow)', () => {
  const text = df('FROM golang:1.26', 'COPY . /src/app', 'RUN cd /src/app && go build -o /bin/app .', 'CMD ["/bin/app"]');
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 15 } });
  assert.deepEqual(f.aliases, ['DL3003']);
  assert.equal(f.fixes[0].safe, false);
  assert.match(f.fixes[0].title, /following instructions/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM golang:1.26', 'COPY . /src/app', 'WORKDIR /src/app', 'RUN go build -o /bin/app .', 'CMD ["/bin/app"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('safe only in a build stage with nothing after the RUN', () => {
  const text = df('FROM golang:1.26 AS build', 'RUN cd /src && \\', '    go build -o /bin/app', 'LABEL x=y', 'FROM alpine:3.23', 'COPY --from=build /bin/app /app');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.fixes[0].safe, true);
  assert.equal(applyFix(text, f), df('FROM golang:1.26 AS build', 'WORKDIR /src', 'RUN go build -o /bin/app', 'LABEL x=y', 'FROM alpine:3.23', 'COPY --from=build /bin/app /app'));
  const base = df('FROM golang:1.26 AS build', 'RUN cd /src && go build', 'FROM build');
  assert.equal(findingsOf(base, RULE)[0].fixes[0].safe, false);
});

test('not safe when a mount target is relative: WORKDIR would move the mount', () => {
  const text = df('FROM node:22 AS build', 'RUN --mount=type=cache,target=.npm-cache cd /app && npm ci --cache .npm-cache', 'FROM alpine:3.23', 'COPY --from=build /app /app');
  assert.equal(findingsOf(text, RULE)[0].fixes[0].safe, false);
  const absolute = df('FROM node:22 AS build', 'RUN --mount=type=cache,target=/root/.npm cd /app && npm ci', 'FROM alpine:3.23', 'COPY --from=build /app /app');
  assert.equal(findingsOf(absolute, RULE)[0].fixes[0].safe, true);
});

test('keeps indentation, CRLF and the keyword case', () => {
  const text = 'from debian:trixie\r\n  run cd /opt && make\r\n';
  assert.equal(applyFix(text, findingsOf(text, RULE)[0]), 'from debian:trixie\r\n  workdir /opt\r\n  run make\r\n');
});

test('findings without a fix: relative or variable paths, `;`, a later cd, comments in the way', () => {
  for (const lines of [['RUN cd app && make'], ['RUN cd "$HOME/app" && make'], ['RUN cd /app; make'], ['RUN cd /app && make && cd / && ls'], ['RUN cd /app && \\', '# build', '    make']]) {
    const [f] = findingsOf(df('FROM debian:trixie', ...lines), RULE);
    assert.ok(f, lines.join(' / '));
    assert.equal(f.fixes.length, 0, lines.join(' / '));
  }
});

test('not flagged: cd later in the RUN, scratch directories, quoted text, heredoc, exec form, Windows', () => {
  for (const lines of [
    ['RUN make && cd /app'], ['RUN cd /tmp && make'], ['RUN cd "$(mktemp -d)" && make'], ['RUN cd /usr/src/x && make && rm -rf /usr/src/x'],
    ['RUN echo "cd /app && make"'], ['RUN ["sh", "-c", "cd /app && make"]'], ['RUN cat <<EOF > /notes', 'cd /app && make', 'EOF'], ['RUN cd /app'],
    ['RUN (cd /app && make)'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
  assert.deepEqual(linesOf(df('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN cd C:\\app && dir'), RULE), []);
});

test('Russian message', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN cd /app && make'), RULE, 'ru');
  assert.match(f.message, /WORKDIR \/app/);
  assert.match(f.fixes[0].title, /меняет рабочую директорию/);
});

test('a compound command after `cd dir &&` keeps its keyword', () => {
  const text = df('FROM golang:1.26 AS build', 'RUN cd /src && \\', '    if [ -f go.mod ]; then go build; fi');
  const fixed = applyFix(text, findingsOf(text, RULE)[0]);
  assert.equal(fixed, df('FROM golang:1.26 AS build', 'WORKDIR /src', 'RUN if [ -f go.mod ]; then go build; fi'));
  const brace = df('FROM golang:1.26 AS build', 'RUN cd /src && { make; make install; }');
  assert.equal(applyFix(brace, findingsOf(brace, RULE)[0]), df('FROM golang:1.26 AS build', 'WORKDIR /src', 'RUN { make; make install; }'));
});

test('info when the same cd repeats across RUNs of the final image; a single cd, or a builder stage, is a hint', () => {
  const sev = (text: string) => findingsOf(text, RULE).map((f) => [f.range.start.line + 1, f.severity]);
  assert.deepEqual(sev(df('FROM debian:trixie', 'RUN cd /var/www/app && bundle install', 'RUN cd /var/www/app && yarn install', 'CMD ["app"]')), [[2, 'info'], [3, 'info']]);
  // The one RUN of a tool stage: nothing repeated, nothing shipped.
  assert.deepEqual(sev(df('FROM golang:1.24 AS tool', 'RUN cd /go/src/tool && go build -o /tool .', 'FROM debian:trixie', 'COPY --from=tool /tool /usr/local/bin/tool')), [[2, 'hint']]);
  // Repeated, but in a stage whose layers are not shipped.
  assert.deepEqual(sev(df('FROM golang:1.24 AS tool', 'RUN cd /src && go mod download', 'RUN cd /src && go build -o /tool .', 'FROM debian:trixie', 'COPY --from=tool /tool /tool')), [[2, 'hint'], [3, 'hint']]);
  assert.deepEqual(sev(df('FROM debian:trixie', 'RUN cd /opt/app && make', 'CMD ["app"]')), [[2, 'hint']]);
  assert.match(findingsOf(df('FROM debian:trixie', 'RUN cd /app && make'), RULE)[0].message, /makes explicit where the following instructions run/);
});
