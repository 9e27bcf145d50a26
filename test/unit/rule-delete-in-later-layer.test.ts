import { test } from 'node:test';
import assert from 'node:assert/strict';
import { df, findingsOf, linesOf } from '../support/rules';

const RULE = 'delete-in-later-layer';

test('rm of a COPY destination in a later RUN points to the COPY', () => {
  const text = df('FROM debian:trixie', 'COPY app.tar.gz /tmp/app.tar.gz', 'RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz');
  const [f] = findingsOf(text, RULE);
  assert.match(f.message, /COPY at line 2/);
  assert.deepEqual(f.range, { start: { line: 2, character: 43 }, end: { line: 2, character: 58 } });
  assert.equal(f.fixes.length, 0);
});

test('COPY into a directory, relative destinations and parent directories', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'COPY a.deb b.deb /tmp/', 'RUN dpkg -i /tmp/*.deb && rm /tmp/a.deb /tmp/b.deb'), RULE), [3, 3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'WORKDIR /src', 'COPY . .', 'RUN make install && rm -rf /src'), RULE), [4]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'WORKDIR /src', 'COPY x.tgz .', 'RUN tar xzf x.tgz && rm x.tgz'), RULE), [4]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'COPY scripts/ /tmp/scripts/', 'RUN /tmp/scripts/setup.sh && rm -rf /tmp/*'), RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'ADD https://example.com/x.tgz /tmp/', 'RUN tar xzf /tmp/x.tgz && rm /tmp/x.tgz'), RULE), [3]);
});

test('downloads, extractions and clones of earlier RUNs', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -fsSLo /tmp/x.tgz https://e.com/x', 'RUN rm /tmp/x.tgz'), RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN wget -qO /tmp/x.zip https://e.com/x', 'RUN unzip /tmp/x.zip -d /opt/x && rm -f /tmp/x.zip'), RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -fsSL https://e.com/x > /tmp/x.sh', 'RUN sh /tmp/x.sh; rm /tmp/x.sh'), RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN tar -xzf /x.tgz -C /usr/src/x', 'RUN make -C /usr/src/x && rm -rf /usr/src/x'), RULE), [3]);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN git clone --depth 1 https://e.com/r.git /src/r', 'RUN rm -rf /src'), RULE), [3]);
});

test('the message names the earlier RUN', () => {
  const [f] = findingsOf(df('FROM debian:trixie', 'RUN curl -o /tmp/x.tgz https://e.com/x', 'RUN rm /tmp/x.tgz'), RULE, 'ru');
  assert.match(f.message, /RUN \(скачивание curl\) в строке 2/);
  assert.match(f.message, /«каждая инструкция `RUN`, `COPY` или `ADD` создает отдельный слой, и их оптимизация напрямую влияет на размер итогового образа»/);
});

test('cleaning up in the same RUN is the right way and is not flagged', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -o /tmp/x.tgz https://e.com/x && tar xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz'), RULE), []);
  // Removed (or moved away) in the RUN that made it: nothing left for a later rm to miss.
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -o /tmp/x.tgz u && tar xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz', 'RUN rm -rf /tmp/*'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'RUN curl -o /tmp/x u && mv /tmp/x /usr/local/bin/x', 'RUN rm -rf /tmp/*'), RULE), []);
});

test('conservative: no guesses about directory contents, variables, cd, other stages', () => {
  for (const lines of [
    ['COPY . /app', 'RUN rm -rf /app/tests'],
    ['COPY x /tmp/x', 'RUN rm -rf /tmp/y'],
    ['COPY x /tmp/x', 'RUN rm -rf "$DIR"/x'],
    ['COPY x.tgz x.tgz', 'RUN rm x.tgz'],
    ['WORKDIR /w', 'COPY x.tgz .', 'RUN cd /other && rm x.tgz'],
    ['COPY x /tmp/x', 'RUN echo "rm /tmp/x"'],
    ['COPY x /tmp/x', 'RUN ["rm", "/tmp/x"]'],
    ['COPY x /tmp/x', 'RUN cat <<EOF > /notes', 'rm /tmp/x', 'EOF'],
    ['COPY x /', 'RUN rm -rf /x/y'],
  ]) assert.deepEqual(linesOf(df('FROM debian:trixie', ...lines), RULE), [], lines.join(' / '));
  assert.deepEqual(linesOf(df('FROM debian:trixie AS a', 'COPY x /tmp/x', 'FROM debian:trixie', 'RUN rm /tmp/x'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie AS a', 'COPY x /tmp/x', 'RUN rm /tmp/x', 'FROM debian:trixie', 'COPY --from=a /y /y'), RULE), [], 'not in the final image');
});

test('CRLF and escape=` files', () => {
  const text = '# escape=`\r\nFROM debian:trixie\r\nCOPY x /tmp/x\r\nRUN echo hi `\r\n  && rm /tmp/x\r\n';
  const [f] = findingsOf(text, RULE);
  assert.deepEqual(f.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 14 } });
});

test('a directory source copies its contents, an ADDed archive is unpacked: no name guessed for them', () => {
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'COPY scripts /tmp/', 'RUN rm -rf /tmp/scripts'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'ADD app.tar.gz /opt/', 'RUN rm /opt/app.tar.gz'), RULE), []);
  assert.deepEqual(linesOf(df('FROM debian:trixie', 'ADD app.tar.gz /opt/', 'RUN rm -rf /opt'), RULE), [3]);
});

const severities = (text: string) => findingsOf(text, RULE).map((f) => [f.range.start.line + 1, f.severity]);

test('what is deleted is weighed: packages, archives, clones and copied trees are warnings', () => {
  assert.deepEqual(severities(df('FROM debian:trixie', 'COPY libheif1.deb /tmp/libheif1.deb', 'RUN apt-get install -y /tmp/libheif1.deb && rm /tmp/libheif1.deb')), [[3, 'warning']]);
  assert.deepEqual(severities(df('FROM debian:trixie', 'RUN git clone https://e.com/r.git /build', 'RUN make -C /build install && rm -rf /build')), [[3, 'warning']]);
  assert.deepEqual(severities(df('FROM debian:trixie', 'COPY custom_files/ /root/custom', 'RUN cp -r /root/custom/* /etc/app/ && rm -rf /root/custom')), [[3, 'warning']]);
});

test('a small copied script or config left in its layer costs next to nothing: a hint', () => {
  // A setup script copied in, run, then deleted: the deletion is pointless but harmless.
  assert.deepEqual(severities(df('FROM debian:trixie', 'COPY ./scripts/install-tool.sh /tmp/install-tool.sh', 'RUN /tmp/install-tool.sh && rm -f /tmp/install-tool.sh')), [[3, 'hint']]);
  assert.deepEqual(severities(df('FROM debian:trixie', 'COPY target/scripts/build/packages.sh /build/', 'RUN /bin/bash /build/packages.sh && rm -r /build')), [[3, 'hint']]);
  assert.deepEqual(severities(df('FROM debian:trixie', 'COPY notice.txt setup.sh /tmp/scripts/', 'RUN sh /tmp/scripts/setup.sh && rm -rf /tmp/scripts')), [[3, 'hint']]);
});

test('a path the deleting RUN downloaded again before the rm: a hint (that download does leave with the rm)', () => {
  const text = df('FROM ubuntu:24.04', 'COPY kong.deb /tmp/kong.deb', 'RUN curl -fL https://e.com/kong.deb -o /tmp/kong.deb && apt-get install -y /tmp/kong.deb && rm /tmp/kong.deb');
  assert.deepEqual(severities(text), [[3, 'hint']]);
});

test('a RUN that writes something else under the same directory does not make the deletion light', () => {
  const text = df('FROM alpine:3.23', 'RUN git clone https://e.com/pgvector.git /build/pgvector && make -C /build/pgvector install',
    'RUN git clone https://e.com/timescaledb /build/timescaledb && make -C /build/timescaledb install && rm -rf /build');
  assert.deepEqual(severities(text), [[3, 'warning']]);
});
