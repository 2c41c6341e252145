#!/usr/bin/env bash
# End-to-end proof that the Docker Swarm stack (deploy/swarm/testbed-stack.yml) runs E6 with its load
# split over 2 generators and merged, on a one-node swarm with host networking (traffic to 127.0.0.1
# only: no published ports, no container addresses):
#   1. installs docker.io and debootstrap when missing (Debian);
#   2. starts dockerd when none runs (--bridge=none --iptables=false), as compose-check.sh does;
#   3. builds the local base images and the three app images (scripts/lib/docker.sh);
#   4. `docker swarm init --advertise-addr 127.0.0.1`, `docker stack deploy` with one backend
#      (0.05 CPU, checked on the service), 2 load replicas taking segments 1/2 and 2/2, a collector
#      that merges their records; then `docker service scale` to two backends and the load again;
#   5. a report with checks (records add up, both generators present, both backends served per
#      the proxy's /proxy/stats) in results/swarm-check-<time>/, and E6's verdicts graded from the
#      two merged records by `testbed-suite grade` (runs one and two as steps one_high and two_high;
#      built on the host) in results/swarm-check-<time>/e6/, with the server's CPU per request and
#      throttling from the roles' stats snapshotted (`testbed-suite stats`) around each load;
#   6. tears down: the stack, the swarm membership, docker_gwbridge, the app images it built and
#      the dockerd it started (base images stay cached, SWARM_CHECK_KEEP_BASE=0 removes them).
# Where dockerd cannot run (no root, no cgroups, an unprivileged container) it says why and exits 0,
# so CI can skip it. Any other failure exits 1.
#
# Environment: SWARM_CHECK_LOAD_ARGS (default "users --users 400 --duration 15s --timeout 10"),
# SWARM_CHECK_WARMUP_ARGS (unmeasured load each generator runs first, default "users --users 60
# --duration 20s --timeout 10"; empty for none),
# SWARM_CHECK_TIMEOUT (seconds per run, default 300), SWARM_CHECK_KEEP_BASE (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
# shellcheck source=lib/docker.sh
source scripts/lib/docker.sh
[[ $# -eq 0 ]] || usage_error "takes no arguments (settings come from the environment, see above)"

# 400 users as in E6's quick run: a 0.05-CPU backend serves each waiting connection about once per
# 100 ms cgroup period, so its rate follows the connections waiting for it. With 60 users, one
# backend served 441 req/s and two 213 each with 30 users apiece (0.95x in a quiet run; see E6 in
# docs/experiments.md).
LOAD_ARGS_CHECK=${SWARM_CHECK_LOAD_ARGS:-users --users 400 --duration 15s --timeout 10}
# Each backend starts cold and compiles its request path at 0.05 CPU (5 ms of CPU per 100 ms):
# the second, started by `docker service scale`, just before the measured run. With 10 s of
# warm-up the one-backend run read 486 req/s in one run and 763 in another; 20 s gives a backend
# a whole second of CPU before it is measured.
WARMUP_ARGS_CHECK=${SWARM_CHECK_WARMUP_ARGS-users --users 60 --duration 20s --timeout 10}
RUN_TIMEOUT=${SWARM_CHECK_TIMEOUT:-300}
KEEP_BASE=${SWARM_CHECK_KEEP_BASE:-1}
STACK=testbed-swarm-check
SDK_TAG=testbed/sdk:10.0
RUNTIME_TAG=testbed/aspnet:10.0
APP_TAG=swarm-check
STACK_FILE=deploy/swarm/testbed-stack.yml
DATA_VOLUME=$STACK-data
make_work swarm-check
t0=$SECONDS

# ---- 1. tools ---------------------------------------------------------------------------------
[[ $(id -u) == 0 ]] || skip "needs root to run dockerd and debootstrap"
need dockerd docker.io || skip "could not install docker.io"
need debootstrap debootstrap || skip "could not install debootstrap"
need curl curl || skip "could not install curl"

# ---- 2. dockerd, and the clean-up of everything this script creates ----------------------------
JOINED_SWARM=""
# On exit (docker_trap, scripts/lib/docker.sh): this teardown, the images, then the dockerd it started.
docker_teardown() {
  if docker stack ls --format '{{.Name}}' 2>/dev/null | grep -qx "$STACK"; then
    log "teardown: stack $STACK"
    docker stack rm "$STACK" >/dev/null
    for _ in $(seq 60); do
      [[ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK")" ]] && break
      sleep 1
    done
  fi
  if [[ -n "$JOINED_SWARM" ]]; then
    log "teardown: leaving the swarm, removing docker_gwbridge"
    docker swarm leave --force >/dev/null
    docker network rm docker_gwbridge >/dev/null 2>&1
  fi
  docker volume rm "$DATA_VOLUME" >/dev/null 2>&1
  log "teardown: app images"
}
docker_trap

docker_start_daemon || skip "dockerd cannot start on this machine"

# ---- 3. images ---------------------------------------------------------------------------------
rc=0; docker_images "$APP_TAG" "$SDK_TAG" "$RUNTIME_TAG" || rc=$?
(( rc != 2 )) || skip "dockerd runs but cannot start a container here"
(( rc == 0 )) || die "the images could not be built"
# The grader runs on the host after the runs: built before the swarm, so that a broken build costs none.
SUITE_EXE=$(build_project loadtests/Testbed.Suite) || die "testbed-suite could not be built (it grades E6 from the merged records)"

# ---- 4. the swarm and the stack ----------------------------------------------------------------
state=$(docker info --format '{{.Swarm.LocalNodeState}}')
[[ "$state" == inactive ]] || skip "this docker daemon is already in a swarm (state '$state'); not touching it"
docker swarm init --advertise-addr 127.0.0.1 >"$WORK/swarm-init.log" 2>&1 \
  || { tail -3 "$WORK/swarm-init.log"; die "docker swarm init failed"; }
JOINED_SWARM=1
log "one-node swarm up"
busy=""
for port in 18500 18511 18512 18513 18514; do
  holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -1)
  [[ -z "$holder" ]] || busy+="    port $port: $holder"$'\n'
done
[[ -z "$busy" ]] || { printf '%s' "$busy"; die "ports of the stack are already in use"; }

# The backends' candle data, generated once without a CPU limit: at 0.05 CPU a first start takes minutes.
log "filling the data volume $DATA_VOLUME"
docker run -d --name "$STACK-data-fill" --network host -e TESTBED_URLS=http://127.0.0.1:18519 \
  -v "$DATA_VOLUME:/app/data" "testbed/server:$APP_TAG" web >/dev/null
for i in $(seq 300); do
  docker logs "$STACK-data-fill" 2>&1 | grep -q 'testbed-server ready' && break
  (( i < 300 )) || { docker logs "$STACK-data-fill" 2>&1 | tail -5; docker rm -f "$STACK-data-fill" >/dev/null; die "the data volume could not be filled"; }
  sleep 1
done
docker rm -f "$STACK-data-fill" >/dev/null

RESULTS=$WORK/results
mkdir -p "$RESULTS"
chown 1654:1654 "$RESULTS" # the images' non-root user writes the records
export DATA_VOLUME RESULTS_DIR=$RESULTS RUN=one GENERATORS=2 BACKEND_COUNT=1 BACKEND_CPUS=0.05 TESTBED_TAG=$APP_TAG
export LOAD_ARGS=$LOAD_ARGS_CHECK WARMUP_ARGS=$WARMUP_ARGS_CHECK TARGET=http://127.0.0.1:18500/index
log "docker stack deploy: 1 backend, 2 generators, LOAD_ARGS='$LOAD_ARGS', WARMUP_ARGS='$WARMUP_ARGS'"
docker stack deploy --resolve-image never -c "$STACK_FILE" "$STACK" >"$WORK/deploy.log" 2>&1 \
  || { cat "$WORK/deploy.log"; die "docker stack deploy failed"; }
nano=$(docker service inspect -f '{{.Spec.TaskTemplate.Resources.Limits.NanoCPUs}}' "${STACK}_backend")
[[ "$nano" == 50000000 ]] || die "the backend service is not limited to 0.05 CPU (NanoCPUs=$nano)"
log "backend service limited to 0.05 CPU (NanoCPUs=$nano)"

# wait_merged RUN: until the collector wrote RUN/merged.json; on a timeout, shows the tasks' states.
wait_merged() {
  local run=$1 t=$SECONDS
  while [[ ! -s "$RESULTS/$run/merged.json" ]]; do
    if (( SECONDS - t > RUN_TIMEOUT )); then
      docker stack ps --no-trunc "$STACK" | head -20
      for svc in load collector backend proxy; do docker service logs --tail 5 "${STACK}_$svc" 2>&1 | sed "s/^/    $svc: /"; done
      die "run '$run' produced no merged record in $RUN_TIMEOUT s"
    fi
    sleep 2
  done
  log "run '$run': merged in $((SECONDS - t)) s"
}
# snapshot_stats RUN WHEN ROLE=URL...: the roles' own stats (CPU, throttling, descriptors) into
# RUN-WHEN.json for the grade. The stack runs on the host network, so each backend's stats are on
# 127.0.0.1:1851<slot>/stats and the balancer's on 127.0.0.1:18500/proxy/stats. A failed snapshot
# only leaves the server cost "not measured" in the grade: it never fails the check.
snapshot_stats() {
  local run=$1 when=$2; shift 2
  "$SUITE_EXE" stats "$@" --out "$WORK/stats-$run-$when.json" >"$WORK/stats-$run-$when.log" 2>&1 \
    || log "stats $when run '$run' incomplete (the server cost may be not measured): $(tr '\n' ' ' <"$WORK/stats-$run-$when.log")"
}
# stats_before RUN ROLE=URL...: once a generator marks the measured load's start (the stack's load
# service touches measuring-<slot> after its warm-up), the stats before it. Given up, with the
# figures "not measured", if no marker appears before the run ends.
stats_before() {
  local run=$1 t=$SECONDS; shift
  while ! compgen -G "$RESULTS/$run/measuring-*" >/dev/null; do
    if [[ -s "$RESULTS/$run/merged.json" ]] || (( SECONDS - t > RUN_TIMEOUT )); then
      log "run '$run': no start marker seen; its server cost is not measured"
      return 0
    fi
    sleep 0.2
  done
  snapshot_stats "$run" before "$@"
}
ONE_ROLES=(lb1=http://127.0.0.1:18500/proxy/stats backend1=http://127.0.0.1:18511/stats)
TWO_ROLES=(lb2=http://127.0.0.1:18500/proxy/stats backend1=http://127.0.0.1:18511/stats backend2=http://127.0.0.1:18512/stats)
stats_before one "${ONE_ROLES[@]}"
wait_merged one
snapshot_stats one after "${ONE_ROLES[@]}"

docker service scale --detach "${STACK}_backend=2" >"$WORK/scale.log" 2>&1 || { cat "$WORK/scale.log"; die "docker service scale failed"; }
# proxy_counts: the proxy's requests per backend so far, "b1=N b2=M ..." (its /proxy/stats, on loopback).
proxy_counts() {
  curl -sf http://127.0.0.1:18500/proxy/stats \
    | python3 -c 'import json,sys; print(" ".join("%s=%s" % (d["id"], d["requests"]) for d in json.load(sys.stdin)["destinations"]))'
}
healthy=""
for i in $(seq 180); do
  healthy=$(curl -sf http://127.0.0.1:18500/proxy/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["healthy"])' || true)
  [[ "$healthy" == 2 ]] && break
  (( i < 180 )) || die "the proxy does not see two healthy backends after 180 s (healthy: '$healthy')"
  sleep 1
done
before_two=$(proxy_counts)
log "scaled to 2 backends, both healthy at the proxy ($before_two); the load again"
docker service update --detach --env-add RUN=two "${STACK}_load" >/dev/null
docker service update --detach --env-add RUN=two "${STACK}_collector" >/dev/null
stats_before two "${TWO_ROLES[@]}"
wait_merged two
snapshot_stats two after "${TWO_ROLES[@]}"
after_two=$(proxy_counts)
echo "$before_two" >"$WORK/before-two.txt"
echo "$after_two" >"$WORK/after-two.txt"

# ---- 5. the report -----------------------------------------------------------------------------
out=results/swarm-check-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
cp -r "$RESULTS/one" "$RESULTS/two" "$out/"
python3 - "$out" "$before_two" "$after_two" <<'PY' || die "the merged records are not what the runs produced"
import json, sys, os
out = sys.argv[1]
lines, bad = ["# swarm-check: E6 on a one-node swarm, load over 2 generators", ""], 0
def load(p): return json.load(open(p))
for run in ("one", "two"):
    parts = [load(f"{out}/{run}/run-{i}.json") for i in (1, 2)]
    m = load(f"{out}/{run}/merged.json")
    checks = [
        ("completed add up", m["counts"]["completed"] == sum(p["counts"]["completed"] for p in parts)),
        ("latency histogram counts add up", m["latency"]["total"]["count"] == sum(p["latency"]["total"]["count"] for p in parts)),
        ("segments 1/2 and 2/2", sorted(g["segment"] for g in m["generators"]) == ["1/2", "2/2"]),
        ("each generator's CPU recorded", all(g.get("cpuSeconds") for g in m["generators"])),
        ("nothing failed", m["counts"]["failed"] == 0),
    ]
    lines.append(f"## {run} backend{'s' if run == 'two' else ''}: {m['counts']['completed']} completed, {m['rps']} req/s, "
                 f"p99 {m['latency']['total']['p99Ms']} ms")
    for g in m["generators"]:
        lines.append(f"- generator {g['segment']} (pid {g['pid']}): {g['cpuSeconds']} s CPU")
    for name, ok in checks:
        lines.append(f"- {name}: {'ok' if ok else 'NOT OK'}")
        bad += not ok
    lines.append("")
# X-Served-By is host/pid, the same for every replica on one node (host network, pid 1): the
# proxy's own per-backend counts say which backends served run two.
before = dict(kv.split("=") for kv in sys.argv[2].split())
after = dict(kv.split("=") for kv in sys.argv[3].split())
served_by = {b: int(after[b]) - int(before.get(b, 0)) for b in after}
lines.append(f"- requests per backend in run two (the proxy's counts): {served_by}")
served = served_by.get("b1", 0) > 0 and served_by.get("b2", 0) > 0
lines.append("## Verdicts")
lines.append(f"- both backends served after `docker service scale`: {'reproduced' if served else 'not reproduced'}")
bad += not served
open(f"{out}/report.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if bad else 0)
PY
# E6's claims and expectations, graded by the suite from the two merged records as from any
# cluster's: each generator's CPU from the records, the server cost from the roles' stats
# snapshotted around each load (a missing snapshot: "not measured"), the 99-user steps not
# evaluated (this check runs only the high load).
cp "$WORK"/stats-*.json "$out/" 2>/dev/null || true
"$SUITE_EXE" grade --experiments scripts/experiments --experiment e6 --mode quick \
  --step "one_high=$out/one/merged.json" --step "two_high=$out/two/merged.json" \
  --stats-before "one_high=$out/stats-one-before.json" --stats-after "one_high=$out/stats-one-after.json" \
  --stats-before "two_high=$out/stats-two-before.json" --stats-after "two_high=$out/stats-two-after.json" \
  --out "$out/e6" >"$WORK/grade.log" 2>&1 \
  || { cat "$WORK/grade.log"; die "testbed-suite grade could not grade E6 from the merged records"; }
# The server's CPU per request and throttling per role, from the grade (NaN: not measured).
python3 - "$out/e6/results.json" <<'PY' | tee -a "$out/report.md" || log "the server cost could not be read from the grade (not measured)"
import json, sys
def show(v, unit):
    return "not measured" if not isinstance(v, (int, float)) or v != v else f"{v:.4g} {unit}"
steps = {s["name"]: s["metrics"] for s in json.load(open(sys.argv[1]))["experiments"][0]["steps"]}
for step, roles in (("one_high", ("lb1", "backend1")), ("two_high", ("lb2", "backend1", "backend2"))):
    m = steps.get(step, {})
    parts = [f"{r} {show(m.get(r + '.cpuMsPerRequest'), 'ms/req')}, throttled {show(m.get(r + '.throttledMs'), 'ms')}" for r in roles]
    print(f"- server CPU per request, {step} (the roles' own stats): " + "; ".join(parts))
PY
verdict=$(grep -E '^e6 +two-backends-1\.6x ' "$WORK/grade.log") || { cat "$WORK/grade.log"; die "the E6 grade has no verdict for two-backends-1.6x"; }
printf -- '- E6 (testbed-suite grade, report in e6/report.md): %s\n' "$(sed -E 's/^e6 +//; s/ +/ /g' <<<"$verdict")" | tee -a "$out/report.md"
log "report: $out/report.md, E6 graded: $out/e6/report.md"
log "OK in $((SECONDS - t0)) s"
