#!/usr/bin/env node
// Source of syntaxes/dockerfile.tmLanguage.json.
//
// The TextMate grammar reuses the same regular-expression fragments (instruction
// keywords, heredoc markers, continuation tests) in many rules, so it is written
// here as a JavaScript object with String.raw regexes and serialised to JSON.
//
//   node test/grammar/generate-grammar.mjs          # rewrite the JSON grammar
//   node test/grammar/generate-grammar.mjs --check  # exit 1 if the JSON is stale
//
// scripts/test-grammar.mjs runs the --check variant, so edit this file, not the JSON.
// The design (and why it is shaped like this) is explained in syntaxes/README.md.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const R = String.raw;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'syntaxes', 'dockerfile.tmLanguage.json');

// ---------------------------------------------------------------------------
// Regex fragments
// ---------------------------------------------------------------------------

/** Instruction keyword must be followed by blank or end of line. */
const KW_END = R`(?=[ \t]|$)`;
/** Start of an instruction: beginning of line, or right after ONBUILD (\G). */
const INSTR_START = R`(?:^|\G)[ \t]*`;
/** Start of a word: preceded by blank or beginning of line. */
const WORD_START = R`(?<![^ \t])`;
const DIRECTIVE_NAME = R`(?i:syntax|escape|check)`;
const DIRECTIVE_AHEAD = R`[ \t]*#[ \t]*${DIRECTIVE_NAME}[ \t]*=`;
const VAR_NAME = R`[A-Za-z_][A-Za-z0-9_]*`;
/** Heredoc delimiter word. */
const DELIM = R`[A-Za-z_][A-Za-z0-9_.-]*`;
/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`, with an optional fd number, as its own word. */
const MARK_START = R`${WORD_START}[0-9]*<<-?`;
const MARK = R`${MARK_START}(?:"${DELIM}"|'${DELIM}'|${DELIM}(?![A-Za-z0-9_.-]))`;
/** A shell that runs its stdin: `sh`, `bash -ex`, `/bin/bash -o pipefail` ... */
const SH_PREFIX = R`(?:[^\s<>|&;'"]*/)?(?:ba|da|a|z|k|mk)?sh(?:[ \t]+(?:-o[ \t]+[a-z]+|[-+][^\s<]*))*[ \t]+`;
/** The current line ends with the default escape character (a continuation). */
const ENDS_WITH_BACKSLASH = R`[^\n]*\\[ \t]*$`;
/** First character of a command (not a blank, not a flag). */
const COMMAND_START = R`${WORD_START}(?!--)(?=[^ \t\n])`;

const SHELL = { include: 'source.shell' };
const SHELL_SCOPE = 'meta.embedded.block.shellscript';

// ---------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------

const INSTRUCTIONS = [
  'from', 'run', 'cmd', 'entrypoint', 'label', 'maintainer', 'expose', 'env', 'add', 'copy',
  'volume', 'user', 'workdir', 'arg', 'onbuild', 'stopsignal', 'healthcheck', 'shell',
];

function keywordBegin(word) {
  return R`${INSTR_START}((?i:${word}))${KW_END}`;
}

/** A whole instruction: keyword, then `patterns` until a line that does not continue. */
function instruction(word, patterns, scopeWord = word.toLowerCase()) {
  return {
    name: `meta.instruction.${scopeWord}.dockerfile`,
    begin: keywordBegin(word),
    beginCaptures: { 1: { name: 'keyword.other.special-method.dockerfile' } },
    // Line continuations are injected (see `injections`): they consume the
    // escape character up to the next content line, so `$` is only reached
    // on the last line of the instruction.
    end: '$',
    patterns,
  };
}

/** Heredoc rule family. body: 'shell' | 'vars' | 'plain'; rest: 'shell' | 'file'. */
function heredoc(body, rest, quoted) {
  const quote = quoted ? R`(["'])` : '()';
  const restPatterns = rest === 'shell' ? [SHELL] : [{ include: '#variable' }, { include: '#string' }];
  const restRule = {
    // The rest of the marker line (`RUN cat <<EOF > /file`, `COPY <<EOF /dest`).
    // A begin/while whose condition never holds lives for this one line only.
    begin: R`\G(?!^)`,
    while: '(?!)',
    patterns: restPatterns,
  };
  if (rest === 'shell') restRule.contentName = SHELL_SCOPE;
  const bodyRule = {
    begin: '^',
    end: '(?!)',
    contentName: body === 'shell' ? SHELL_SCOPE : 'string.unquoted.heredoc.dockerfile',
    patterns: body === 'shell' ? [SHELL] : body === 'vars' ? [{ include: '#variable' }] : [],
  };
  return {
    // Outer begin/end: knows the delimiter (captured by a look-ahead) and marks
    // the terminating line.
    name: 'meta.heredoc.dockerfile',
    begin: R`(?=${MARK_START}${quote}(${DELIM})${quoted ? R`\1` : R`(?![A-Za-z0-9_.-])`})`,
    end: R`^(\t*)(\2)(?=[ \t]*$)`,
    endCaptures: { 2: { name: 'keyword.control.heredoc-token.dockerfile' } },
    patterns: [
      {
        // Inner begin/while: holds the body. The while condition is checked at
        // the start of every line, whatever the embedded grammar left open,
        // and pops everything on the terminator line.
        begin: R`\G([0-9]*)(<<)(-?)${quote}(${DELIM})(\4)`,
        beginCaptures: {
          1: { name: 'constant.numeric.file-descriptor.dockerfile' },
          2: { name: 'keyword.operator.heredoc.dockerfile' },
          3: { name: 'keyword.operator.heredoc.dockerfile' },
          4: { name: 'punctuation.definition.string.begin.dockerfile' },
          5: { name: 'keyword.control.heredoc-token.dockerfile' },
          6: { name: 'punctuation.definition.string.end.dockerfile' },
        },
        while: R`^(?!\t*\5[ \t]*$)`,
        patterns: [restRule, bodyRule],
      },
    ],
  };
}

/**
 * The first command of a shell-form RUN/CMD/ENTRYPOINT, as a statement. VS Code's shell
 * grammar starts a command statement (command name, arguments, options) only at the start
 * of a line or after `;`, `&`, `|`, `(`…: a look-behind, so after `RUN ` it never matches and
 * the first command was plain text while continuation lines were coloured. This rule starts
 * that statement at the start of the shell text (`\G`) and fills it with the shell grammar's
 * own statement contents (`typical_statements`, what its `normal_statement` holds), ending
 * where that one ends. Words the shell grammar handles before a statement (keywords such as
 * `if`/`for`, `(`, `[`, `!`, `{`, assignments) are left to it, as at the start of a line.
 */
const SHELL_KEYWORD = R`(?:nocorrect|function|foreach|repeat|logout|coproc|select|while|pushd|until|case|done|elif|else|esac|popd|then|time|for|end|fi|do|in|if)(?![^ \t\n;&|])`;
const firstShellStatement = {
  name: 'meta.statement.shell',
  begin: R`\G(?=[^ \t\n])(?![!&|(){}\[\]<>#;]|${SHELL_KEYWORD}|${VAR_NAME}\+?=)`,
  end: R`(?=;|\||&|\n|\)|\x{60}|\{|\}|[ \t]*#|\])(?<!\\)`,
  patterns: [{ include: 'source.shell#typical_statements' }],
};

/**
 * Shell text of one line, tokenized on its own (nothing can leak past the capture). The
 * begin/end inside only sets the anchor (`\G`) at the capture's start for firstShellStatement.
 */
const shellCapture = {
  name: SHELL_SCOPE,
  patterns: [{ begin: R`(?=[^\n])`, end: R`(?!)`, patterns: [firstShellStatement, SHELL] }],
};

/**
 * Shell-form command body, used by RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD.
 * withHeredocs: RUN only.
 */
function shellForm(withHeredocs) {
  const rules = [];
  if (withHeredocs) {
    // The line that holds the heredoc marker: shell text before the marker
    // (tokenized inside a capture so the shell grammar never sees `<<EOF`),
    // then the heredoc.
    const prefix = { match: R`\G([^\n]+?)(?=${MARK})`, captures: { 1: shellCapture } };
    const shellHeredocs = { include: '#heredoc-run-shell' };
    const plainHeredocs = { include: '#heredoc-run-plain' };
    rules.push(
      { begin: R`${WORD_START}(?=(?:${SH_PREFIX})?${MARK})`, end: '$', patterns: [shellHeredocs, prefix] },
      { begin: R`${COMMAND_START}(?=[^\n]*${MARK})`, end: '$', patterns: [plainHeredocs, prefix] },
    );
  }
  // Continued command: lines 0..k-1 (each ends with `\`) are one embedded
  // region with shell state carried across lines; a begin/while contains it,
  // so whatever the shell grammar leaves open is closed when the instruction's
  // last line starts. That last line is tokenized on its own (end capture).
  const lastLineHeredoc = withHeredocs
    ? [
      {
        begin: R`^(?=[^\n]*?(?<![^\s;&|(])${SH_PREFIX}${MARK})`,
        end: '$',
        patterns: [{ include: '#heredoc-run-shell' }, { match: R`\G([^\n]+?)(?=${MARK})`, captures: { 1: shellCapture } }],
      },
      {
        begin: R`^(?=[^\n]*${MARK})`,
        end: '$',
        patterns: [{ include: '#heredoc-run-plain' }, { match: R`\G([^\n]+?)(?=${MARK})`, captures: { 1: shellCapture } }],
      },
    ]
    : [];
  rules.push({
    begin: R`${COMMAND_START}(?=${ENDS_WITH_BACKSLASH})`,
    end: withHeredocs ? R`^(?![^\n]*${MARK})([^\n]*)$|(?!^)$` : R`^([^\n]*)$`,
    endCaptures: { 1: shellCapture },
    patterns: [
      {
        begin: R`\G(?!^)`,
        while: R`^(?=${ENDS_WITH_BACKSLASH}|[ \t]*(?:#|$))`,
        contentName: SHELL_SCOPE,
        patterns: [firstShellStatement, SHELL],
      },
      ...lastLineHeredoc,
    ],
  });
  // One-line command.
  rules.push({ match: R`${COMMAND_START}([^\n]+)`, captures: { 1: shellCapture } });
  return rules;
}

/** Command body when the escape character is a backtick (Windows): not shell. */
const plainCommand = [
  { include: '#string-backtick-mode' },
];

const stageName = 'entity.name.type.stage.dockerfile';

const repository = {
  // ----- top-of-file parser directives -------------------------------------
  directives: {
    begin: R`\A(?=${DIRECTIVE_AHEAD})`,
    end: R`^(?!${DIRECTIVE_AHEAD})`,
    patterns: [{ include: '#escape-backtick-region' }, { include: '#directive' }],
  },
  'escape-backtick-region': {
    // `# escape=`` switches the escape character for the rest of the file.
    // A begin/end that never ends holds the rest of the file; its scope selects
    // the backtick continuation (see `injections`) and the non-shell commands.
    name: 'meta.escape-backtick.dockerfile',
    begin: R`^([ \t]*)(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*(\x{60})(?=[ \t]*$)`,
    beginCaptures: {
      0: { name: 'meta.directive.parser.dockerfile' },
      2: { name: 'punctuation.definition.directive.dockerfile' },
      3: { name: 'keyword.control.directive.dockerfile' },
      4: { name: 'keyword.operator.assignment.dockerfile' },
      5: { name: 'constant.character.escape.dockerfile' },
    },
    end: '(?!)',
    patterns: [
      {
        // Further directives directly below the escape directive: starts right
        // after the backtick (the anchor \G is only there after the begin above).
        begin: R`\G(?<=\x{60})`,
        end: R`^(?!${DIRECTIVE_AHEAD})`,
        patterns: [{ include: '#directive' }],
      },
      { include: '#comment' },
      { include: '#instruction-backtick-mode' },
      { include: '#instruction' },
    ],
  },
  directive: {
    patterns: [
      {
        match: R`^([ \t]*)(#)[ \t]*((?i:syntax))[ \t]*(=)[ \t]*([^\n]*?)[ \t]*$`,
        name: 'meta.directive.parser.dockerfile',
        captures: {
          2: { name: 'punctuation.definition.directive.dockerfile' },
          3: { name: 'keyword.control.directive.dockerfile' },
          4: { name: 'keyword.operator.assignment.dockerfile' },
          5: { name: 'string.unquoted.directive-value.dockerfile' },
        },
      },
      {
        match: R`^([ \t]*)(#)[ \t]*((?i:escape))[ \t]*(=)[ \t]*([^\n]*?)[ \t]*$`,
        name: 'meta.directive.parser.dockerfile',
        captures: {
          2: { name: 'punctuation.definition.directive.dockerfile' },
          3: { name: 'keyword.control.directive.dockerfile' },
          4: { name: 'keyword.operator.assignment.dockerfile' },
          5: { name: 'constant.character.escape.dockerfile' },
        },
      },
      {
        match: R`^([ \t]*)(#)[ \t]*((?i:check))[ \t]*(=)[ \t]*([^\n]*?)[ \t]*$`,
        name: 'meta.directive.parser.dockerfile',
        captures: {
          2: { name: 'punctuation.definition.directive.dockerfile' },
          3: { name: 'keyword.control.directive.dockerfile' },
          4: { name: 'keyword.operator.assignment.dockerfile' },
          5: { patterns: [{ include: '#check-directive-value' }] },
        },
      },
    ],
  },
  'check-directive-value': {
    patterns: [
      {
        match: R`([A-Za-z][A-Za-z0-9_-]*)(=)`,
        captures: {
          1: { name: 'entity.other.attribute-name.dockerfile' },
          2: { name: 'keyword.operator.assignment.dockerfile' },
        },
      },
      { match: '[,;]', name: 'punctuation.separator.dockerfile' },
      { match: R`[^\s,;=]+`, name: 'string.unquoted.directive-value.dockerfile' },
    ],
  },

  // ----- comments ------------------------------------------------------------
  comment: {
    match: R`^([ \t]*)(#)[^\n]*`,
    name: 'comment.line.number-sign.dockerfile',
    captures: { 2: { name: 'punctuation.definition.comment.dockerfile' } },
  },

  // ----- line continuation (used through `injections`) ----------------------
  'continuation-backslash': {
    begin: R`(\\)[ \t]*$`,
    beginCaptures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
    // Ends before the next line with content; comment lines and empty lines in
    // between belong to the instruction in Docker's parser too.
    end: R`^(?=[ \t]*[^ \t#\n])`,
    patterns: [{ include: '#comment' }],
  },
  'continuation-backtick': {
    begin: R`(\x{60})[ \t]*$`,
    beginCaptures: { 1: { name: 'constant.character.escape.line-continuation.dockerfile' } },
    end: R`^(?=[ \t]*[^ \t#\n])`,
    patterns: [{ include: '#comment' }],
  },

  // ----- instructions ----------------------------------------------------------
  instruction: {
    patterns: INSTRUCTIONS.map((name) => ({ include: `#instruction-${name}` })),
  },
  'instruction-backtick-mode': {
    patterns: [
      { include: '#instruction-run-backtick-mode' },
      { include: '#instruction-cmd-backtick-mode' },
      { include: '#instruction-entrypoint-backtick-mode' },
      { include: '#instruction-healthcheck-backtick-mode' },
      { include: '#instruction-onbuild-backtick-mode' },
    ],
  },

  'instruction-from': instruction('FROM', [
    { include: '#flag' },
    {
      match: R`${WORD_START}((?i:AS))(?:([ \t]+)([^\s\\]+))?(?=[ \t]|$)`,
      captures: {
        1: { name: 'keyword.other.special-method.dockerfile' },
        3: { name: stageName },
      },
    },
    { include: '#image-reference' },
  ]),
  'image-reference': {
    // name[:tag][@digest]; `host:5000/` is a registry port, not a tag.
    match: R`${WORD_START}(?!--)((?:\$\{[^}\s]*\}|\$[A-Za-z_][A-Za-z0-9_]*|:[0-9]+(?=/)|[^\s:@$\\]|\$)+)(?:(:)((?:\$\{[^}\s]*\}|\$[A-Za-z_][A-Za-z0-9_]*|[^\s:@$\\]|\$)+))?(?:(@)([^\s\\]+))?`,
    captures: {
      1: { name: 'entity.name.type.image.dockerfile', patterns: [{ include: '#variable' }] },
      2: { name: 'punctuation.separator.tag.dockerfile' },
      3: { name: 'constant.other.tag.dockerfile', patterns: [{ include: '#variable' }] },
      4: { name: 'punctuation.separator.digest.dockerfile' },
      5: { name: 'constant.other.digest.dockerfile', patterns: [{ include: '#variable' }] },
    },
  },

  'instruction-run': instruction('RUN', [
    { include: '#flag' },
    { include: '#exec-form' },
    ...shellForm(true),
  ]),
  'instruction-cmd': instruction('CMD', [{ include: '#exec-form' }, ...shellForm(false)]),
  'instruction-entrypoint': instruction('ENTRYPOINT', [{ include: '#exec-form' }, ...shellForm(false)]),
  'instruction-healthcheck': instruction('HEALTHCHECK', [
    { include: '#flag' },
    { match: R`${WORD_START}(?i:NONE)${KW_END}`, name: 'constant.language.none.dockerfile' },
    {
      name: 'meta.healthcheck-command.dockerfile',
      begin: R`${WORD_START}((?i:CMD))${KW_END}`,
      beginCaptures: { 1: { name: 'keyword.other.special-method.dockerfile' } },
      end: '$',
      patterns: [{ include: '#exec-form' }, ...shellForm(false)],
    },
  ]),
  'instruction-shell': instruction('SHELL', [{ include: '#exec-form' }, { include: '#string' }]),
  'instruction-onbuild': instruction('ONBUILD', [{ include: '#instruction' }]),

  'instruction-run-backtick-mode': instruction('RUN', [
    { include: '#flag' },
    { include: '#heredoc-file' },
    { include: '#exec-form' },
    ...plainCommand,
  ]),
  'instruction-cmd-backtick-mode': instruction('CMD', [{ include: '#exec-form' }, ...plainCommand]),
  'instruction-entrypoint-backtick-mode': instruction('ENTRYPOINT', [{ include: '#exec-form' }, ...plainCommand]),
  'instruction-healthcheck-backtick-mode': instruction('HEALTHCHECK', [
    { include: '#flag' },
    { match: R`${WORD_START}(?i:NONE)${KW_END}`, name: 'constant.language.none.dockerfile' },
    {
      name: 'meta.healthcheck-command.dockerfile',
      begin: R`${WORD_START}((?i:CMD))${KW_END}`,
      beginCaptures: { 1: { name: 'keyword.other.special-method.dockerfile' } },
      end: '$',
      patterns: [{ include: '#exec-form' }, ...plainCommand],
    },
  ]),
  'instruction-onbuild-backtick-mode': instruction('ONBUILD', [
    { include: '#instruction-backtick-mode' },
    { include: '#instruction' },
  ]),

  'instruction-copy': instruction('COPY', [
    { include: '#flag' },
    { include: '#heredoc-file' },
    { include: '#exec-form' },
    { include: '#argument' },
  ]),
  'instruction-add': instruction('ADD', [
    { include: '#flag' },
    { include: '#heredoc-file' },
    { include: '#exec-form' },
    { include: '#argument' },
  ]),
  'instruction-env': instruction('ENV', [
    { include: '#key-value-legacy-env' },
    { include: '#key-value-env' },
    { include: '#argument' },
  ]),
  'instruction-label': instruction('LABEL', [
    { include: '#key-value-legacy-label' },
    { include: '#key-value-label' },
    { include: '#argument' },
  ]),
  'instruction-arg': instruction('ARG', [
    { include: '#key-value-arg' },
    {
      match: R`${WORD_START}(${VAR_NAME})(?=[ \t]|$)`,
      captures: { 1: { name: 'variable.other.arg.dockerfile' } },
    },
    { include: '#argument' },
  ]),
  'instruction-expose': instruction('EXPOSE', [
    {
      match: R`${WORD_START}([0-9]+(?:-[0-9]+)?)(?:(/)((?i:tcp|udp|sctp)))?(?=[ \t]|$)`,
      captures: {
        1: { name: 'constant.numeric.integer.port.dockerfile' },
        2: { name: 'punctuation.separator.protocol.dockerfile' },
        3: { name: 'constant.language.protocol.dockerfile' },
      },
    },
    { include: '#argument' },
  ]),
  'instruction-stopsignal': instruction('STOPSIGNAL', [
    {
      match: R`${WORD_START}(?:SIG[A-Z0-9+-]+|[0-9]+)(?=[ \t]|$)`,
      name: 'constant.language.signal.dockerfile',
    },
    { include: '#argument' },
  ]),
  'instruction-volume': instruction('VOLUME', [{ include: '#exec-form' }, { include: '#argument' }]),
  'instruction-user': instruction('USER', [{ include: '#argument' }]),
  'instruction-workdir': instruction('WORKDIR', [{ include: '#argument' }]),
  'instruction-maintainer': instruction('MAINTAINER', [{ include: '#argument' }]),

  // ----- key=value ------------------------------------------------------------
  'key-value-env': keyValue('variable.other.env.dockerfile', R`[^\s=\\"']+`),
  'key-value-arg': keyValue('variable.other.arg.dockerfile', VAR_NAME),
  'key-value-label': keyValue('entity.other.attribute-name.label.dockerfile', R`[^\s=\\"']+|"(?:[^"\\]|\\.)*"|'[^']*'`),
  'key-value-legacy-env': legacyKeyValue('variable.other.env.dockerfile'),
  'key-value-legacy-label': legacyKeyValue('entity.other.attribute-name.label.dockerfile'),
  value: {
    patterns: [
      { include: '#string' },
      { include: '#variable' },
      { include: '#escape' },
      { match: R`[^\s"'$\\]+`, name: 'string.unquoted.value.dockerfile' },
    ],
  },

  // ----- flags -------------------------------------------------------------------
  flag: {
    patterns: [
      {
        name: 'meta.flag.mount.dockerfile',
        begin: R`${WORD_START}(--mount)(=)`,
        beginCaptures: {
          1: { name: 'variable.parameter.flag.dockerfile' },
          2: { name: 'keyword.operator.assignment.dockerfile' },
        },
        end: R`(?=[ \t])|$`,
        patterns: [
          {
            match: R`(?:(?<=--mount=)|(?<=,))([A-Za-z][A-Za-z0-9_-]*)(=)`,
            captures: {
              1: { name: 'entity.other.attribute-name.dockerfile' },
              2: { name: 'keyword.operator.assignment.dockerfile' },
            },
          },
          {
            match: R`(?:(?<=--mount=)|(?<=,))([A-Za-z][A-Za-z0-9_-]*)(?=,|[ \t]|$)`,
            captures: { 1: { name: 'entity.other.attribute-name.dockerfile' } },
          },
          {
            match: R`(?<=[=,]type=)(?:bind|cache|tmpfs|secret|ssh)(?=,|[ \t]|$)`,
            name: 'support.constant.mount-type.dockerfile',
          },
          { match: ',', name: 'punctuation.separator.dockerfile' },
          { include: '#string' },
          { include: '#variable' },
          { match: R`[^\s,"'$\\]+`, name: 'string.unquoted.flag-value.dockerfile' },
        ],
      },
      {
        match: R`${WORD_START}(--from)(=)([^\s\\]*)`,
        name: 'meta.flag.dockerfile',
        captures: {
          1: { name: 'variable.parameter.flag.dockerfile' },
          2: { name: 'keyword.operator.assignment.dockerfile' },
          3: { name: stageName, patterns: [{ include: '#variable' }] },
        },
      },
      {
        match: R`${WORD_START}(--[A-Za-z][A-Za-z0-9-]*)(=)((?:"[^"]*"|'[^']*'|[^\s\\"'])*)`,
        name: 'meta.flag.dockerfile',
        captures: {
          1: { name: 'variable.parameter.flag.dockerfile' },
          2: { name: 'keyword.operator.assignment.dockerfile' },
          3: { name: 'string.unquoted.flag-value.dockerfile', patterns: [{ include: '#variable' }] },
        },
      },
      {
        match: R`${WORD_START}(--[A-Za-z][A-Za-z0-9-]*)(?=[ \t]|$)`,
        name: 'meta.flag.dockerfile',
        captures: { 1: { name: 'variable.parameter.flag.dockerfile' } },
      },
    ],
  },

  // ----- heredocs ----------------------------------------------------------------
  'heredoc-run-shell': { patterns: [heredoc('shell', 'shell', true), heredoc('shell', 'shell', false)] },
  'heredoc-run-plain': { patterns: [heredoc('plain', 'shell', true), heredoc('vars', 'shell', false)] },
  'heredoc-file': { patterns: [heredoc('plain', 'file', true), heredoc('vars', 'file', false)] },

  // ----- exec form (JSON array) --------------------------------------------------
  'exec-form': {
    name: 'meta.array.exec-form.dockerfile',
    begin: R`${WORD_START}(\[)(?=[ \t]*(?:"|\]))`,
    beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
    end: R`(\])|$`,
    endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
    patterns: [
      {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: R`(")|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: [
          { match: R`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: 'constant.character.escape.dockerfile' },
          { match: R`\\(?![ \t]*$).`, name: 'invalid.illegal.unrecognized-escape.dockerfile' },
        ],
      },
      { match: ',', name: 'punctuation.separator.array.dockerfile' },
      { match: R`[^\s,"\]\\\x{60}]+`, name: 'invalid.illegal.exec-form.dockerfile' },
    ],
  },

  // ----- plain arguments -------------------------------------------------------
  argument: {
    patterns: [{ include: '#string' }, { include: '#variable' }, { include: '#escape' }],
  },
  escape: {
    match: R`\\(?![ \t]*$)[^\n]`,
    name: 'constant.character.escape.dockerfile',
  },
  string: {
    patterns: [
      {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: R`(")|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: [
          { match: R`\\["\\$]`, name: 'constant.character.escape.dockerfile' },
          { include: '#variable' },
        ],
      },
      {
        name: 'string.quoted.single.dockerfile',
        begin: "'",
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: R`(')|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
      },
    ],
  },
  'string-backtick-mode': {
    // PowerShell / cmd strings; the backtick escapes inside them.
    patterns: [
      {
        name: 'string.quoted.double.dockerfile',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: R`(")|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
        patterns: [{ match: R`\x{60}(?![ \t]*$).`, name: 'constant.character.escape.dockerfile' }],
      },
      {
        name: 'string.quoted.single.dockerfile',
        begin: "'",
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } },
        end: R`(')|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.dockerfile' } },
      },
    ],
  },

  // ----- variables ---------------------------------------------------------------
  variable: {
    patterns: [
      { match: R`\\\$`, name: 'constant.character.escape.dockerfile' },
      {
        name: 'variable.other.bracket.dockerfile',
        begin: R`(\$\{)(${VAR_NAME})?`,
        beginCaptures: {
          1: { name: 'punctuation.definition.variable.begin.dockerfile' },
          2: { name: 'variable.other.dockerfile' },
        },
        end: R`(\})|$`,
        endCaptures: { 1: { name: 'punctuation.definition.variable.end.dockerfile' } },
        patterns: [
          { match: R`\G(?::?[-+?=]|##?|%%?|//?)`, name: 'keyword.operator.expansion.dockerfile' },
          { include: '#variable' },
          { match: R`[^}$\\\n]+`, name: 'string.unquoted.expansion.dockerfile' },
        ],
      },
      {
        match: R`(\$)(${VAR_NAME})`,
        name: 'variable.other.dockerfile',
        captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } },
      },
    ],
  },
};

function keyValue(keyScope, keyRegex) {
  return {
    begin: R`${WORD_START}(${keyRegex})(=)`,
    beginCaptures: {
      1: { name: keyScope },
      2: { name: 'keyword.operator.assignment.dockerfile' },
    },
    end: R`(?=[ \t])|$`,
    patterns: [{ include: '#value' }],
  };
}

/** `ENV KEY value with spaces` (no `=` after the first word). */
function legacyKeyValue(keyScope) {
  return {
    begin: R`\G[ \t]+([^\s=\\"'$]+)(?=[ \t]+[^ \t\n\\])`,
    beginCaptures: { 1: { name: keyScope } },
    end: '$',
    patterns: [{ include: '#value' }, { match: R`[ \t]+`, name: 'string.unquoted.value.dockerfile' }],
  };
}

const grammar = {
  name: 'Dockerfile',
  scopeName: 'source.dockerfile',
  comment: 'Generated by test/grammar/generate-grammar.mjs - edit that file, not this one. See syntaxes/README.md.',
  patterns: [{ include: '#directives' }, { include: '#comment' }, { include: '#instruction' }],
  injections: {
    // The escape character at the end of a line continues the instruction
    // everywhere inside it (also inside embedded shell strings), but not inside
    // heredoc bodies. Which character depends on the `# escape=` directive.
    'L:source.dockerfile meta.instruction - meta.heredoc - meta.escape-backtick': {
      patterns: [{ include: '#continuation-backslash' }],
    },
    'L:source.dockerfile meta.escape-backtick meta.instruction - meta.heredoc': {
      patterns: [{ include: '#continuation-backtick' }],
    },
    // With `# escape=`` a backslash is an ordinary character (Windows paths)
    // and the backtick escapes the next character.
    'L:source.dockerfile meta.escape-backtick meta.instruction - meta.heredoc - meta.array': {
      patterns: [
        { match: R`\x{60}(?![ \t]*$)[^\n]`, name: 'constant.character.escape.dockerfile' },
        { match: R`\\` },
      ],
    },
  },
  repository,
};

const json = `${JSON.stringify(grammar, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== json) {
    console.error(`${OUT} is out of date: run node test/grammar/generate-grammar.mjs`);
    process.exit(1);
  }
  console.log('grammar JSON is up to date with test/grammar/generate-grammar.mjs');
} else {
  writeFileSync(OUT, json);
  console.log(`wrote ${OUT}`);
}
