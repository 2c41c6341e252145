#!/bin/bash
# HEALTHCHECK for every Testbed image: GET /healthz on this container's own port, with nothing but
# bash (its /dev/tcp), so the runtime image needs neither curl nor wget and the same check works on
# the official mcr.microsoft.com/dotnet/aspnet image. Healthy means an "HTTP/1.x 200" status line.
# The port: $TESTBED_HEALTH_PORT, else the port of the first URL in $TESTBED_URLS or $ASPNETCORE_URLS,
# else 8080. The TCP echo servers answer any request with 200 and the request echoed, so the same
# probe checks them too (set TESTBED_HEALTH_PORT to their --port).
set -u
port=${TESTBED_HEALTH_PORT:-}
if [[ -z "$port" ]]; then
  url=${TESTBED_URLS:-${ASPNETCORE_URLS:-}}
  url=${url%%[;,]*}
  if [[ "$url" =~ :([0-9]+)/?$ ]]; then port=${BASH_REMATCH[1]}; else port=8080; fi
fi
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
[[ "$status" =~ ^HTTP/1\.[01]\ 200 ]] || { echo "unhealthy: $status"; exit 1; }
echo "healthy: port $port"
