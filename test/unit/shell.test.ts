import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenizeShell, commandIndex, commandName } from '../../server/src/shell/tokenize';
import type { ShellScript, SimpleCommand } from '../../server/src/shell/tokenize';

/** Each command as its word values joined by spaces (assignments and redirections left out). */
function cmds(script: string): string[] {
  return tokenizeShell(script).commands.map((c) => c.words.map((w) => w.value).join(' '));
}

function only(script: string): SimpleCommand {
  const { commands, errors } = tokenizeShell(script);
  assert.equal(commands.length, 1, `one command in ${JSON.stringify(script)}`);
  assert.deepEqual(errors, []);
  return commands[0];
}

function values(script: string): string[] {
  return only(script).words.map((w) => w.value);
}

/** Structural invariants that must hold for any input, however broken. */
function checkInvariants(script: string, result: ShellScript): void {
  assert.ok(result.errors.length <= 51, 'errors are capped');
  for (const e of result.errors) {
    assert.ok(!e.message.startsWith('internal'), e.message);
    assert.ok(e.offset >= 0 && e.offset <= script.length);
  }
  let last = 0;
  for (const c of result.commands) {
    assert.ok(c.start >= last && c.start <= c.end && c.end <= script.length, 'commands in order');
    last = c.end;
    let pos = c.start;
    const parts = [...c.assignments, ...c.words, ...c.redirects].sort((a, b) => a.start - b.start);
    for (const p of parts) {
      assert.ok(p.start >= pos && p.start < p.end && p.end <= c.end, 'parts inside the command, in order');
      pos = p.end;
    }
    for (const w of [...c.assignments, ...c.words]) {
      // Without quotes or escapes the value is exactly the source text.
      if (!w.quoted) assert.equal(w.value, script.slice(w.start, w.end));
    }
    assert.ok(c.depth >= 0);
  }
}

test('empty, blank and comment-only input have no commands', () => {
  for (const s of ['', '   ', '\t\n  \n', '# just a comment', '  # x && y', ';', '\n;\n']) {
    const r = tokenizeShell(s);
    assert.deepEqual(r.commands, [], JSON.stringify(s));
  }
  assert.deepEqual(tokenizeShell('').errors, []);
});

test('a quoted command line is one argument, not a command', () => {
  const c = only('echo "apt-get install foo"');
  assert.deepEqual(c.words.map((w) => w.value), ['echo', 'apt-get install foo']);
  assert.equal(c.words[1].quoted, true);
  assert.equal(c.words[0].quoted, false);
  assert.deepEqual(cmds("sh -c 'apt-get update && apt-get install -y x'"), ['sh -c apt-get update && apt-get install -y x']);
});

test('quote removal', () => {
  assert.deepEqual(values('echo "a b"c'), ['echo', 'a bc']);
  assert.deepEqual(values(`echo 'a'"b"\\c d\\ e`), ['echo', 'abc', 'd e']);
  assert.deepEqual(values(`echo 'it''s' "say \\"hi\\"" "a\\b" "\\$x" "\\\\"`), ['echo', 'its', 'say "hi"', 'a\\b', '$x', '\\']);
  assert.deepEqual(values(`echo "it's" 'a "q"' ''`), ['echo', "it's", 'a "q"', '']);
  assert.deepEqual(values(`echo $'a\\tb\\'c\\x41\\q' $"loc"`), ['echo', "a\tb'cA\\q", 'loc']);
  // Metacharacters inside quotes or escaped do not split words or commands.
  assert.deepEqual(values(`echo "a;b|c&&d" 'x>y' a\\;b \\&\\&`), ['echo', 'a;b|c&&d', 'x>y', 'a;b', '&&']);
  assert.deepEqual(values('find . -name "*.pyc" -exec rm {} \\;'), ['find', '.', '-name', '*.pyc', '-exec', 'rm', '{}', ';']);
  // A backslash-newline inside a word is a continuation and disappears.
  assert.deepEqual(values('ec\\\nho "a\\\nb"'), ['echo', 'ab']);
});

test('expansions are kept literally and flagged', () => {
  const c = only('echo $HOME ${X:-y} "$A" \'$B\' \\$C $(id -u) `date` a$ $1 "$@" x$$');
  const got = c.words.map((w) => [w.value, w.hasExpansion]);
  assert.deepEqual(got, [
    ['echo', false], ['$HOME', true], ['${X:-y}', true], ['$A', true], ['$B', false], ['$C', false],
    ['$(id -u)', true], ['`date`', true], ['a$', false], ['$1', true], ['$@', true], ['x$$', true],
  ]);
  assert.equal(c.words[3].quoted, true);
  assert.equal(c.words[1].quoted, false);
});

test('operators and joinedBy', () => {
  const r = tokenizeShell('a && b || c ; d | e |& f & g\nh');
  assert.deepEqual(r.commands.map((c) => c.words[0].value), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  assert.deepEqual(r.commands.map((c) => c.joinedBy), [null, '&&', '||', ';', '|', '|', '&', '\n']);
  assert.deepEqual(r.errors, []);
  // Operators need no spaces.
  assert.deepEqual(cmds('a&&b||c;d|e&f'), ['a', 'b', 'c', 'd', 'e', 'f']);
  // A newline after an operator only continues the line; extra separators do not matter.
  assert.deepEqual(tokenizeShell('a &&\n  b |\n c;\n\n d\n\n e').commands.map((c) => c.joinedBy), [null, '&&', '|', ';', '\n']);
  assert.deepEqual(tokenizeShell('; \n a').commands.map((c) => c.joinedBy), [null]);
});

test('offsets cover the word including its quotes and allow precise edits', () => {
  const script = 'apt-get update && apt-get   install -y "curl"  \'wget\' x\\ y';
  const [, install] = tokenizeShell(script).commands;
  const [name, sub, y, curl, wget, xy] = install.words;
  assert.equal(script.slice(name.start, name.end), 'apt-get');
  assert.equal(script.slice(sub.start, sub.end), 'install');
  assert.equal(script.slice(y.start, y.end), '-y');
  assert.equal(script.slice(curl.start, curl.end), '"curl"');
  assert.equal(script.slice(wget.start, wget.end), "'wget'");
  assert.equal(script.slice(xy.start, xy.end), 'x\\ y');
  assert.equal(script.slice(install.start, install.end), 'apt-get   install -y "curl"  \'wget\' x\\ y');
  const fixed = script.slice(0, sub.end) + ' --no-install-recommends' + script.slice(sub.end);
  assert.equal(fixed, 'apt-get update && apt-get   install --no-install-recommends -y "curl"  \'wget\' x\\ y');
});

test('offsets are UTF-16 indices', () => {
  const script = 'echo "héllo 😀" && apt-get install -y x';
  const [echo, apt] = tokenizeShell(script).commands;
  assert.equal(echo.words[1].value, 'héllo 😀');
  assert.equal(script.slice(echo.words[1].start, echo.words[1].end), '"héllo 😀"');
  assert.equal(script.slice(apt.words[1].start, apt.words[1].end), 'install');
});

test('leading assignments', () => {
  const c = only('DEBIAN_FRONTEND=noninteractive A+=1 B="x y" apt-get install X=1');
  assert.deepEqual(c.assignments.map((w) => w.value), ['DEBIAN_FRONTEND=noninteractive', 'A+=1', 'B=x y']);
  assert.deepEqual(c.words.map((w) => w.value), ['apt-get', 'install', 'X=1']);
  assert.equal(c.start, 0);
  // A quoted name is not an assignment; a lone assignment is a command without words.
  assert.deepEqual(only('"A=1" cmd').assignments, []);
  assert.deepEqual(only('1A=2 cmd').assignments, []);
  const lone = only('PATH=/x:$PATH');
  assert.equal(lone.assignments.length, 1);
  assert.deepEqual(lone.words, []);
  assert.equal(commandIndex(lone), -1);
  assert.equal(commandName(lone), undefined);
});

test('commandIndex skips wrappers and paths', () => {
  const idx = (s: string) => commandIndex(only(s));
  const name = (s: string) => commandName(only(s));
  assert.equal(idx('apt-get install x'), 0);
  assert.equal(name('/usr/bin/apt-get install x'), 'apt-get');
  assert.equal(idx('sudo apt-get install'), 1);
  assert.equal(idx('sudo -E -u root apt-get install'), 4);
  assert.equal(idx('sudo --user=root -- apt-get install'), 3);
  assert.equal(idx('env X=1 Y=2 apt-get install'), 3);
  assert.equal(idx('env -i -u HOME X=1 apt-get'), 5);
  assert.equal(idx('/usr/bin/env X=1 /usr/bin/apt-get install'), 2);
  assert.equal(name('/usr/bin/env X=1 /usr/bin/apt-get install'), 'apt-get');
  assert.equal(idx('sudo env X=1 nice -n 10 nohup apt-get'), 7);
  assert.equal(idx('timeout -s KILL 60 pip install x'), 4);
  assert.equal(idx('gosu app:app npm ci'), 2);
  assert.equal(idx('time apt-get update'), 1);
  assert.equal(idx('exec apt-get update'), 1);
  assert.equal(name('stdbuf -o L apt-get update'), 'apt-get');
  // `command -v` only looks a command up.
  assert.equal(idx('command -v apt-get'), 0);
  assert.equal(idx('command apt-get'), 1);
  // A wrapper with nothing to run is itself the command.
  assert.equal(idx('sudo'), 0);
  assert.equal(idx('sudo -l'), 0);
  assert.equal(idx('env'), 0);
  // Names that exist on Object.prototype are not wrappers.
  assert.equal(idx('constructor x'), 0);
  assert.equal(idx('$SUDO apt-get'), 0);
  // Assignments before the command are not words.
  assert.equal(name('DEBIAN_FRONTEND=noninteractive sudo -E apt-get install'), 'apt-get');
});

test('subshells and brace groups raise the depth', () => {
  const r = tokenizeShell('a; ( b && { c; d; } ) || e; {  f; } | g');
  assert.deepEqual(r.commands.map((c) => [c.words[0].value, c.depth, c.joinedBy]), [
    ['a', 0, null], ['b', 1, ';'], ['c', 2, '&&'], ['d', 2, ';'], ['e', 0, '||'], ['f', 1, ';'], ['g', 0, '|'],
  ]);
  assert.deepEqual(r.errors, []);
  // Parentheses and braces are not words; `{`/`}` inside a command are ordinary arguments.
  assert.deepEqual(cmds('(cd /tmp && make)'), ['cd /tmp', 'make']);
  assert.deepEqual(cmds('echo { } {a,b}'), ['echo { } {a,b}']);
  // A redirection after a group belongs to the group, not to a new command.
  assert.deepEqual(cmds('{ a; b; } > log 2>&1 && c'), ['a', 'b', 'c']);
});

test('unbalanced groups are reported', () => {
  assert.deepEqual(cmds('( a'), ['a']);
  assert.equal(tokenizeShell('( a').errors.length, 1);
  assert.equal(tokenizeShell('a )').errors.length, 1);
  assert.equal(tokenizeShell('{ a; ) ; }').errors.length, 1);
});

test('if bodies', () => {
  const r = tokenizeShell('if [ -f x ]; then apt-get install -y y; fi');
  assert.deepEqual(r.commands.map((c) => c.words.map((w) => w.value)), [['[', '-f', 'x', ']'], ['apt-get', 'install', '-y', 'y']]);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    cmds('if ! grep -q x f; then a; elif test -d d; then b; else c && d; fi && e'),
    ['grep -q x f', 'a', 'test -d d', 'b', 'c', 'd', 'e'],
  );
  const joined = tokenizeShell('if a; then b; fi && c; if d\nthen e\nfi\nf');
  assert.deepEqual(joined.commands.map((c) => [c.words[0].value, c.joinedBy]), [
    ['a', null], ['b', ';'], ['c', '&&'], ['d', ';'], ['e', '\n'], ['f', '\n'],
  ]);
  // Reserved words are only special in command position.
  assert.deepEqual(cmds('echo if then fi do done'), ['echo if then fi do done']);
});

test('for, while, until and select bodies', () => {
  assert.deepEqual(cmds('for p in apt-get install; do echo $p; done'), ['echo $p']);
  assert.deepEqual(cmds('for f in *.deb\ndo\n  dpkg -i "$f"\ndone'), ['dpkg -i $f']);
  assert.deepEqual(cmds('for x do echo $x; done'), ['echo $x']);
  assert.deepEqual(cmds('for ((i = 0; i < 3; i++)); do echo $i; done; b'), ['echo $i', 'b']);
  assert.deepEqual(cmds('while ! curl -f x; do sleep 1; done | tee log'), ['curl -f x', 'sleep 1', 'tee log']);
  assert.deepEqual(cmds('until [ -f x ]; do sleep 1; done'), ['[ -f x ]', 'sleep 1']);
  assert.deepEqual(cmds('select x in a b; do break; done'), ['break']);
  assert.deepEqual(cmds('while read l; do echo "$l"; done < <(ls /) && z'), ['read l', 'echo $l', 'z']);
  assert.deepEqual(
    cmds('for v in 1 2; do if [ $v = 1 ]; then apt-get install -y a$v; fi; done'),
    ['[ $v = 1 ]', 'apt-get install -y a$v'],
  );
});

test('case arms', () => {
  const s = 'case "$(uname -m)" in x86_64|amd64) A=amd64 ;; (aarch64) apt-get install -y b; c ;; *) d ;; esac && e';
  const r = tokenizeShell(s);
  assert.deepEqual(r.commands.map((c) => [c.assignments.map((w) => w.value), c.words.map((w) => w.value)]), [
    [['A=amd64'], []], [[], ['apt-get', 'install', '-y', 'b']], [[], ['c']], [[], ['d']], [[], ['e']],
  ]);
  assert.equal(r.commands[4].joinedBy, '&&');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(cmds('case x in\n a)\n  b\n  ;;\nesac\nc'), ['b', 'c']);
});

test('function definitions are not commands, their bodies are', () => {
  assert.deepEqual(cmds('f() { apt-get install -y x; }; f'), ['apt-get install -y x', 'f']);
  assert.deepEqual(cmds('function g { a; }; function h() ( b ); g'), ['a', 'b', 'g']);
});

test('[[ ]] conditions do not split at && or redirect at <', () => {
  const r = tokenizeShell('[[ -f a && $b < c || ( d ) ]] && apt-get update');
  assert.deepEqual(r.commands.map((c) => c.words.map((w) => w.value)), [
    ['[[', '-f', 'a', '&&', '$b', '<', 'c', '||', '(', 'd', ')', ']]'], ['apt-get', 'update'],
  ]);
  assert.deepEqual(r.commands[0].redirects, []);
  // An unclosed `[[` ends at the next separator.
  assert.deepEqual(cmds('[[ a ; b && c'), ['[[ a', 'b', 'c']);
});

test('bash array assignments stay one word', () => {
  const c = only('PKGS=(curl "wget x") apt-get install');
  assert.deepEqual(c.assignments.map((w) => w.value), ['PKGS=(curl "wget x")']);
  assert.deepEqual(c.words.map((w) => w.value), ['apt-get', 'install']);
});

test('$(…) and ${…} may contain ; ) and quotes without ending the command', () => {
  assert.deepEqual(cmds('echo $(cd /tmp; ls) && apt-get install -y x'), ['echo $(cd /tmp; ls)', 'apt-get install -y x']);
  assert.deepEqual(values('echo "$(echo ")" ; x)" $(echo \')\')'), ['echo', '$(echo ")" ; x)', "$(echo ')')"]);
  assert.deepEqual(values('echo $(echo $(echo a) ) b'), ['echo', '$(echo $(echo a) )', 'b']);
  assert.deepEqual(values('echo $((1 + (2 * 3))) ${x:-a;b} ${y//)/}'), ['echo', '$((1 + (2 * 3)))', '${x:-a;b}', '${y//)/}']);
  assert.deepEqual(values('X=$(dpkg --print-architecture | tr -d "\\n") a'), ['a']);
  assert.deepEqual(only('X=$(a; b) c').assignments.map((w) => w.value), ['$(a; b)'].map((v) => 'X=' + v));
});

test('backquotes', () => {
  assert.deepEqual(cmds('echo `apt-get install x; y` && z'), ['echo `apt-get install x; y`', 'z']);
  assert.deepEqual(values('echo "a `b \\` c` d"'), ['echo', 'a `b \\` c` d']);
});

test('here-documents are skipped up to their delimiter line', () => {
  const s = 'cat <<EOF > /etc/apt/x.list && echo ok\napt-get install foo\n$(rm -rf /)\nEOF\napt-get update';
  const r = tokenizeShell(s);
  assert.deepEqual(r.commands.map((c) => c.words.map((w) => w.value).join(' ')), ['cat', 'echo ok', 'apt-get update']);
  assert.deepEqual(r.errors, []);
  const [heredoc, out] = r.commands[0].redirects;
  assert.equal(heredoc.op, '<<');
  assert.equal(heredoc.target?.value, 'EOF');
  assert.ok(heredoc.heredoc);
  assert.equal(s.slice(heredoc.heredoc.start, heredoc.heredoc.end), 'apt-get install foo\n$(rm -rf /)\n');
  assert.equal(out.op, '>');
  assert.equal(r.commands[2].joinedBy, '\n');

  // <<- strips leading tabs from the delimiter line; quoted delimiters lose their quotes.
  assert.deepEqual(cmds("cat <<-'END'\n\tnot a command\n\tEND\nb"), ['cat', 'b']);
  assert.deepEqual(cmds('cat <<"E"OF\nx\nEOF\nb'), ['cat', 'b']);
  assert.equal(tokenizeShell('cat <<-END\n\tx\n\tEND').commands[0].redirects[0].op, '<<-');
  // Two here-docs on one line are read in order; CRLF line ends are accepted.
  assert.deepEqual(cmds('a <<A; b <<B\nx\nA\ny\nB\nc'), ['a', 'b', 'c']);
  assert.deepEqual(cmds('a <<A\r\nx\r\nA\r\nc'), ['a', 'c']);
  // `<<<` is a here-string, not a here-doc.
  const hs = tokenizeShell('cat <<< "x y"\nb');
  assert.deepEqual(hs.commands.map((c) => c.words.map((w) => w.value).join(' ')), ['cat', 'b']);
  assert.equal(hs.commands[0].redirects[0].op, '<<<');
  assert.equal(hs.commands[0].redirects[0].target?.value, 'x y');
});

test('unterminated here-documents are reported', () => {
  const r = tokenizeShell('cat <<EOF\napt-get install x');
  assert.deepEqual(r.commands.map((c) => c.words.map((w) => w.value)), [['cat']]);
  assert.equal(r.errors.length, 1);
  assert.equal(tokenizeShell('cat <<EOF').errors.length, 1);
  assert.equal(tokenizeShell('cat <<').errors.length, 1);
});

test('comments run to the end of the line', () => {
  assert.deepEqual(cmds('echo a # apt-get install x && b\napt-get update'), ['echo a', 'apt-get update']);
  assert.deepEqual(cmds('echo a#b "#c" \\#d $#'), ['echo a#b #c #d $#']);
  assert.deepEqual(cmds('a;# c\nb'), ['a', 'b']);
});

test('redirections', () => {
  const c = only('cmd a >out 2>&1 >> app.log <in 2> /dev/null &>all &>>all2 >|clob 3<&- >&2 <>rw 9>lock {fd}>x b');
  assert.deepEqual(c.words.map((w) => w.value), ['cmd', 'a', 'b']);
  assert.deepEqual(c.redirects.map((r) => [r.op, r.target?.value]), [
    ['>', 'out'], ['2>&1', undefined], ['>>', 'app.log'], ['<', 'in'], ['2>', '/dev/null'], ['&>', 'all'],
    ['&>>', 'all2'], ['>|', 'clob'], ['3<&-', undefined], ['>&2', undefined], ['<>', 'rw'], ['9>', 'lock'], ['{fd}>', 'x'],
  ]);
  const s = 'echo hi > "/tmp/a b"';
  const r = only(s).redirects[0];
  assert.equal(s.slice(r.start, r.end), '> "/tmp/a b"');
  assert.equal(r.target?.value, '/tmp/a b');
  // A number separated from `>` is an argument; a redirection may precede the command name.
  assert.deepEqual(values('echo 2 > f'), ['echo', '2']);
  assert.deepEqual(values('>/dev/null 2>&1 apt-get update'), ['apt-get', 'update']);
  const pre = only('>/dev/null apt-get update');
  assert.equal(pre.start, 0);
  assert.equal(commandName(pre), 'apt-get');
  // `>& file` redirects both streams to a file; `< <(cmd)` reads a process substitution.
  assert.equal(only('a >& log').redirects[0].target?.value, 'log');
  assert.equal(only('a < <(ls -l)').redirects[0].target?.value, '<(ls -l)');
});

test('a missing redirection target is reported', () => {
  for (const s of ['echo >', 'echo > && b', 'echo 2>; b', 'echo > # x']) {
    const r = tokenizeShell(s);
    assert.equal(r.errors.length, 1, s);
    assert.equal(r.commands[0].words[0].value, 'echo');
  }
});

test('unterminated quotes take the rest of the input and are reported', () => {
  const cases: [string, string][] = [
    ["echo 'abc && apt-get install x", 'abc && apt-get install x'],
    ['echo "abc && apt-get install x', 'abc && apt-get install x'],
    ['echo $(abc && apt-get install x', '$(abc && apt-get install x'],
    ['echo `abc && apt-get install x', '`abc && apt-get install x'],
    ['echo ${abc && apt-get install x', '${abc && apt-get install x'],
    ["echo $'abc && apt-get install x", 'abc && apt-get install x'],
    ['echo "a $(b \'c', "a $(b 'c"],
  ];
  for (const [s, last] of cases) {
    const r = tokenizeShell(s);
    assert.equal(r.commands.length, 1, s);
    assert.deepEqual(r.commands[0].words.map((w) => w.value), ['echo', last], s);
    assert.equal(r.commands[0].words[1].end, s.length);
    // One problem per unclosed opener; the outermost one is at offset 5.
    assert.ok(r.errors.length >= 1, s);
    assert.ok(r.errors.some((e) => e.offset === 5), s);
  }
  // A trailing backslash is kept literally.
  assert.deepEqual(values('echo a\\'), ['echo', 'a\\']);
});

test('100 KB inputs', () => {
  const word = 'a'.repeat(100_000);
  const big = tokenizeShell(`echo ${word} "${word}"`);
  assert.equal(big.commands[0].words[1].value, word);
  assert.equal(big.commands[0].words[2].value, word);

  const pkgs = Array.from({ length: 12_000 }, (_, i) => `package-${i}`).join(' ');
  const install = `apt-get update && apt-get install -y ${pkgs} && rm -rf /var/lib/apt/lists/*`;
  assert.ok(install.length > 100_000);
  const r = tokenizeShell(install);
  assert.deepEqual(r.commands.map((c) => c.words.length), [2, 12_003, 3]);
  assert.equal(r.commands[1].words[12_002].value, 'package-11999');
  checkInvariants(install, r);
});

test('10,000 commands joined by &&', () => {
  const script = Array.from({ length: 10_000 }, (_, i) => `echo "${i}" > f${i}`).join(' && ');
  const r = tokenizeShell(script);
  assert.equal(r.commands.length, 10_000);
  assert.deepEqual(r.errors, []);
  r.commands.forEach((c, i) => {
    assert.equal(c.joinedBy, i === 0 ? null : '&&');
    assert.equal(c.words[1].value, String(i));
    assert.equal(c.redirects[0].target?.value, `f${i}`);
    assert.equal(script.slice(c.start, c.end), `echo "${i}" > f${i}`);
  });
});

test('pathological nesting neither throws nor floods errors', () => {
  const n = 50_000;
  const inputs = [
    '('.repeat(n), ')'.repeat(n), '{ '.repeat(n), '} '.repeat(n), '$('.repeat(n), '"$('.repeat(n), '`'.repeat(n + 1),
    '(('.repeat(n), '((a) '.repeat(n), '<<a '.repeat(n) + '\n', 'a <<a\n'.repeat(n), '${'.repeat(n),
    'case '.repeat(n), 'for '.repeat(n), "$'".repeat(n), '\\'.repeat(n + 1), '2>&'.repeat(n), 'f() '.repeat(n),
  ];
  for (const s of inputs) {
    const r = tokenizeShell(s);
    checkInvariants(s, r);
  }
});

test('random bytes never throw (seeded)', () => {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed >>> 16;
  };
  const bytes = Buffer.alloc(100_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
  for (const s of [bytes.toString('latin1'), bytes.toString('utf8')]) checkInvariants(s, tokenizeShell(s));
  // Bytes biased towards shell syntax are more likely to reach unusual states.
  const alphabet = ' \t\n;&|()<>\'"`$\\{}#=-!*a1[]';
  for (let round = 0; round < 200; round++) {
    let s = '';
    for (let i = 0; i < 300; i++) s += alphabet[next() % alphabet.length];
    checkInvariants(s, tokenizeShell(s));
  }
});

test('property: arbitrary strings keep the invariants', () => {
  const shellish = fc.string({
    unit: fc.constantFrom(' ', '\n', ';', '&', '|', '(', ')', '<', '>', "'", '"', '`', '$', '\\', '{', '}', '#', 'a', '1', '=', '-', 'if', 'then', 'fi', 'do', 'done', 'case', 'esac', 'in', 'EOF', '<<', '[['),
    maxLength: 80,
  });
  fc.assert(fc.property(fc.oneof(shellish, fc.string({ unit: 'binary', maxLength: 80 })), (s) => {
    checkInvariants(s, tokenizeShell(s));
  }), { numRuns: 2000 });
});

test('property: quoting any string gives it back as one word', () => {
  const singleQuote = (v: string) => `'${v.replace(/'/g, "'\\''")}'`;
  const doubleQuote = (v: string) => `"${v.replace(/[\\"$`]/g, '\\$&')}"`;
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (v) => {
    for (const q of [singleQuote(v), doubleQuote(v)]) {
      const s = `apt-get install ${q} && b`;
      const { commands, errors } = tokenizeShell(s);
      assert.deepEqual(errors, []);
      assert.equal(commands.length, 2);
      const w = commands[0].words[2];
      assert.equal(w.value, v);
      assert.equal(s.slice(w.start, w.end), q);
      assert.equal(w.hasExpansion, false);
    }
  }), { numRuns: 1000 });
});
