#!/usr/bin/env bash
# The comparison suite: builds testbed-server, testbed-proxy, testbed-load and testbed-suite
# (Release, into artifacts/) and runs `testbed-suite`, by default locally with the quick parameters
# (all nine experiments in a few minutes on two cores). Every argument is passed to the suite:
#
#   scripts/suite.sh                      # local, quick, all experiments
#   scripts/suite.sh --full               # the sources' exact loads (long)
#   scripts/suite.sh --only e1,e3         # some experiments
#   scripts/suite.sh --targets compose    # against the docker-compose services (see docker-compose.yml)
#
# Reports go to results/<timestamp>/ (report.md, report.html, results.json, raw/). Run as root
# for CPU limits through cgroups (else cpulimit if installed, else unlimited with a warning).
# Env: TESTBED_ARTIFACTS (build folder, default artifacts/), TESTBED_SKIP_BUILD=1 (use what is built).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Release builds of their own, so that the suite never runs a stale or half-built Debug binary.
server=$(build_project servers/Testbed.Servers)
proxy=$(build_project proxy/Testbed.Proxy)
load=$(build_project loadtests/Testbed.Load)
suite=$(build_project loadtests/Testbed.Suite)
exec "$suite" --server-exe "$server" --proxy-exe "$proxy" --load-exe "$load" --experiments "$REPO/scripts/experiments" "$@"
