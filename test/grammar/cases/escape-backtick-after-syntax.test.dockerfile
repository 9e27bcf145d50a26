# SYNTAX TEST "source.dockerfile" "escape=` after another directive"
# syntax=docker/dockerfile:1
# <- meta.directive.parser.dockerfile - meta.escape-backtick
#	escape = `
# <- meta.escape-backtick.dockerfile meta.directive.parser.dockerfile
#        ^ keyword.operator.assignment.dockerfile
#          ^ constant.character.escape.dockerfile
# check=error=true
# <- meta.escape-backtick.dockerfile meta.directive.parser.dockerfile - comment
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN echo one `
#            ^ constant.character.escape.line-continuation.dockerfile
    two
#   ^^^ meta.instruction.run.dockerfile - meta.embedded
CMD ["cmd", "/S", "/C", "echo done"]
# <--- meta.escape-backtick.dockerfile meta.instruction.cmd.dockerfile keyword.other.special-method.dockerfile
