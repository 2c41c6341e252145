#!/usr/bin/env bash
# The comparison suite: builds testbed-server, testbed-proxy, testbed-load and testbed-suite
# (Release) and runs `testbed-suite`, by default locally with the quick parameters (all nine experiments in a few
# minutes on two cores). Every argument is passed to the suite:
#
#   scripts/suite.sh                      # local, quick, all experiments
#   scripts/suite.sh --full               # the sources' exact loads (long)
#   scripts/suite.sh --only e1,e3         # some experiments
#   scripts/suite.sh --targets compose    # against the docker-compose services (see docker-compose.yml)
#
# Reports go to results/<timestamp>/ (report.md, report.html, results.json, raw/). Run as root
# for CPU limits through cgroups (else cpulimit if installed, else unlimited with a warning).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A build directory of its own, so that the suite never runs a stale or half-built Debug binary.
ARTIFACTS="${TESTBED_ARTIFACTS:-$PWD/artifacts/suite}"
if [[ "${TESTBED_SKIP_BUILD:-0}" != 1 ]]; then
  for project in servers/Testbed.Servers proxy/Testbed.Proxy loadtests/Testbed.Load loadtests/Testbed.Suite; do
    echo "== build $project (Release)" >&2
    dotnet build "$project" -c Release --artifacts-path "$ARTIFACTS" -v quiet -nologo >&2
  done
fi

bin="$ARTIFACTS/bin"
exec "$bin/Testbed.Suite/release/testbed-suite" \
  --server-exe "$bin/Testbed.Servers/release/testbed-server" \
  --proxy-exe "$bin/Testbed.Proxy/release/testbed-proxy" \
  --load-exe "$bin/Testbed.Load/release/testbed-load" \
  --experiments "$PWD/scripts/experiments" \
  "$@"
