# SYNTAX TEST "source.dockerfile" "line continuations and embedded shell"
RUN apt-get update && \
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#   ^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript
#                  ^^ keyword.operator.shell
#                     ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    # a comment line inside the instruction (Docker drops it)
#   ^ comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#     ^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - comment.line.number-sign.shell
    apt-get install -y --no-install-recommends curl \

    && rm -rf /var/lib/apt/lists/*
#   ^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript keyword.operator.shell
USER nobody
# <---- meta.instruction.user.dockerfile keyword.other.special-method.dockerfile - meta.embedded
RUN echo "a string that spans \
    two lines" && \
#   ^^^^^^^^^^ meta.embedded.block.shellscript string.quoted.double.shell
#              ^^ keyword.operator.shell - string
    true
#   ^^^^ meta.embedded.block.shellscript support.function.builtin.shell
RUN if [ -f /etc/os-release ]; then \
      echo found; \
#     ^^^^ meta.embedded.block.shellscript meta.scope.if-block.shell support.function.builtin.shell
    fi
RUN echo "never closed \
    here
#   ^^^^ meta.embedded.block.shellscript - string
WORKDIR /whatever-the-shell-grammar-left-open-is-closed
# <------- meta.instruction.workdir.dockerfile keyword.other.special-method.dockerfile - meta.embedded string
RUN echo one-line 'unterminated
WORKDIR /still-fine
# <------- keyword.other.special-method.dockerfile - meta.embedded string
RUN echo trailing-blanks \   
#                        ^ constant.character.escape.line-continuation.dockerfile
    done
#   ^^^^ meta.instruction.run.dockerfile meta.embedded.block.shellscript
RUN echo a\ b
#         ^ - constant.character.escape.line-continuation.dockerfile
RUN echo first \
# comment, then an instruction keyword: Docker joins it to the RUN above
RUN echo second
# <--- meta.instruction.run.dockerfile meta.embedded.block.shellscript - keyword.other.special-method.dockerfile
ENV A=1 \
    B=2 \
# <~~~~- variable.other.env.dockerfile
    C="three \
    lines"
#   ^^^^^^ string.quoted.double.dockerfile
LABEL one=1 \
      two=2
#     ^^^ entity.other.attribute-name.label.dockerfile
EXPOSE 80 \
       443
#      ^^^ constant.numeric.integer.port.dockerfile
COPY --chown=app \
     --chmod=644 \
#    ^^^^^^^ variable.parameter.flag.dockerfile
     a.txt b.txt /dst/
CMD ["python", \
     "-m", "http.server"]
#    ^^^^ string.quoted.double.dockerfile
#                       ^ punctuation.definition.array.end.dockerfile
CMD python -m http.server \
    --bind 0.0.0.0
#   ^^^^^^ meta.instruction.cmd.dockerfile meta.embedded.block.shellscript - variable.parameter.flag
ENTRYPOINT exec "$@"
#          ^^^^^^^^^ meta.instruction.entrypoint.dockerfile meta.embedded.block.shellscript
#                ^^ string.quoted.double.shell variable.other.special.shell
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=bind,source=go.sum,target=go.sum \
#   ^^^^^^^ variable.parameter.flag.dockerfile
    go mod download
#   ^^^^^^^^^^^^^^^ meta.embedded.block.shellscript - meta.flag
STOPSIGNAL SIGTERM
# <---------- keyword.other.special-method.dockerfile
