#!/usr/bin/env bash
# Checks the pages as a person sees them, in headless Chromium: the live dashboard during a short
# testbed-load run, that run's --html report, a testbed-load compare page, a suite report, a
# testbed-suite compare page and testbed-suite's live page (--dashboard) during a short suite run. For each page it asserts, on the DOM after the page's scripts ran
# (chromium --dump-dom), that its charts rendered with data (SVG polylines with points, hover
# titles), that it references nothing outside itself, and it takes a screenshot.
#
# Usage: scripts/check-pages.sh [--pages LIST] [--only IDS] [--suite-run DIR] [--docs] [OUT_DIR]
#   OUT_DIR      where the screenshots go (default artifacts/check-pages)
#   --pages      comma-separated subset of dashboard,run-report,load-compare,suite-report,
#                suite-compare,suite-live (default all)
#   --only       the experiments of the two short suite runs behind suite-report and suite-compare
#                (default e2,e4), passed to testbed-suite --only
#   --suite-run  a finished suite run folder (results/<timestamp>/ of scripts/suite.sh): suite-report
#                is checked and shot from its report.html, rendered by the code that ran it,
#                instead of from a short run
#   --docs       then copies the screenshots shown in docs/ (dashboard, run-report, suite-report,
#                suite-live) over docs/*.png; suite-report only from --suite-run (docs/ shows a
#                whole quick run, not a short one)
# Needs chromium (installed with apt-get when missing). Traffic stays on 127.0.0.1.
# Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
ALL_PAGES=dashboard,run-report,load-compare,suite-report,suite-compare,suite-live
PAGES=$ALL_PAGES ONLY=e2,e4 SUITE_RUN="" DOCS=0 OUT_ARG=""
while (($#)); do
  case $1 in
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    --pages) [[ $# -ge 2 ]] || usage_error "--pages needs a list"; PAGES=$2; shift 2 ;;
    --only) [[ $# -ge 2 ]] || usage_error "--only needs experiment ids"; ONLY=$2; shift 2 ;;
    --suite-run) [[ $# -ge 2 ]] || usage_error "--suite-run needs a folder"; SUITE_RUN=$2; shift 2 ;;
    --docs) DOCS=1; shift ;;
    -*) usage_error "unknown option '$1'" ;;
    *) [[ -z $OUT_ARG ]] || usage_error "at most one output folder"; OUT_ARG=$1; shift ;;
  esac
done
for page in ${PAGES//,/ }; do
  [[ ",$ALL_PAGES," == *",$page,"* ]] || usage_error "--pages: '$page' is not one of $ALL_PAGES"
done
[[ -z $SUITE_RUN || -f $SUITE_RUN/report.html && -f $SUITE_RUN/results.json ]] || usage_error "--suite-run $SUITE_RUN: no report.html and results.json there"
[[ -z $SUITE_RUN ]] || SUITE_RUN=$(cd "$SUITE_RUN" && pwd)
# wanted PAGE: whether PAGE is among --pages.
wanted() { [[ ",$PAGES," == *",$1,"* ]]; }
OUT=$(mkdir -p "${OUT_ARG:-$ARTIFACTS/check-pages}" && cd "${OUT_ARG:-$ARTIFACTS/check-pages}" && pwd)
make_work check-pages
need chromium chromium
need curl curl

LOAD=$(build_project loadtests/Testbed.Load)
SERVER=$(build_project servers/Testbed.Servers)
SUITE=$(build_project loadtests/Testbed.Suite)
FAILED=0

chrome() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --user-data-dir="$(mktemp -d "$WORK/chrome.XXXXXX")" "$@" 2>/dev/null
}

# check NAME URL MIN_CHARTS [SHOT_URL]: dump the DOM after the page's scripts ran, assert charts
# with data and no outside reference, and take a screenshot of SHOT_URL (default URL).
check() {
  local name=$1 url=$2 min=$3 shot=${4:-$2} dom="$WORK/$1.dom.html" svgs drawn titles
  rm -f "$OUT/$name.png"
  chrome --window-size=1200,2000 --screenshot="$OUT/$name.png" "$shot" >/dev/null || true
  [[ -s "$OUT/$name.png" ]] || { echo "FAIL $name: no screenshot" >&2; FAILED=1; }
  # An open event stream never lets the page settle, so the DOM is taken after 3 s of virtual time.
  chrome --virtual-time-budget=3000 --dump-dom "$url" >"$WORK/$name.raw.html" || true
  # Count what the page drew, not the chart templates in its script.
  perl -0pe 's{<script\b.*?</script>}{}gs' "$WORK/$name.raw.html" >"$dom"
  svgs=$(grep -o '<svg' "$dom" | wc -l)
  drawn=$(grep -oE '<polyline[^>]*points="[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+|<rect[^>]*width="[1-9]' "$dom" | wc -l)
  titles=$(grep -o '<title>[^<]*: [0-9]' "$dom" | wc -l)
  if grep -qiE '(src|href)="(https?:)?//|@import|@font-face' "$dom"; then
    echo "FAIL $name: references something outside the page" >&2; FAILED=1
  fi
  if ((svgs < min || drawn == 0 || titles == 0)); then
    echo "FAIL $name: $svgs charts (want >= $min), $drawn drawn lines or bars, $titles hover values" >&2; FAILED=1
  else
    echo "ok   $name: $svgs charts, $drawn drawn lines or bars, $titles hover values"
  fi
}

"$SERVER" web --mode async --urls http://127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
track "$SERVER_PID"
TARGET=$(wait_ready "$WORK/server.out" testbed-server 30 "$SERVER_PID") || { cat "$WORK/server.err" >&2; exit 1; }

# 1. The live dashboard, during a 15 s run; then the run's report.
if wanted dashboard || wanted run-report || wanted load-compare; then
PORT=$(free_port)
"$LOAD" users "$TARGET/index" --users 20 --wait 10-50 --duration 15s --dashboard "$PORT" \
  --html "$WORK/run.html" --json "$WORK/run-a.json" -q 2>"$WORK/load.err" &
LOAD_PID=$!
track "$LOAD_PID"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done
sleep 4
# The screenshot uses ?snapshot, which opens no event stream: headless Chromium waits on an open one.
if wanted dashboard; then check dashboard "http://127.0.0.1:$PORT/" 4 "http://127.0.0.1:$PORT/?snapshot"; fi
wait "$LOAD_PID"
if wanted run-report; then check run-report "file://$WORK/run.html" 5; fi
fi

# 2. testbed-load compare of two runs.
if wanted load-compare; then
"$LOAD" users "$TARGET/index" --users 20 --wait 10-50 --duration 4s --json "$WORK/run-b.json" -q
"$LOAD" compare "$WORK/run-a.json" "$WORK/run-b.json" --out "$WORK/load-compare" >/dev/null
if grep -q '<td class="\(better\|worse\|noise\)">' "$WORK/load-compare/compare.html"; then echo "ok   load-compare: verdicts present"; else echo "FAIL load-compare" >&2; FAILED=1; fi
chrome --window-size=1200,900 --screenshot="$OUT/load-compare.png" "file://$WORK/load-compare/compare.html" >/dev/null || true
fi

# 3. A suite report (short experiments, or --suite-run's), and testbed-suite compare of two short runs.
RUNS=()
if wanted suite-compare; then RUNS=(a b); elif wanted suite-report && [[ -z $SUITE_RUN ]]; then RUNS=(a); fi
for run in "${RUNS[@]}"; do
  "$SUITE" --only "$ONLY" --out "$WORK/suite-$run" --load-exe "$LOAD" --server-exe "$SERVER" >"$WORK/suite-$run.log" 2>&1 || true
  [[ -n $(find "$WORK/suite-$run" -mindepth 2 -maxdepth 2 -name report.html 2>/dev/null) ]] \
    || { echo "FAIL the suite run --only $ONLY wrote no report" >&2; tail -n 20 "$WORK/suite-$run.log" >&2; exit 1; }
done
if wanted suite-report; then
  if [[ -n $SUITE_RUN ]]; then
    # At least one chart per experiment the run holds.
    min=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["experiments"]))' "$SUITE_RUN/results.json")
    check suite-report "file://$SUITE_RUN/report.html" "$min"
  else
    # At least 4 charts for the default e2,e4 (each draws two or more); one per experiment of another --only.
    min=4
    [[ $ONLY == e2,e4 ]] || min=$(tr ',' '\n' <<<"$ONLY" | grep -c .)
    check suite-report "file://$(find "$WORK/suite-a" -mindepth 1 -maxdepth 1 -type d | head -n1)/report.html" "$min"
  fi
fi
if wanted suite-compare; then
A=$(find "$WORK/suite-a" -mindepth 1 -maxdepth 1 -type d | head -n1)/
B=$(find "$WORK/suite-b" -mindepth 1 -maxdepth 1 -type d | head -n1)/
"$SUITE" compare "$A" "$B" --out "$WORK/suite-compare" >/dev/null
if grep -q '<td class="\(better\|worse\|noise\)">' "$WORK/suite-compare/compare.html"; then echo "ok   suite-compare: verdicts present"; else echo "FAIL suite-compare" >&2; FAILED=1; fi
chrome --window-size=1200,1400 --screenshot="$OUT/suite-compare.png" "file://$WORK/suite-compare/compare.html" >/dev/null || true
fi

# 4. testbed-suite --dashboard during a short suite run: one experiment whose 20 s step is split over
#    2 generators; the suite's one address shows generator 1's live page under the suite's banner.
if wanted suite-live; then
mkdir -p "$WORK/live-experiments"
cat >"$WORK/live-experiments/l1-live.json" <<'JSON'
{
  "id": "l1", "name": "live", "title": "A step to watch",
  "parameters": { "quick": {}, "full": {} },
  "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
  "steps": [ { "name": "watched", "role": "web", "path": "/index", "profile": "users", "args": ["--users", "20", "--wait", "10-50", "--duration", "20s"], "generators": 2 } ],
  "claims": [ { "id": "ran", "text": "requests completed", "expr": "watched.completed > 0" } ]
}
JSON
SUITE_PORT=$(free_port)
"$SUITE" --experiments "$WORK/live-experiments" --out "$WORK/suite-live" --load-exe "$LOAD" --server-exe "$SERVER" \
  --dashboard "$SUITE_PORT" >"$WORK/suite-live.log" 2>&1 &
SUITE_PID=$!
track "$SUITE_PID"
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$SUITE_PORT/" 2>/dev/null | grep -q '<title>testbed-load dashboard' && break; sleep 0.2; done
sleep 4
check suite-live "http://127.0.0.1:$SUITE_PORT/" 4 "http://127.0.0.1:$SUITE_PORT/?snapshot"
if grep -q 'id="suite-step">watched<' "$WORK/suite-live.dom.html" && grep -q 'href="/g/2/"' "$WORK/suite-live.dom.html"; then
  echo "ok   suite-live: the suite's banner names the step and links generator 2"
else
  echo "FAIL suite-live: no banner naming the step in progress" >&2; FAILED=1
fi
wait "$SUITE_PID" || { echo "FAIL suite-live: the suite run failed" >&2; tail -n 20 "$WORK/suite-live.log" >&2; FAILED=1; }
fi

echo "screenshots in $OUT"
# 5. --docs: the screenshots docs/ shows, from this run's pages (only when every check passed).
if ((DOCS)); then
  ((FAILED == 0)) || { echo "not copying into docs/: a check failed" >&2; exit 1; }
  for page in dashboard run-report suite-report suite-live; do
    wanted "$page" && [[ -s $OUT/$page.png ]] || continue
    if [[ $page == suite-report && -z $SUITE_RUN ]]; then
      echo "docs/suite-report.png kept: it shows a whole quick run; re-shoot it with --suite-run results/<timestamp>" >&2
      continue
    fi
    cp "$OUT/$page.png" "docs/$page.png"
    echo "docs/$page.png re-shot"
  done
fi
exit "$FAILED"
