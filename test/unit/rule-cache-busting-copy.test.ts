import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, df, findingsOf, linesOf } from '../support/rules';

const RULE = 'cache-busting-copy';

test('COPY . . before npm ci: fix copies the manifests first and the rest after the install', () => {
  const text = df('FROM node:24-slim', 'WORKDIR /app', 'COPY --chown=node:node . .', 'ENV NODE_ENV=production', 'RUN npm ci --omit=dev', 'CMD ["node", "index.js"]');
  const [f] = findingsOf(text, RULE);
  assert.equal(f.range.start.line, 2);
  assert.match(f.message, /`npm ci` \(line 5\)/);
  assert.equal(f.fixes[0].safe, false);
  const fixed = applyFix(text, f);
  assert.equal(fixed, df('FROM node:24-slim', 'WORKDIR /app', 'COPY --chown=node:node package*.json ./', 'ENV NODE_ENV=production', 'RUN npm ci --omit=dev', 'COPY --chown=node:node . .', 'CMD ["node", "index.js"]'));
  assert.deepEqual(linesOf(fixed, RULE), []);
});

test('each ecosystem names its manifests', () => {
  const cases: [string, string, string][] = [
    ['python:3.14-slim', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY requirements.txt ./'],
    ['golang:1.26', 'RUN go mod download', 'COPY go.mod go.sum* ./'],
    ['ruby:3.4', 'RUN bundle install', 'COPY Gemfile Gemfile.lock* ./'],
    ['maven:3', 'RUN mvn -B dependency:go-offline', 'COPY pom.xml ./'],
    ['composer:2', 'RUN composer install --no-dev --no-scripts --no-autoloader', 'COPY composer.json composer.lock* ./'],
    ['node:24-slim', 'RUN yarn install --frozen-lockfile', 'COPY package.json yarn.lock* ./'],
    ['node:24-slim', 'RUN pnpm install --frozen-lockfile', 'COPY package.json pnpm-lock.yaml* ./'],
  ];
  for (const [image, run, manifest] of cases) {
    const text = df(`FROM ${image}`, 'WORKDIR /src', 'COPY . .', run);
    const [f] = findingsOf(text, RULE);
    assert.ok(f, run);
    assert.equal(applyFix(text, f), df(`FROM ${image}`, 'WORKDIR /src', manifest, run, 'COPY . .'), run);
  }
});

test('composer: no fix when the install runs scripts or builds the autoloader (artisan is not copied yet)', () => {
  for (const run of ['RUN composer install --no-dev', 'RUN composer install --no-scripts', 'RUN composer install --no-autoloader']) {
    const [f] = findingsOf(df('FROM composer:2', 'WORKDIR /app', 'COPY . .', run), RULE);
    assert.equal(f.fixes.length, 0, run);
    assert.match(f.message, /composer install --no-scripts --no-autoloader/, run);
    assert.match(f.message, /composer dump-autoload/, run);
  }
});

test('cargo: no fix, Cargo rejects a manifest without its source targets', () => {
  const [f] = findingsOf(df('FROM rust:1', 'WORKDIR /src', 'COPY . .', 'RUN cargo fetch'), RULE);
  assert.equal(f.fixes.length, 0);
  assert.match(f.message, /no targets|targets/);
});

test('the fix title names what it assumes about files the linter cannot see', () => {
  const npm = findingsOf(df('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci'), RULE)[0];
  assert.match(npm.fixes[0].title, /builds if the install\/prepare scripts of package.json use no other file/);
  const quiet = findingsOf(df('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --ignore-scripts'), RULE)[0];
  assert.doesNotMatch(quiet.fixes[0].title, /builds if/);
  const pip = findingsOf(df('FROM python:3.14-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt'), RULE)[0];
  assert.match(pip.fixes[0].title, /-e \./);
});

test('absolute destination and an absolute requirements path', () => {
  const text = df('FROM python:3.14-slim', 'WORKDIR /app', 'ADD . /app', 'RUN pip install -r /app/requirements.txt');
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), df('FROM python:3.14-slim', 'WORKDIR /app', 'COPY requirements.txt /app/', 'RUN pip install -r /app/requirements.txt', 'ADD . /app'));
});

test('installs that need the sources are not flagged', () => {
  for (const run of ['RUN pip install .', 'RUN pip install -e .', 'RUN npm install -g typescript', 'RUN npm install express', 'RUN go build ./...', 'RUN mvn package', 'RUN cargo build --release', 'RUN npm run build', 'RUN echo "npm ci"']) {
    assert.deepEqual(linesOf(df('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', run), RULE), [], run);
  }
});

test('manifest-first Dockerfiles, other contexts and heredoc/exec RUNs are fine', () => {
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'COPY --from=build /app .', 'RUN npm ci'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'COPY src/ .', 'RUN npm ci'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'COPY . .', 'RUN cat <<EOF > /notes', 'npm ci', 'EOF'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'COPY . .', 'RUN ["npm", "ci"]'), RULE), []);
  assert.deepEqual(linesOf(df('FROM node:24-slim', 'COPY . .', 'RUN cd web && npm ci'), RULE), []);
});

test('no fix when something between could depend on the files or the directory', () => {
  for (const between of ['RUN ls', 'WORKDIR /other', 'COPY x /x']) {
    const text = df('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', between, 'RUN npm ci');
    const [f] = findingsOf(text, RULE);
    assert.ok(f, between);
    assert.equal(f.fixes.length, 0, between);
  }
  const sub = df('FROM python:3.14-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements/prod.txt');
  assert.equal(findingsOf(sub, RULE)[0].fixes.length, 0);
});

test('CRLF and escape=` are kept', () => {
  const text = '# escape=`\r\nFROM node:24-slim\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci `\r\n  && npm cache clean --force\r\n';
  const [f] = findingsOf(text, RULE);
  assert.equal(applyFix(text, f), '# escape=`\r\nFROM node:24-slim\r\nWORKDIR /app\r\nCOPY package*.json ./\r\nRUN npm ci `\r\n  && npm cache clean --force\r\nCOPY . .\r\n');
});

test('Russian message quotes the lecture and explains the cache order', () => {
  const [f] = findingsOf(df('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci'), RULE, 'ru');
  assert.match(f.message, /«При сборке образа слои кешируются»/);
  assert.match(f.message, /Кеш сборки сбрасывается/);
});
