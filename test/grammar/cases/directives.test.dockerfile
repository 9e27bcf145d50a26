# SYNTAX TEST "source.dockerfile" "parser directives at the top, comments everywhere else"
# syntax=docker/dockerfile:1.7
# <- meta.directive.parser.dockerfile punctuation.definition.directive.dockerfile - comment
# ^^^^^^ meta.directive.parser.dockerfile keyword.control.directive.dockerfile - comment
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#CHECK = skip=JSONArgsRecommended,StageNameCasing;error=true
# <- meta.directive.parser.dockerfile punctuation.definition.directive.dockerfile
#<~----- keyword.control.directive.dockerfile
#      ^ keyword.operator.assignment.dockerfile
#        ^^^^ entity.other.attribute-name.dockerfile
#            ^ keyword.operator.assignment.dockerfile
#             ^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#                                ^ punctuation.separator.dockerfile
#                                 ^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#                                                ^ punctuation.separator.dockerfile
#                                                 ^^^^^ entity.other.attribute-name.dockerfile
#  escape=\
# <- meta.directive.parser.dockerfile
#  ^^^^^^ keyword.control.directive.dockerfile
#         ^ constant.character.escape.dockerfile

# The blank line above ends the directives: from here on they are comments.
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# ^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive
# syntax=docker/dockerfile:1
# <- comment.line.number-sign.dockerfile - meta.directive
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.directive keyword
FROM alpine
# <---- keyword.other.special-method.dockerfile
    # indented comment
#   ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#     ^^^^^^^^ comment.line.number-sign.dockerfile
RUN echo not # a Dockerfile comment
#            ^ - comment.line.number-sign.dockerfile
ENV A=b#c
#      ^ - comment
# escape=`
# <- comment.line.number-sign.dockerfile - meta.directive
RUN echo `
#        ^ meta.embedded.block.shellscript - constant.character.escape.line-continuation.dockerfile
WORKDIR /after-a-backtick-that-is-not-a-continuation
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile - meta.embedded
