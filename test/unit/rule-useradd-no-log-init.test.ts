import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'useradd-no-log-init';

test('useradd with a large UID and no -l: a warning with the size it costs, fixed by -l', () => {
  const text = df('FROM debian:12.8', 'RUN groupadd -g 100000 app && useradd --uid 100000 -g app app');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.aliases, ['DL3046']);
  assert.match(f.message, /about 28 MiB/);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM debian:12.8', 'RUN groupadd -g 100000 app && useradd -l --uid 100000 -g app app'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('small UIDs, -l or --no-log-init, a variable UID: nothing', () => {
  const text = df(
    'FROM debian:12.8',
    'RUN useradd -u 1000 a',
    'RUN useradd -l -u 2000000 b && useradd --no-log-init -u 2000000 c && useradd -lu 2000000 d',
    'RUN useradd -u "$APP_UID" e',
    'RUN adduser -u 2000000 f',
  );
  assert.deepEqual(linesOf(text, RULE), []);
});

test('the UID written as -u123456 and after sudo', () => {
  assert.deepEqual(linesOf(df('FROM debian:12.8', 'RUN useradd -u123456 a', 'RUN sudo useradd -m -u 700000 b'), RULE), [2, 3]);
});
