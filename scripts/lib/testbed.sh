# shellcheck shell=bash
# The one library of the scripts in scripts/: `source scripts/lib/testbed.sh` (after `set -euo pipefail`).
# Sourcing defines functions and the variables below, and installs an EXIT trap that stops what the
# script started (testbed_cleanup); it runs nothing else.
#
#   REPO       the repository's root
#   ARTIFACTS  where build_project builds: $TESTBED_ARTIFACTS, else $REPO/artifacts (.NET's
#              --artifacts-path layout: artifacts/bin/<Project>/release/<exe>, and for the projects
#              of READY_TO_RUN artifacts/publish/<Project>/release_<rid>/<exe>)
#   HZ         clock ticks per second, the unit of cpu_ticks
#   WORK       the script's scratch folder once make_work has run (removed on exit)
#
# Environment: TESTBED_ARTIFACTS (above); TESTBED_SKIP_BUILD=1 makes build_project use what
# ARTIFACTS already holds instead of building.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ARTIFACTS=${TESTBED_ARTIFACTS:-$REPO/artifacts}
# shellcheck disable=SC2034 # read by the scripts that source this file
HZ=$(getconf CLK_TCK)
WORK=""
TESTBED_PIDS=()
TESTBED_PIDFILES=()
TESTBED_CGROUPS=()
# The .NET processes the scripts start run with the multi-processor tier-up delay, as the suite's
# roles do: pinned to one core or under a quota of one core or less, the runtime otherwise waits
# 1 s instead of 100 ms before optimizing hot methods (docs/suite.md).
export DOTNET_TC_DelaySingleProcMultiplier=${DOTNET_TC_DelaySingleProcMultiplier:-1}

# usage_error MESSAGE: a bad argument: one line "<script>: MESSAGE" on stderr, exit code 2.
usage_error() { echo "$(basename "$0" .sh): $*" >&2; exit 2; }

# need COMMAND PACKAGE: installs the Debian package when the command is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "== installing $2 (for $1)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >/dev/null
}

# Projects that build_project publishes ReadyToRun (precompiled, framework-dependent) instead of
# building: testbed-load's start-up JIT (System.CommandLine, HdrHistogram, its engine) is part of the
# CPU a bench run charges to it (docs/load-generator.md, "Start-up").
READY_TO_RUN=(loadtests/Testbed.Load)

# build_project PROJECT: builds PROJECT (a folder under REPO holding one .csproj, e.g.
# servers/Testbed.Servers) in Release into ARTIFACTS, quietly (the log is shown only when the build
# fails), and prints the path of its executable. Progress goes to stderr. A project of READY_TO_RUN
# is published instead (dotnet publish -r <rid> --self-contained false -p:PublishReadyToRun=true).
# For servers/Testbed.Servers it also publishes the Native AOT echo child beside testbed-server
# (publish_echo_child).
build_project() {
  local dir=$REPO/$1 csproj name exe log rid="" verb=build
  local -a args=()
  csproj=$(find "$dir" -maxdepth 1 -name '*.csproj' | head -n1)
  [[ -n "$csproj" ]] || { echo "build_project: no .csproj in $dir" >&2; return 1; }
  name=$(basename "$csproj" .csproj)
  exe=$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$csproj" | head -n1)
  if [[ " ${READY_TO_RUN[*]} " == *" $1 "* ]]; then
    case $(uname -m) in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; esac
  fi
  if [[ -n $rid ]]; then
    verb=publish
    args=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
    exe="$ARTIFACTS/publish/$name/release_$rid/${exe:-$name}"
  else
    exe="$ARTIFACTS/bin/$name/release/${exe:-$name}"
  fi
  if [[ "${TESTBED_SKIP_BUILD:-0}" != 1 ]]; then
    echo "== dotnet $verb $1 (Release${rid:+, ReadyToRun $rid}) into $ARTIFACTS" >&2
    log=$(mktemp /tmp/testbed-build.XXXXXX)
    if ! dotnet "$verb" "$dir" -c Release "${args[@]}" --artifacts-path "$ARTIFACTS" -v quiet -nologo >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      rm -f "$log"
      echo "build_project: dotnet $verb $1 failed" >&2
      return 1
    fi
    rm -f "$log"
    [[ $1 != servers/Testbed.Servers ]] || publish_echo_child "$(dirname "$exe")"
  fi
  [[ -x "$exe" ]] || { echo "build_project: $exe is missing" >&2; return 1; }
  echo "$exe"
}

# publish_echo_child DIR: publishes servers/Testbed.EchoChild with Native AOT into DIR as
# testbed-echo-child, where `testbed-server tcp --mode process` looks for it first (beside itself).
# Native AOT needs clang and zlib1g-dev (installed here when missing and root); when the publish
# fails anyway it says so and returns 0: process mode then starts a .NET runtime per connection.
publish_echo_child() {
  local dir=$1 log
  [[ -d "$REPO/servers/Testbed.EchoChild" ]] || return 0
  if [[ $(id -u) == 0 ]] && ! { command -v clang >/dev/null && [[ -f /usr/include/zlib.h ]]; }; then
    need clang clang || true
    [[ -f /usr/include/zlib.h ]] || { apt-get install -y -qq zlib1g-dev >/dev/null 2>&1 || true; }
  fi
  echo "== publishing servers/Testbed.EchoChild (Native AOT) into $dir" >&2
  log=$(mktemp /tmp/testbed-build.XXXXXX)
  if ! dotnet publish "$REPO/servers/Testbed.EchoChild" -c Release --artifacts-path "$ARTIFACTS" -o "$dir" \
      -p:CopyOutputSymbolsToPublishDirectory=false -v quiet -nologo >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "publish_echo_child: the Native AOT child did not build (needs clang and zlib1g-dev); tcp --mode process will start a .NET runtime per connection" >&2
  fi
  rm -f "$log"
}

# build_project_at REV PROJECT: like build_project, for the project as it was at git revision REV
# (for A/B rows in benchmarks). Builds from `git archive` into $WORK/at-REV, output under
# $ARTIFACTS/at-REV; needs make_work first. The project's whole parent folder comes along: a
# project may compile shared sources from a sibling folder (loadtests/Views).
build_project_at() {
  local rev=$1 src
  src="$WORK/at-$rev"
  mkdir -p "$src"
  # The project's parent folder: loadtests/Views beside the load tools, servers/Testbed.EchoChild
  # (published beside testbed-server) where the revision has it.
  git -C "$REPO" archive "$rev" "$(dirname "$2")" common Directory.Build.props Directory.Build.rsp Directory.Packages.props global.json | tar -x -C "$src" \
    || { echo "build_project_at: cannot read $2 at $rev" >&2; return 1; }
  REPO=$src ARTIFACTS="$ARTIFACTS/at-$rev" TESTBED_SKIP_BUILD=0 build_project "$2"
}

# free_port: a TCP port that is free on 127.0.0.1 now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_ready FILE PREFIX [SECONDS] [PID]: prints the address of the first line "PREFIX ready on
# ADDRESS ..." in FILE. Fails after SECONDS (default 30), or as soon as process PID has exited.
wait_ready() {
  local file=$1 prefix=$2 seconds=${3:-30} pid=${4:-} address i
  for ((i = 0; i < seconds * 10; i++)); do
    address=$(sed -n "s/^$prefix ready on \(\S*\).*/\1/p" "$file" 2>/dev/null | head -n1 || true)
    [[ -n "$address" ]] && { echo "$address"; return 0; }
    [[ -z "$pid" ]] || kill -0 "$pid" 2>/dev/null || { echo "wait_ready: $prefix exited before its ready line" >&2; return 1; }
    sleep 0.1
  done
  echo "wait_ready: no '$prefix ready on' line in $file after $seconds s" >&2
  return 1
}

# median: the median of the numbers on stdin (one or more a line, blank lines ignored; the mean of
# the middle two when their count is even); prints nothing for no numbers.
median() {
  tr -s ' \t' '\n\n' | sort -g |
    awk 'NF { v[++n] = $1 } END { if (n) print (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }'
}

# start_nginx NAME WORKERS PORT LOCATION_BODY [HTTP_EXTRA]: starts nginx (installing nginx-light
# when missing) on 127.0.0.1:PORT with WORKERS worker processes (a number or auto), serving
# `location / { LOCATION_BODY }`, with HTTP_EXTRA (e.g. an upstream block) in its http block; no
# access log, keep-alive without a request limit, its files in $WORK/nginx-NAME.* (pid file
# $WORK/nginx-NAME.pid, stopped on exit). Needs make_work first. Returns once the port accepts.
start_nginx() {
  local name=$1 workers=$2 port=$3 i
  need nginx nginx-light
  mkdir -p "$WORK/nginx-$name.tmp"
  cat >"$WORK/nginx-$name.conf" <<CONF
worker_processes $workers;
pid $WORK/nginx-$name.pid;
error_log $WORK/nginx-$name.err warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-$name.tmp/body; proxy_temp_path $WORK/nginx-$name.tmp/proxy;
  fastcgi_temp_path $WORK/nginx-$name.tmp/fcgi; uwsgi_temp_path $WORK/nginx-$name.tmp/uwsgi; scgi_temp_path $WORK/nginx-$name.tmp/scgi;
  keepalive_requests 100000000;
  ${5:-}
  server { listen 127.0.0.1:$port; location / { $4 } }
}
CONF
  track_pidfile "$WORK/nginx-$name.pid"
  nginx -c "$WORK/nginx-$name.conf" || { echo "start_nginx: nginx $name did not start" >&2; return 1; }
  for ((i = 0; i < 50; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "start_nginx: nginx $name does not accept on 127.0.0.1:$port" >&2
  return 1
}

# cgroup_limit NAME CPUS PID...: puts the processes (and their current children; later children
# inherit the group) into a new cgroup NAME-<script pid> limited to CPUS cores (e.g. 0.5), with
# cgroup v1 cpu.cfs_quota_us or v2 cpu.max over a 100 ms period. Says on stderr what it did.
# Fails with the reason on stderr when not root or no cgroup cpu controller is writable; the
# caller decides whether to go on unlimited. testbed_cleanup removes the group.
cgroup_limit() {
  local name=$1-$$ cpus=$2 quota dir pid
  shift 2
  quota=$(awk -v c="$cpus" 'BEGIN { if (c + 0 > 0) printf "%d", c * 100000 }')
  [[ -n "$quota" ]] || { echo "cgroup_limit: CPUS must be a positive number, not '$cpus'" >&2; return 1; }
  [[ $(id -u) == 0 ]] || { echo "cgroup_limit: needs root to create a cgroup (uid $(id -u))" >&2; return 1; }
  if [[ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
    dir=/sys/fs/cgroup/cpu/$name
  elif grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
    # Children of the root get the cpu controller only if the root delegates it.
    echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
    dir=/sys/fs/cgroup/$name
  else
    echo "cgroup_limit: no cgroup cpu controller (neither v1 /sys/fs/cgroup/cpu nor v2 with cpu)" >&2
    return 1
  fi
  mkdir "$dir" || { echo "cgroup_limit: cannot create $dir" >&2; return 1; }
  TESTBED_CGROUPS+=("$dir")
  # Explicit returns: errexit does not apply when the caller tests this function's status.
  if [[ -f "$dir/cpu.max" ]]; then
    echo "$quota 100000" >"$dir/cpu.max" || return 1
  else
    echo 100000 >"$dir/cpu.cfs_period_us" && echo "$quota" >"$dir/cpu.cfs_quota_us" || return 1
  fi
  for pid in "$@"; do echo "$pid" >"$dir/cgroup.procs" || return 1; done
  # Children may exit meanwhile: they need not all make it.
  for pid in $(for p in "$@"; do pgrep -P "$p" || true; done); do echo "$pid" >"$dir/cgroup.procs" 2>/dev/null || true; done
  echo "== cgroup $dir: $cpus CPU (quota $quota us per 100000 us) for pid $*" >&2
}

# cgroup_cleanup: removes the cgroups cgroup_limit created (their processes must have exited; a
# group still in use is left as it is).
cgroup_cleanup() {
  local dir i
  for dir in "${TESTBED_CGROUPS[@]}"; do
    # A killed process leaves its group a moment after it is reaped.
    for ((i = 0; i < 20; i++)); do
      if [[ ! -d "$dir" ]] || rmdir "$dir" 2>/dev/null; then break; fi
      sleep 0.1
    done
  done
  TESTBED_CGROUPS=()
}

# cpu_ticks PID...: CPU ticks (user + sys, 1/HZ s) used so far by these processes and their children.
cpu_ticks() {
  local total=0 pid ticks
  for pid in "$@" $(for p in "$@"; do pgrep -P "$p" || true; done); do
    # A process may exit between pgrep and the read: it then counts for nothing.
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}

# make_work NAME [PARENT]: creates the scratch folder WORK (PARENT/NAME.XXXXXX, PARENT default
# /tmp), removed on exit.
make_work() { WORK=$(mktemp -d "${2:-/tmp}/$1.XXXXXX"); }

# track PID...: children of the script (started with &) that testbed_cleanup stops on exit
# (SIGTERM, then waits for them); one that has already exited is skipped.
track() { TESTBED_PIDS+=("$@"); }

# track_pidfile FILE...: pid files (of daemons such as nginx) whose process testbed_cleanup stops.
track_pidfile() { TESTBED_PIDFILES+=("$@"); }

# testbed_cleanup: the EXIT trap: stops the tracked processes, removes the cgroups and WORK.
testbed_cleanup() {
  set +e # the script is ending: a failed kill must not stop the rest of the clean-up
  local pid file
  for file in "${TESTBED_PIDFILES[@]}"; do
    [[ -s "$file" ]] && kill "$(cat "$file")" 2>/dev/null
  done
  for pid in "${TESTBED_PIDS[@]}"; do
    # Only a child still running: the pid of one that has exited may belong to another process now.
    [[ $(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ') == "$$" ]] || continue
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  cgroup_cleanup
  [[ -z "$WORK" ]] || rm -rf "$WORK"
  return 0
}
trap testbed_cleanup EXIT
# A signal ends the script through exit, so that the EXIT trap runs.
trap 'exit 130' INT
trap 'exit 143' TERM
