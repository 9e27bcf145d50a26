# SYNTAX TEST "source.dockerfile" "escape=` directive switches the continuation character (Windows images)"
# escape=`
# <- meta.escape-backtick.dockerfile meta.directive.parser.dockerfile punctuation.definition.directive.dockerfile - comment
# ^^^^^^ keyword.control.directive.dockerfile
#        ^ constant.character.escape.dockerfile
# syntax=docker/dockerfile:1
# <- meta.directive.parser.dockerfile - comment
# ^^^^^^ keyword.control.directive.dockerfile

# syntax=no-longer-a-directive
# <- comment.line.number-sign.dockerfile - meta.directive
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# <---- keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
# <----- keyword.other.special-method.dockerfile
RUN Write-Host 'line one'; `
#              ^^^^^^^^^^ string.quoted.single.dockerfile
#                          ^ constant.character.escape.line-continuation.dockerfile
    Write-Host "say `"hi`""; `
#               ^^^^^^^^^^^ string.quoted.double.dockerfile
#                   ^^ constant.character.escape.dockerfile
    # comment inside the instruction
#   ^ comment.line.number-sign.dockerfile
    $path = 'C:\Program Files\App\'
#   ^^^^^ - variable meta.embedded
COPY app.exe C:\app\
#              ^ - constant.character.escape
ENV APP_HOME=C:\app `
    LOG=C:\logs
#   ^^^ variable.other.env.dockerfile
RUN dir C:\ \
#           ^ - constant.character.escape.line-continuation.dockerfile
USER ContainerAdministrator
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile
HEALTHCHECK --interval=30s CMD powershell -command `
    try { exit 0 } catch { exit 1 }
#   ^^^ meta.healthcheck-command.dockerfile - meta.embedded
ONBUILD RUN echo `
    hi
# <~~~~-- meta.instruction.onbuild.dockerfile meta.instruction.run.dockerfile
WORKDIR C:\app
# <------- keyword.other.special-method.dockerfile
