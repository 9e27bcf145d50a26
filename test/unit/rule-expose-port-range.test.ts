import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'expose-port-range';

test('invalid ports, ranges and protocols are errors', () => {
  const text = df('FROM nginx:1.27.4', 'EXPOSE 70000 80-79 8080/http abc 0 65535 1000-2000/udp 5000/sctp');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => [f.range.start.character, f.severity]), [[7, 'error'], [13, 'error'], [19, 'error'], [29, 'error']]);
  assert.match(findings[2].message, /unknown protocol `http`/);
});

test('an upper-case protocol is a hint (style: the builder lower-cases it) with a safe fix', () => {
  const text = df('FROM nginx:1.27.4', 'EXPOSE 80/TCP 53/Udp');
  const findings = findingsOf(text, RULE);
  assert.deepEqual(findings.map((f) => f.severity), ['hint', 'hint']);
  const fixed = applyFix(text, findings[0]);
  assert.equal(fixed, df('FROM nginx:1.27.4', 'EXPOSE 80/tcp 53/Udp'));
  assert.equal(applyFix(fixed, findingsOf(fixed, RULE)[0]), df('FROM nginx:1.27.4', 'EXPOSE 80/tcp 53/udp'));
});

test('a host mapping is a warning whose safe fix keeps the container port, citing the lecture', () => {
  const text = df('FROM nginx:1.27.4', 'EXPOSE 8080:80 127.0.0.1:443:443/TCP');
  const [f, g] = findingsOf(text, RULE);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /docker run -p/);
  assert.match(findingsOf(text, RULE, 'ru')[0].message, /«проброс портов осуществляется через правила iptables»/);
  assert.equal(g.fixes[0].edits[0].newText, '443/tcp');
  const once = applyFix(text, f);
  const fixed = applyFix(once, findingsOf(once, RULE)[0]);
  assert.equal(fixed, df('FROM nginx:1.27.4', 'EXPOSE 80 443/tcp'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('a host range that does not match the container range is an error without a fix', () => {
  const [f] = findingsOf(df('FROM nginx:1.27.4', 'EXPOSE 8000-8002:80-81'), RULE);
  assert.equal(f.severity, 'error');
  assert.equal(f.fixes.length, 0);
});

test('variables are skipped; continuation lines and CRLF keep exact ranges', () => {
  assert.deepEqual(linesOf(df('FROM nginx:1.27.4', 'ARG PORT=80', 'EXPOSE $PORT ${PORT}/udp'), RULE), []);
  const text = 'FROM nginx:1.27.4\r\nEXPOSE 80 \\\r\n    443/TCP\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 11 } });
  assert.equal(applyFix(text, f), 'FROM nginx:1.27.4\r\nEXPOSE 80 \\\r\n    443/tcp\r\n');
});

test('aliases', () => {
  const [f] = findingsOf(df('FROM nginx:1.27.4', 'EXPOSE 99999'), RULE);
  assert.deepEqual(f.aliases, ['DL3011', 'ExposeInvalidFormat', 'ExposeProtoCasing']);
});
