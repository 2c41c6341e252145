#!/bin/bash
# Entry point of the compose `suite` service (bash only: the runtime image has no curl or jq).
#   1. COMPOSE_PROFILES -> the experiments: "all" (the default) runs every one; e1..e10 run those
#      named (COMPOSE_PROFILES=e4,e9 -> --only e4,e9); a set without an experiment (play) runs none.
#   2. Waits until every service those experiments' roles map to ("compose": "service:port" in
#      scripts/experiments) answers GET /healthz (a TCP echo server: GET on its stats port, echo
#      port + 100), at most SUITE_WAIT seconds (default 300). The suite has no depends_on (see
#      docker-compose.yml), so this is where a service that never comes up fails the run: exit 1,
#      naming it and what its port last answered.
#   3. exec testbed-suite --targets compose [--only ...] "$@" (the arguments are SUITE_ARGS; an
#      --only of their own replaces the profile's).
set -uo pipefail
experiments=/app/scripts/experiments
profiles=${COMPOSE_PROFILES:-all}
wait_s=${SUITE_WAIT:-300}
say() { echo "suite-entrypoint: $*" >&2; }

only=() ids=()
IFS=',' read -ra wanted <<<"$profiles"
all=0
for p in "${wanted[@]}"; do
  p=${p// /}
  if [[ $p == all ]]; then all=1; elif [[ $p =~ ^e[0-9]+$ ]]; then ids+=("$p"); fi
done
if (( all )); then
  files=("$experiments"/e*.json)
elif (( ${#ids[@]} )); then
  files=()
  for id in "${ids[@]}"; do
    f=$(compgen -G "$experiments/$id-*.json" | head -1)
    [[ -n $f ]] || { say "COMPOSE_PROFILES=$profiles: no experiment $id in $experiments"; exit 2; }
    files+=("$f")
  done
  only=(--only "$(IFS=,; echo "${ids[*]}")")
else
  say "COMPOSE_PROFILES=$profiles names no experiment (all, e1 ... e10): nothing to run"
  exit 0
fi

# One role per line in the experiment files: its "compose" address, and "kind": "tcp" for an echo server.
declare -A probe=()
for f in "${files[@]}"; do
  while IFS= read -r line; do
    [[ $line =~ \"compose\":\ *\"([^\"]+):([0-9]+)\" ]] || continue
    host=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
    if [[ $line =~ \"kind\":\ *\"tcp\" ]]; then port=$((port + 100)); fi
    probe["$host:$port"]=1
  done <"$f"
done

# GET /healthz over bash's /dev/tcp; prints the status line, or why there is none.
check() {
  local host=$1 port=$2 status
  # (bash reports a failed /dev/tcp open itself: keep that off the log, the caller words it once)
  if ! { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null; then echo "no connection"; return 1; fi
  printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
  IFS= read -r -t 5 status <&3 || status="no answer within 5 s"
  exec 3<&-
  status=${status%$'\r'}
  echo "$status"
  [[ $status =~ ^HTTP/1\.[01]\ 200 ]]
}

say "experiments: $(basename -a "${files[@]}" | sed 's/-.*//' | tr '\n' ' ')- waiting for ${!probe[*]}"
deadline=$((SECONDS + wait_s))
declare -A last=()
while :; do
  pending=0
  for address in "${!probe[@]}"; do
    [[ ${probe[$address]} == ok ]] && continue
    if last[$address]=$(check "${address%:*}" "${address##*:}"); then probe[$address]=ok; else pending=1; fi
  done
  (( pending )) || break
  if (( SECONDS >= deadline )); then
    for address in "${!probe[@]}"; do
      [[ ${probe[$address]} == ok ]] || say "service ${address%:*} never became healthy within $wait_s s (GET http://$address/healthz: ${last[$address]})"
    done
    exit 1
  fi
  sleep 1
done
say "every service answers after ${SECONDS} s"
# SUITE_ARGS that name their own --only (a subset of the profile's experiments) take its place.
for a in "$@"; do [[ $a == --only || $a == --only=* ]] && only=(); done
exec /app/testbed-suite --targets compose --experiments "$experiments" --out /app/results "${only[@]}" "$@"
