# shellcheck shell=bash
# Docker helpers shared by compose-check.sh and swarm-check.sh: `source scripts/lib/docker.sh` after
# scripts/lib/testbed.sh and make_work. Functions print progress to stderr and return non-zero on
# failure; the caller decides whether that is a skip or a failure.
#
#   DOCKERD_STARTED  pid of the dockerd docker_start_daemon started ("" when one was running)

DOCKERD_STARTED=""

# docker_start_daemon: uses the running dockerd, or starts one without a bridge or iptables rules
# (--bridge=none --iptables=false: every build and container uses host networking, nothing leaves
# loopback) and waits up to 60 s for it. Returns 1, showing its last log lines, when it cannot start.
docker_start_daemon() {
  if docker info >/dev/null 2>&1; then
    echo "using the running docker daemon" >&2
    return 0
  fi
  echo "starting dockerd --bridge=none --iptables=false" >&2
  setsid dockerd --bridge=none --iptables=false --ip6tables=false >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_STARTED=$!
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_STARTED" 2>/dev/null || break
    sleep 1
  done
  tail -5 "$WORK/dockerd.log" | sed 's/^/    dockerd: /' >&2
  return 1
}

# docker_stop_daemon: stops the dockerd docker_start_daemon started (a grace period, then SIGKILL);
# a daemon that was already running is left alone.
docker_stop_daemon() {
  [[ -n "$DOCKERD_STARTED" ]] || return 0
  echo "stopping the dockerd this script started (pid $DOCKERD_STARTED)" >&2
  kill "$DOCKERD_STARTED" 2>/dev/null
  for _ in $(seq 30); do kill -0 "$DOCKERD_STARTED" 2>/dev/null || break; sleep 1; done
  kill -9 "$DOCKERD_STARTED" 2>/dev/null
  DOCKERD_STARTED=""
}

# docker_base_images RUNTIME_TAG: builds (or finds cached) the local base images and checks that a
# container can run at all (returns 2 when the daemon runs but cannot start one: no overlay, no cgroups).
docker_base_images() {
  "$REPO/scripts/docker-base-images.sh" || return 1
  if ! docker run --rm --network host "$1" true >"$WORK/run.log" 2>&1; then
    sed 's/^/    docker run: /' "$WORK/run.log" | tail -5 >&2
    return 2
  fi
}

# docker_build_apps TAG SDK_IMAGE RUNTIME_IMAGE: builds testbed/{server,proxy,load}:TAG from
# docker/Dockerfile on the given base images, each log in $WORK/build-<target>.log, and checks that
# none runs as root.
docker_build_apps() {
  local tag=$1 sdk=$2 runtime=$3 target t1 user
  for target in server proxy load; do
    t1=$SECONDS
    if ! docker build --network host --force-rm -f "$REPO/docker/Dockerfile" --target "$target" \
        --build-arg SDK_IMAGE="$sdk" --build-arg RUNTIME_IMAGE="$runtime" \
        -t "testbed/$target:$tag" "$REPO" >"$WORK/build-$target.log" 2>&1; then
      grep -E "error|Error" "$WORK/build-$target.log" | head -20 >&2
      echo "docker build --target $target failed" >&2
      return 1
    fi
    echo "built testbed/$target:$tag in $((SECONDS - t1)) s ($(docker image inspect -f '{{.Size}}' "testbed/$target:$tag" | awk '{printf "%.0f MB", $1/1e6}'))" >&2
    user=$(docker image inspect -f '{{.Config.User}}' "testbed/$target:$tag")
    if [[ -z "$user" || "$user" == 0 || "$user" == root ]]; then
      echo "testbed/$target runs as root (User='$user')" >&2
      return 1
    fi
  done
}

# docker_images TAG SDK_IMAGE RUNTIME_IMAGE: the base images (docker_base_images), then the app
# images (docker_build_apps). Returns 2 when containers cannot run here, 1 on any other failure.
docker_images() {
  local rc=0 t=$SECONDS
  docker_base_images "$3" || return $?
  echo "base images ready in $((SECONDS - t)) s" >&2
  t=$SECONDS
  docker_build_apps "$1" "$2" "$3" || rc=1
  (( rc != 0 )) || echo "app images built in $((SECONDS - t)) s" >&2
  return $rc
}

# docker_remove_images TAG KEEP_BASE SDK_IMAGE RUNTIME_IMAGE: removes the app images docker_build_apps
# built and dangling build leftovers, and the base images too when KEEP_BASE is 0.
docker_remove_images() {
  docker rmi "testbed/server:$1" "testbed/proxy:$1" "testbed/load:$1" >/dev/null 2>&1
  docker image prune -f >/dev/null 2>&1
  if [[ $2 == 0 ]]; then docker rmi "$3" "$4" >/dev/null 2>&1; fi
  return 0
}

# ---- what compose-check.sh and swarm-check.sh share around those helpers -----------------------
# log MESSAGE: "[<script> <s>s] MESSAGE" on stdout, seconds since the script's t0 (0 when unset).
# skip REASON: the check cannot run here: says why and exits 0 (CI goes on).
# die REASON: the check ran and failed: exits 1.
log() { printf '[%s %4ds] %s\n' "$(basename "$0" .sh)" $((SECONDS - ${t0:-0})) "$*"; }
skip() { log "SKIP: $*"; exit 0; }
die() { log "FAIL: $*"; exit 1; }

# docker_cleanup: the EXIT trap of a docker check (docker_trap installs it; it replaces, and ends
# with, testbed.sh's testbed_cleanup). While the daemon answers it runs the script's docker_teardown
# (when defined: its containers, stacks, volumes), then removes the app and, unless KEEP_BASE is 1,
# the base images (APP_TAG, KEEP_BASE, SDK_TAG, RUNTIME_TAG); then stops the dockerd
# docker_start_daemon started and exits with the script's status.
docker_cleanup() {
  local rc=$?
  set +e
  if docker info >/dev/null 2>&1; then
    if declare -F docker_teardown >/dev/null; then docker_teardown; fi
    docker_remove_images "$APP_TAG" "$KEEP_BASE" "$SDK_TAG" "$RUNTIME_TAG"
  fi
  docker_stop_daemon
  testbed_cleanup
  exit $rc
}

# docker_trap: installs docker_cleanup on exit; a signal ends the script through exit.
docker_trap() {
  trap docker_cleanup EXIT
  trap 'exit 130' INT TERM
}
