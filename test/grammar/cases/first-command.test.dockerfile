# SYNTAX TEST "source.dockerfile" "the first command after RUN is coloured like a command on a continuation line"
RUN apt-get install -y curl
#   ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#          ^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell - string
#           ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
#                   ^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell constant.other.option.shell
#                      ^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
RUN true && \
    apt-get install -y curl
#   ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#          ^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell - string
#           ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
#                   ^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell constant.other.option.shell
#                      ^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
RUN --mount=type=cache,target=/x apt-get update
#   ^^^^^^^ meta.flag.mount.dockerfile variable.parameter.flag.dockerfile - meta.embedded
#                                ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#                                        ^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
RUN true && \
    apt-get update
#   ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#           ^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
# The first line of a continued command, and the other shell forms
RUN apt-get update && \
#   ^^^^^^^ meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#           ^^^^^^ meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell string.unquoted.argument.shell
    apt-get install -y curl
CMD python -m http.server
#   ^^^^^^ meta.instruction.cmd.dockerfile meta.embedded.block.shellscript meta.statement.shell meta.statement.command.shell entity.name.command.shell
#          ^^ meta.embedded.block.shellscript meta.statement.command.shell constant.other.option.shell
ENTRYPOINT exec "$@"
#          ^^^^ meta.instruction.entrypoint.dockerfile meta.embedded.block.shellscript meta.statement.shell entity.name.command.shell
#               ^^^^ meta.statement.command.shell string.quoted.double.shell
# Keywords and assignments stay the shell grammar's own, as at the start of a line
RUN if true; then echo y; fi
#   ^^ meta.scope.if-block.shell keyword.control.shell - meta.statement.command
RUN A=1 make
#   ^^^ - meta.statement.command.shell
