# SYNTAX TEST "source.dockerfile" "heredocs"
RUN <<EOF
#   ^^ meta.instruction.run.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile
set -e
# <--- meta.heredoc.dockerfile meta.embedded.block.shellscript support.function.builtin.shell
echo "an unbalanced quote
echo EOF
 EOF
EOFX
EOF
# <--- meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile - string meta.embedded
USER root
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile - meta.heredoc
RUN <<-'SCRIPT' bash -eux
#   ^^^ keyword.operator.heredoc.dockerfile
#      ^ punctuation.definition.string.begin.dockerfile
#       ^^^^^^ keyword.control.heredoc-token.dockerfile
#             ^ punctuation.definition.string.end.dockerfile
#               ^^^^ meta.heredoc.dockerfile meta.embedded.block.shellscript
	echo "tab-indented"
#<~---- meta.embedded.block.shellscript support.function.builtin.shell
	SCRIPT
#<~------ keyword.control.heredoc-token.dockerfile
RUN <<EOF
cat <<'eot' > /tmp/inner
shell heredoc inside a Dockerfile heredoc
# <----- string.unquoted.heredoc.shell
eot
echo after
# <---- meta.embedded.block.shellscript support.function.builtin.shell - string
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY <<EOF /etc/app.conf
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#    ^^ keyword.operator.heredoc.dockerfile
#      ^^^ keyword.control.heredoc-token.dockerfile
#          ^^^^^^^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile meta.embedded
port=$PORT
# <----- meta.heredoc.dockerfile string.unquoted.heredoc.dockerfile
#    ^^^^^ variable.other.dockerfile
RUN and FROM lines in a body are not instructions
# <--- string.unquoted.heredoc.dockerfile - keyword
EOF
COPY --chmod=755 <<"EOF" /usr/local/bin/hello
#    ^^^^^^^ variable.parameter.flag.dockerfile
#                ^^ keyword.operator.heredoc.dockerfile
#                   ^^^ keyword.control.heredoc-token.dockerfile
$NOT_EXPANDED because the delimiter is quoted
# <------------- string.unquoted.heredoc.dockerfile - variable
EOF
ADD <<EOF /x
body
# <---- meta.instruction.add.dockerfile string.unquoted.heredoc.dockerfile
EOF
RUN --mount=type=cache,target=/var/cache/apt \
    --mount=type=cache,target=/var/lib/apt <<EOT
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                                          ^^ keyword.operator.heredoc.dockerfile
#                                            ^^^ keyword.control.heredoc-token.dockerfile
  apt-get update \
    && true
#   ^^ meta.embedded.block.shellscript keyword.operator.shell
EOT
# <--- keyword.control.heredoc-token.dockerfile
RUN python3 <<EOF
#   ^^^^^^^ meta.embedded.block.shellscript - meta.heredoc
import os, sys
# <-------------- string.unquoted.heredoc.dockerfile - meta.embedded
EOF
RUN cat <<EOF > /etc/motd && chmod 644 /etc/motd
#   ^^^ meta.embedded.block.shellscript support.function.builtin.shell - meta.heredoc
#             ^ meta.heredoc.dockerfile meta.embedded.block.shellscript keyword.operator.shell
#                            ^^^^^ meta.heredoc.dockerfile meta.embedded.block.shellscript
Welcome, $USER
# <-------- string.unquoted.heredoc.dockerfile
#        ^^^^^ variable.other.dockerfile
EOF
RUN set -eux; \
    /bin/bash -o pipefail <<'EOF'
#             ^^ meta.embedded.block.shellscript
#                         ^^ keyword.operator.heredoc.dockerfile
if true; then
# <-- meta.embedded.block.shellscript keyword.control.shell
  echo yes
fi
EOF
# <--- keyword.control.heredoc-token.dockerfile
RUN cat <<EOF | sh
echo piped into sh
EOF
RUN echo $((1 <<2)) no-heredoc-here
#               ^^^^^^^^^^^^^^^^^^^^ meta.embedded.block.shellscript - meta.heredoc
RUN <<EOF
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY --chmod=755 <<-EOT /build.sh
#                ^^^ keyword.operator.heredoc.dockerfile
#                   ^^^ keyword.control.heredoc-token.dockerfile
	#!/bin/sh
	echo "$HOME"
#<~----------- string.unquoted.heredoc.dockerfile
#      ^^^^^ variable.other.dockerfile
	EOT
#<~--- keyword.control.heredoc-token.dockerfile
WORKDIR /done
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile - meta.heredoc
