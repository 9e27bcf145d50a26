# SYNTAX TEST "source.dockerfile" "instruction keywords (case-insensitive), FROM image references, AS stage names, ONBUILD"
FROM ubuntu:24.04 AS base
# <---- meta.instruction.from.dockerfile keyword.other.special-method.dockerfile
#    ^^^^^^ entity.name.type.image.dockerfile
#          ^ punctuation.separator.tag.dockerfile
#           ^^^^^ constant.other.tag.dockerfile
#                 ^^ keyword.other.special-method.dockerfile
#                    ^^^^ entity.name.type.stage.dockerfile
from registry.example.com:5000/team/app:1.2@sha256:0123abcd as build-stage
# <---- keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile - constant.other.tag
#                                      ^ punctuation.separator.tag.dockerfile
#                                       ^^^ constant.other.tag.dockerfile
#                                          ^ punctuation.separator.digest.dockerfile
#                                           ^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
#                                                           ^^ keyword.other.special-method.dockerfile
#                                                              ^^^^^^^^^^^ entity.name.type.stage.dockerfile
From ${BASE_IMAGE:-debian}:${TAG} As Final
# <---- keyword.other.special-method.dockerfile
#    ^^ entity.name.type.image.dockerfile variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#      ^^^^^^^^^^ entity.name.type.image.dockerfile variable.other.dockerfile
#                ^^ keyword.operator.expansion.dockerfile
#                  ^^^^^^ string.unquoted.expansion.dockerfile
#                         ^ punctuation.separator.tag.dockerfile
#                            ^^^ constant.other.tag.dockerfile variable.other.dockerfile
#                                 ^^ keyword.other.special-method.dockerfile
#                                    ^^^^^ entity.name.type.stage.dockerfile
FROM scratch
#    ^^^^^^^ entity.name.type.image.dockerfile
RUN true
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
run true
# <--- keyword.other.special-method.dockerfile
CMD ["true"]
# <--- meta.instruction.cmd.dockerfile keyword.other.special-method.dockerfile
LABEL a=b
# <----- meta.instruction.label.dockerfile keyword.other.special-method.dockerfile
MAINTAINER someone@example.com
# <---------- meta.instruction.maintainer.dockerfile keyword.other.special-method.dockerfile
EXPOSE 8080/tcp 53/udp 9000-9010
# <------ meta.instruction.expose.dockerfile keyword.other.special-method.dockerfile
#      ^^^^ constant.numeric.integer.port.dockerfile
#          ^ punctuation.separator.protocol.dockerfile
#           ^^^ constant.language.protocol.dockerfile
#               ^^ constant.numeric.integer.port.dockerfile
#                  ^^^ constant.language.protocol.dockerfile
#                      ^^^^^^^^^ constant.numeric.integer.port.dockerfile
ENV PATH=/opt/bin:$PATH
# <--- meta.instruction.env.dockerfile keyword.other.special-method.dockerfile
ADD https://example.com/a.tgz /tmp/
# <--- meta.instruction.add.dockerfile keyword.other.special-method.dockerfile
COPY . /src
# <---- meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
ENTRYPOINT ["/entrypoint.sh"]
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.special-method.dockerfile
VOLUME /data ["/not-json-here"]
# <------ meta.instruction.volume.dockerfile keyword.other.special-method.dockerfile
USER app:app
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile
WORKDIR /src
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile
ARG VERSION
# <--- meta.instruction.arg.dockerfile keyword.other.special-method.dockerfile
#   ^^^^^^^ variable.other.arg.dockerfile
ONBUILD RUN make
# <------- meta.instruction.onbuild.dockerfile keyword.other.special-method.dockerfile
#       ^^^ meta.instruction.onbuild.dockerfile meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#           ^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript
onbuild copy --chown=app . /app
# <------- keyword.other.special-method.dockerfile
#       ^^^^ meta.instruction.copy.dockerfile keyword.other.special-method.dockerfile
#            ^^^^^^^ variable.parameter.flag.dockerfile
STOPSIGNAL SIGQUIT
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.special-method.dockerfile
#          ^^^^^^^ constant.language.signal.dockerfile
HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.special-method.dockerfile
#           ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                     ^ keyword.operator.assignment.dockerfile
#                      ^^^ string.unquoted.flag-value.dockerfile
#                                       ^^^ meta.healthcheck-command.dockerfile keyword.other.special-method.dockerfile
#                                           ^^^^ meta.embedded.block.shellscript
#                                                                     ^^ meta.embedded.block.shellscript keyword.operator.shell
HEALTHCHECK NONE
#           ^^^^ constant.language.none.dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# <----- meta.instruction.shell.dockerfile keyword.other.special-method.dockerfile
#     ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
  RUN indented
# <~~--- keyword.other.special-method.dockerfile
RUNNER is not an instruction
# <------ - keyword
