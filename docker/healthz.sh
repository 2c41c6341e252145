#!/bin/bash
# HEALTHCHECK for every Testbed image, with nothing but bash, so the runtime image needs neither
# curl nor wget and the same probe works on the official mcr.microsoft.com/dotnet/aspnet image.
#   http (default): GET /healthz on this container's own port over bash's /dev/tcp; healthy means
#                   an "HTTP/1.x 200" status line.
#   listen:         the port is in LISTEN state in /proc/net/tcp{,6}; no connection is made. For
#                   the raw TCP echo servers: a probe connection would show up in their accepted/
#                   answered counters, and in mode `process` it would start a process every time.
# The port: $TESTBED_HEALTH_PORT, else the port of the first URL in $TESTBED_URLS or
# $ASPNETCORE_URLS, else 8080. The mode: $TESTBED_HEALTH_MODE.
set -u
port=${TESTBED_HEALTH_PORT:-}
if [[ -z "$port" ]]; then
  url=${TESTBED_URLS:-${ASPNETCORE_URLS:-}}
  url=${url%%[;,]*}
  if [[ "$url" =~ :([0-9]+)/?$ ]]; then port=${BASH_REMATCH[1]}; else port=8080; fi
fi

if [[ "${TESTBED_HEALTH_MODE:-http}" == listen ]]; then
  hex=$(printf '%04X' "$port")
  # Fields: sl local_address rem_address st ...; st 0A = LISTEN.
  while read -r _ local _ st _; do
    if [[ "${local##*:}" == "$hex" && "$st" == 0A ]]; then echo "healthy: listening on port $port"; exit 0; fi
  done < <(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  echo "unhealthy: nothing listens on port $port"
  exit 1
fi

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]] || { echo "unhealthy: $status"; exit 1; }
echo "healthy: port $port"
