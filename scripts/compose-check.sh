#!/usr/bin/env bash
# End-to-end proof that `docker compose up` reproduces the experiments, on a Linux machine without
# registry access (CI runs it):
#   1. installs docker.io, docker-compose and debootstrap when missing (Debian);
#   2. starts dockerd when none runs, without a bridge or iptables rules (--bridge=none
#      --iptables=false): every build and container uses host networking, nothing leaves loopback;
#   3. builds the local base images testbed/sdk:10.0 and testbed/aspnet:10.0 (cached; see
#      scripts/docker-base-images.sh) and the three app images with them as build arguments;
#   4. runs `docker-compose -f docker-compose.yml -f docker-compose.hostnet.yml up --exit-code-from
#      suite` with a short SUITE_ARGS, checks the CPU limits and the non-root user of the running
#      containers, and checks that a report with verdicts appeared in ./results;
#   5. tears down: the containers, the app images and build leftovers, and the dockerd it started.
#      The base images stay cached for the next run (COMPOSE_CHECK_KEEP_BASE=0 removes them too).
# When dockerd cannot run here (no root, no cgroups, an unprivileged container), it says so and
# exits 0, so CI skips the step instead of failing. Any other failure exits 1.
#
# Environment: COMPOSE_CHECK_SUITE_ARGS (default "--quick --only e1,e2"), COMPOSE_CHECK_TIMEOUT
# (seconds for `up`, default 900), COMPOSE (the compose command; default docker-compose, else
# `docker compose`), COMPOSE_CHECK_KEEP_BASE (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
# shellcheck source=lib/docker.sh
source scripts/lib/docker.sh
[[ $# -eq 0 ]] || usage_error "takes no arguments (settings come from the environment, see above)"

SUITE_ARGS_CHECK=${COMPOSE_CHECK_SUITE_ARGS:---quick --only e1,e2}
UP_TIMEOUT=${COMPOSE_CHECK_TIMEOUT:-900}
KEEP_BASE=${COMPOSE_CHECK_KEEP_BASE:-1}
PROJECT=testbed-check
make_work compose-check
SDK_TAG=testbed/sdk:10.0
RUNTIME_TAG=testbed/aspnet:10.0
APP_TAG=check
t0=$SECONDS

# ---- 1. tools ---------------------------------------------------------------------------------
[[ $(id -u) == 0 ]] || skip "needs root to run dockerd and debootstrap"
need dockerd docker.io || skip "could not install docker.io"
docker compose version >/dev/null 2>&1 || need docker-compose docker-compose || skip "could not install docker-compose"
need debootstrap debootstrap || skip "could not install debootstrap"
if [[ -z "${COMPOSE:-}" ]]; then
  if command -v docker-compose >/dev/null; then COMPOSE=docker-compose; else COMPOSE="docker compose"; fi
fi
compose() { $COMPOSE -p "$PROJECT" -f docker-compose.yml -f docker-compose.hostnet.yml "$@"; }

# ---- 2. dockerd -------------------------------------------------------------------------------
# On exit (docker_trap, scripts/lib/docker.sh): this teardown, the images, then the dockerd it started.
docker_teardown() {
  log "teardown: containers, app images, build leftovers"
  compose down --remove-orphans --volumes --timeout 10 >"$WORK/down.log" 2>&1
}
docker_trap

docker_start_daemon || skip "dockerd cannot start on this machine"

# ---- 3. images ---------------------------------------------------------------------------------
rc=0; docker_images "$APP_TAG" "$SDK_TAG" "$RUNTIME_TAG" || rc=$?
(( rc != 2 )) || skip "dockerd runs but cannot start a container here"
(( rc == 0 )) || die "the images could not be built"
export SDK_IMAGE=$SDK_TAG RUNTIME_IMAGE=$RUNTIME_TAG TESTBED_TAG=$APP_TAG

# ---- 4. compose up -----------------------------------------------------------------------------
compose config -q || die "the compose files do not validate with $COMPOSE"
compose config > "$WORK/merged.yml"
if grep -q '0\.0\.0\.0' "$WORK/merged.yml"; then die "docker-compose.hostnet.yml leaves a service listening on 0.0.0.0"; fi
# Every "compose": "service:port" of the experiment files must name a service that listens on
# that port and that the suite waits for; otherwise the suite would fail late, at connect time.
python3 - "$WORK/merged.yml" scripts/experiments/*.json <<'EOF' || die "the experiment files' compose addresses do not match docker-compose.yml"
import json, re, sys
merged = open(sys.argv[1]).read()
body = re.split(r"^services:\n", merged, maxsplit=1, flags=re.M)[1]
blocks = dict(re.findall(r"^  ([A-Za-z0-9_.-]+):\n((?:(?:    .*)?\n)*)", body, re.M))
suite_deps = set(re.findall(r"^      ([A-Za-z0-9_.-]+):\n        condition: service_healthy", blocks.get("suite", ""), re.M))
bad = 0
for path in sys.argv[2:]:
    for role in json.load(open(path))["roles"]:
        address = role.get("compose")
        if not address:
            print(f"  {path}: role {role['name']} has no compose address"); bad += 1; continue
        service, port = address.rsplit(":", 1)
        if service not in blocks:
            print(f"  {path}: role {role['name']}: no service '{service}'"); bad += 1
        elif not re.search(rf"[:\"' ]{port}\b", blocks[service]):
            print(f"  {path}: role {role['name']}: service '{service}' does not listen on {port}"); bad += 1
        elif service not in suite_deps:
            print(f"  {path}: role {role['name']}: the suite does not wait for '{service}'"); bad += 1
sys.exit(1 if bad else 0)
EOF
log "compose files valid; every experiment role maps to a service the suite waits for"
# With host networking the services need their ports free on this machine's loopback.
busy=""
mapfile -t ports < <(grep -oE '\b18[1-3][0-9]{2}\b' "$WORK/merged.yml" | sort -u)
for port in "${ports[@]}"; do
  holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -1)
  [[ -z "$holder" ]] || busy+="    port $port: $holder"$'\n'
done
[[ -z "$busy" ]] || { printf '%s' "$busy"; die "ports of docker-compose.hostnet.yml are already in use"; }
mkdir -p results
before=$(find results -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
SUITE_ARGS=$SUITE_ARGS_CHECK RESULTS_UID=$(id -u) RESULTS_GID=$(id -g)
export SUITE_ARGS RESULTS_UID RESULTS_GID
log "$COMPOSE up (hostnet), SUITE_ARGS='$SUITE_ARGS'"
tu=$SECONDS
set +e
# shellcheck disable=SC2086 # COMPOSE may be two words (docker compose)
timeout "$UP_TIMEOUT" $COMPOSE -p "$PROJECT" -f docker-compose.yml -f docker-compose.hostnet.yml \
  up --no-build --no-color --exit-code-from suite >"$WORK/up.log" 2>&1 &
up_pid=$!
# While the suite runs, check from outside that the limits and users are what the file says.
limits_checked=0
for _ in $(seq "$UP_TIMEOUT"); do
  kill -0 $up_pid 2>/dev/null || break
  if [[ $limits_checked == 0 ]] && id=$(compose ps -q backend1 2>/dev/null) && [[ -n "$id" ]] \
     && [[ $(docker inspect -f '{{.State.Running}}' "$id" 2>/dev/null) == true ]]; then
    nano=$(docker inspect -f '{{.HostConfig.NanoCpus}}' "$id")
    quota=$(cat "/sys/fs/cgroup/cpu/docker/$id/cpu.cfs_quota_us" 2>/dev/null \
            || awk '{print $1}' "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.max" 2>/dev/null || echo "?")
    user=$(docker top "$id" -eo pid,uid,comm 2>/dev/null | awk 'NR>1{print $2}' | sort -u | tr '\n' ' ')
    log "backend1: NanoCpus=$nano, cgroup quota=$quota us per 100000 us, process uids: $user"
    [[ "$nano" == 50000000 ]] || log "WARNING: backend1 is not limited to 0.05 CPU"
    [[ " $user" != *" 0 "* ]] || log "WARNING: a process of backend1 runs as root"
    limits_checked=1
  fi
  sleep 1
done
wait $up_pid
up_rc=$?
set -e
log "$COMPOSE up finished with exit code $up_rc in $((SECONDS - tu)) s"
grep -E '^(testbed-check[-_])?suite[-_]1 +[|]' "$WORK/up.log" | sed 's/^[^|]*| //' | tail -40 || true
if (( up_rc != 0 )); then
  log "services that were not healthy, and their last log lines:"
  for svc in $(compose config --services); do
    id=$(compose ps -q "$svc" 2>/dev/null) || continue
    [[ -n "$id" ]] || continue
    h=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}} exit={{.State.ExitCode}}' "$id")
    [[ "$h" == "healthy exit=0" ]] && continue
    echo "  $svc: $h"
    docker logs --tail 5 "$id" 2>&1 | sed 's/^/      /'
  done
  tail -30 "$WORK/up.log"
  die "the suite did not succeed (exit $up_rc)"
fi

# ---- 5. the report -----------------------------------------------------------------------------
after=$(find results -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
new=$(comm -13 <(echo "$before") <(echo "$after") | tail -1)
[[ -n "$new" && -d "results/$new" ]] || die "no new report directory in ./results"
report="results/$new/report.md"
[[ -s "$report" ]] || die "$report is missing or empty"
verdicts=$(grep -ciE '(not )?reproduced' "$report" || true)
(( verdicts > 0 )) || die "$report has no verdict"
log "report: $report ($verdicts verdict lines); its summary:"
awk '/^## Summary/{p=1} p' "$report" | head -30
log "OK in $((SECONDS - t0)) s"
