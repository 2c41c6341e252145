# Shared by the bench-*.sh scripts (source it; it defines functions and HZ only).

# need COMMAND PACKAGE: installs the Debian package when the command is missing.
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_ready FILE PREFIX: prints the URL of the first line "PREFIX ready on URL ..." in FILE (30 s at most).
wait_ready() {
  local url=""
  for _ in $(seq 1 300); do
    url=$(sed -n "s/^$2 ready on \(\S*\).*/\1/p" "$1" | head -n1)
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    sleep 0.1
  done
  return 1
}

# cpu_ticks PID...: CPU ticks (user + sys, 1/HZ s) used so far by these processes and their children.
cpu_ticks() {
  local total=0 pid
  for pid in "$@" $(for p in "$@"; do pgrep -P "$p"; done); do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)
