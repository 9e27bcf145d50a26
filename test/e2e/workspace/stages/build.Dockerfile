ARG BASE_TAG=latest
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM debian:${BASE_TAG}
COPY --from=build /out/server /usr/local/bin/server
RUN mkdir -p /var/lib/server
# lecture-hints ignore=merge-consecutive-run -- two layers on purpose in this example
RUN chmod 0750 /var/lib/server
ENTRYPOINT ["server"]
