import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/index';
import { RULES } from '../../server/src/rules/index';
import { df, findingsOf } from '../support/rules';

const RULE = 'pin-package-versions';

function found(text: string, lang: 'en' | 'ru' = 'en') {
  const a = analyze(text, { lang, rules: { [RULE]: 'on' } });
  assert.deepEqual(a.ruleErrors, []);
  return a.findings.filter((f) => f.rule === RULE);
}

test('off by default', () => {
  assert.equal(RULES.find((r) => r.id === RULE)!.enabledByDefault, false);
  assert.deepEqual(findingsOf(df('FROM debian:trixie', 'RUN apt-get install -y curl'), RULE), []);
  assert.equal(found(df('FROM debian:trixie', 'RUN apt-get install -y curl')).length, 1);
  assert.equal(analyze(df('FROM debian:trixie', 'RUN apt-get install -y curl'), { rules: { DL3008: 'on' } }).findings.filter((f) => f.rule === RULE).length, 1);
});

test('lists the unpinned packages of each manager', () => {
  const cases: [string, RegExp][] = [
    ['RUN apt-get install -y -o Dpkg::Options::=--force-confold curl git=1:2.47.2-0.1 ./local.deb', /`curl` without/],
    ['RUN apk add --no-cache --virtual .deps -X https://dl-cdn.alpinelinux.org/alpine/edge/main curl jq=1.7.1-r0 bash~5.2', /installs `curl` without/],
    ['RUN pip install --no-cache-dir -r requirements.txt flask==3.1.0 gunicorn "uvicorn[standard]>=0.30" .', /installs `gunicorn` without/],
    ['RUN npm install -g typescript@5.9.2 @angular/cli pnpm@latest', /installs `@angular\/cli`, `pnpm@latest` without/],
    ['RUN gem install bundler:2.6.0 rails', /installs `rails` without/],
  ];
  for (const [run, message] of cases) {
    const [f, extra] = found(df('FROM debian:trixie', run));
    assert.ok(f, run);
    assert.equal(extra, undefined, run);
    assert.match(f.message, message, run);
    assert.deepEqual(f.fixes, []);
  }
});

test('pinned, local, non-global and quoted installs are fine', () => {
  for (const run of [
    'RUN apt-get install -y curl=8.14.1-2', 'RUN apk add curl=8.14.1-r0', 'RUN pip install flask==3.1.0', 'RUN pip install -r requirements.txt',
    'RUN npm install express', 'RUN npm ci', 'RUN gem install rails -v 8.0.2', 'RUN echo "apt-get install curl"', 'RUN apt-get install -y "$PKGS"',
    'RUN ["apt-get", "install", "-y", "curl"]', 'RUN pip install /wheels/x.whl',
  ]) assert.deepEqual(found(df('FROM debian:trixie', run)), [], run);
  assert.deepEqual(found(df('FROM debian:trixie', 'RUN cat <<EOF > /notes', 'apt-get install -y curl', 'EOF')), []);
});

test('CRLF and escape=` files', () => {
  const [f] = found('# escape=`\r\nFROM debian:trixie\r\nRUN apt-get update `\r\n  && apt-get install -y curl\r\n');
  assert.deepEqual(f.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 20 } });
});

test('Russian message quotes the lecture', () => {
  const [f] = found(df('FROM debian:trixie', 'RUN apt-get install -y curl'), 'ru');
  assert.match(f.message, /«всегда явно указывать теги версий для воспроизводимости сборок»/);
});
