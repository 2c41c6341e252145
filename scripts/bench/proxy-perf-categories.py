#!/usr/bin/env python3
"""Groups a perf profile of testbed-proxy (or the reference forwarder) into the cost categories of
issue 16 and prints a Markdown table: category, share of samples, microseconds per request.

Usage: perf script -i perf.data -F comm,tid,ip,sym,dso > script.txt
       scripts/bench/proxy-perf-categories.py script.txt [CPU_US_PER_REQUEST]

The proxy must run with DOTNET_PerfMapEnabled=1 so that managed frames have names. A sample goes to
the first frame, leaf upwards, that names a component; kernel samples go by the system call they are
in (libc has no frame pointers here, so the managed caller of a send or recv is lost). With
CPU_US_PER_REQUEST (from bench-proxy.sh) each share is also given in microseconds per request.
"""
import collections
import re
import sys

MANAGED = [
    (r"Kestrel\.Transport\.Sockets", "Kestrel socket transport"),
    (r"Microsoft\.AspNetCore\.Server\.Kestrel|System\.IO\.Pipelines", "Kestrel HTTP/1.1 parsing and response"),
    (r"System\.Net\.Sockets", "sockets engine (epoll thread, SocketAsyncContext)"),
    (r"System\.Net\.Http", "SocketsHttpHandler (proxy -> backend)"),
    (r"Yarp\.ReverseProxy\.Transforms|RequestUtilities|HttpTransformer", "YARP header copying and transforms"),
    (r"Yarp\.ReverseProxy\.(Health|LoadBalancing|Model|Routing|Configuration|SessionAffinity)", "YARP balancing, health, model"),
    (r"Yarp\.ReverseProxy", "YARP forwarder"),
    (r"Testbed\.Proxy", "testbed-proxy's own (failover, statistics)"),
    (r"System\.Diagnostics\.(Activity|DiagnosticListener|Metrics)|HostingApplicationDiagnostics", "diagnostics: Activity, metrics"),
    (r"Microsoft\.Extensions\.Logging", "logging"),
    (r"Microsoft\.AspNetCore\.(Routing|Builder|Http|Hosting|HostFiltering|Authorization)|Microsoft\.Extensions\.DependencyInjection",
     "routing, middleware, hosting"),
    (r"System\.Threading\.(ThreadPool|PortableThreadPool|LowLevel|Thread::|WaitSubsystem|Lock)", "thread pool (dispatch, wake-ups, spinning)"),
]


def read_samples(path):
    samples, current = [], None
    for line in open(path, errors="replace"):
        if not line.strip():
            if current:
                samples.append(current)
            current = None
        elif not line.startswith("\t"):
            current = []
        elif current is not None:
            rest = line.strip().split(None, 1)[1] if " " in line.strip() else ""
            m = re.match(r"(.*) \(([^()]*)\)$", rest)
            current.append((m.group(1), m.group(2)) if m else (rest, ""))
    if current:
        samples.append(current)
    return samples


def classify(frames):
    leaf_dso = frames[0][1]
    if "kernel" in leaf_dso:
        # The system call is named in the kernel frames or in the libc wrapper just above them.
        stack = " ".join(sym for sym, _ in frames[:12])
        if re.search(r"sys_sendto|sys_recvfrom|sys_sendmsg|sys_recvmsg|__send|__libc_recv|__libc_send|recv|tcp_|sock_", stack):
            return "kernel: socket send/recv (loopback TCP, both connections)"
        if "epoll" in stack:
            return "kernel: epoll_wait"
        if re.search(r"sched_yield|futex|schedule|pthread_cond|__lll", stack):
            return "kernel: futex, sched_yield, scheduling (thread wake-ups, spinning)"
        return "kernel: other (page faults, timers, interrupts)"
    for sym, dso in frames:
        if "libclrjit" in dso:
            return "JIT"
        if dso.startswith("/tmp/perf-") or dso.endswith(".dll"):
            for pattern, name in MANAGED:
                if re.search(pattern, sym):
                    return name
    if "libcoreclr" in leaf_dso:
        return "runtime native without a managed frame (GC, allocation, stubs)"
    if "libc.so" in leaf_dso or "System.Native" in leaf_dso:
        return "libc/System.Native, caller lost (syscall wrappers, memcpy)"
    return "other managed (async machinery, collections, strings)"


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: proxy-perf-categories.py SCRIPT_TXT [CPU_US_PER_REQUEST]", file=sys.stderr)
        sys.exit(2)
    samples = [s for s in read_samples(sys.argv[1]) if s]
    per_request = float(sys.argv[2]) if len(sys.argv) == 3 else None
    counts = collections.Counter(classify(s) for s in samples)
    total = sum(counts.values())
    print("| category | share of samples |" + (" µs per request |" if per_request else ""))
    print("|---|---:|" + ("---:|" if per_request else ""))
    for name, n in counts.most_common():
        us = f" {per_request * n / total:.1f} |" if per_request else ""
        print(f"| {name} | {100 * n / total:.1f}% |{us}")
    print(f"\n{total} samples")


if __name__ == "__main__":
    main()
