# SYNTAX TEST "source.dockerfile" "flags, key=value pairs, variables, strings"
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
#    ^^^^^^^^^^ meta.flag.dockerfile variable.parameter.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^ string.unquoted.flag-value.dockerfile variable.other.dockerfile punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile variable.other.dockerfile
#                              ^^^^^^ entity.name.type.image.dockerfile
RUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none --security=insecure go build
#   ^^^^^^^ meta.flag.mount.dockerfile variable.parameter.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ entity.other.attribute-name.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^^^^ support.constant.mount-type.dockerfile
#                     ^ punctuation.separator.dockerfile
#                      ^^^^^^ entity.other.attribute-name.dockerfile
#                             ^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                         ^ punctuation.separator.dockerfile
#                                          ^^^^^^^ entity.other.attribute-name.dockerfile
#                                                  ^^^^^^ string.unquoted.flag-value.dockerfile
#                                                         ^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                   ^^^^ string.unquoted.flag-value.dockerfile
#                                                                        ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                                   ^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                                                                            ^^^^^^^^ meta.embedded.block.shellscript - meta.flag
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required npm ci
#                                                    ^^^^^^^^ meta.flag.mount.dockerfile entity.other.attribute-name.dockerfile
#                                                             ^^^^^^ meta.embedded.block.shellscript
COPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/local/bin/
#    ^^^^^^ variable.parameter.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^^ entity.name.type.stage.dockerfile
#                 ^^^^^^^ variable.parameter.flag.dockerfile
#                         ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                 ^^^^^^^ variable.parameter.flag.dockerfile
#                                         ^^^^ string.unquoted.flag-value.dockerfile
#                                              ^^^^^^ meta.flag.dockerfile variable.parameter.flag.dockerfile
#                                                     ^^^^^^^^^^^^^^^^^^^^^^^^ - meta.flag
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --keep-git-dir=true https://x/y.tgz /
#   ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                                      ^^^^^^^^^^^^^^ variable.parameter.flag.dockerfile
ENV APP_HOME=/app NAME="my app" GREETING='hi $NOT_EXPANDED' LEGACY=${APP_HOME}/bin:$PATH
#   ^^^^^^^^ variable.other.env.dockerfile
#           ^ keyword.operator.assignment.dockerfile
#            ^^^^ string.unquoted.value.dockerfile
#                 ^^^^ variable.other.env.dockerfile
#                      ^^^^^^^^ string.quoted.double.dockerfile
#                      ^ punctuation.definition.string.begin.dockerfile
#                             ^ punctuation.definition.string.end.dockerfile
#                                        ^^^^^^^^^^^^^^^^^^ string.quoted.single.dockerfile - variable
#                                                                  ^^ variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#                                                                    ^^^^^^^^ variable.other.dockerfile
#                                                                            ^ punctuation.definition.variable.end.dockerfile
#                                                                             ^^^^^ string.unquoted.value.dockerfile
#                                                                                  ^^^^^ variable.other.dockerfile
ENV DEBIAN_FRONTEND noninteractive apt
#   ^^^^^^^^^^^^^^^ variable.other.env.dockerfile
#                   ^^^^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile
ENV MSG="say \"hi\" to \$USER and $USER"
#            ^^ constant.character.escape.dockerfile
#                      ^^ constant.character.escape.dockerfile
#                        ^^^^ - variable
#                                 ^^^^^ variable.other.dockerfile
ARG NODE_VERSION=20 TARGETARCH
#   ^^^^^^^^^^^^ variable.other.arg.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^ string.unquoted.value.dockerfile
#                   ^^^^^^^^^^ variable.other.arg.dockerfile
LABEL org.opencontainers.image.source="https://github.com/x/y" "com.example.quoted key"="v"
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                    ^ keyword.operator.assignment.dockerfile
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.dockerfile
#                                                              ^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
WORKDIR ${HOME:-/root}/src/$PROJECT
#       ^^ punctuation.definition.variable.begin.dockerfile
#         ^^^^ variable.other.dockerfile
#             ^^ keyword.operator.expansion.dockerfile
#               ^^^^^ string.unquoted.expansion.dockerfile
#                    ^ punctuation.definition.variable.end.dockerfile
#                          ^^^^^^^^ variable.other.dockerfile
USER ${UID}:${GID:+${GID}}
#    ^^^^^^ variable.other.bracket.dockerfile
#                  ^^^^^^ variable.other.bracket.dockerfile variable.other.bracket.dockerfile
#                        ^ punctuation.definition.variable.end.dockerfile
COPY ["src dir/", "/dest/"]
#    ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#     ^^^^^^^^^^ string.quoted.double.dockerfile
#               ^ punctuation.separator.array.dockerfile
#                         ^ punctuation.definition.array.end.dockerfile
CMD ["node", "server.js", "--port=\"8080\"", "\d"]
#                                 ^^ constant.character.escape.dockerfile
#                                             ^^ invalid.illegal.unrecognized-escape.dockerfile
ENTRYPOINT ["tini", --, "node"]
#                   ^^ invalid.illegal.exec-form.dockerfile
CMD ['single', 'quotes', 'are', 'shell', 'form']
#   ^ meta.embedded.block.shellscript - meta.array
RUN ["/bin/sh", "-c", "echo $HOME is not expanded here"]
#                           ^^^^^ string.quoted.double.dockerfile - variable
