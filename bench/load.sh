#!/usr/bin/env bash
# Load benchmark (not a test): gunicorn with the production settings on loopback, a seeded
# throwaway SQLite database, collectstatic into a temporary folder, then wrk measures
# requests/s and p50/p99 latency for a static file served by whitenoise (the ceiling) and
# for pages, cached and uncached, each printed as a ratio to the static file. Ends with a
# soak run (60 s, 50 connections, every URL in turn) that must see no error and no non-2xx.
#
#   bash bench/load.sh                       # about 5 minutes
#   BENCH_SECONDS=2 BENCH_ROUNDS=1 BENCH_SOAK_SECONDS=10 bash bench/load.sh   # a quick look
#   BENCH_REDIS_URL=redis://127.0.0.1:6379/14 bash bench/load.sh   # page cache on Redis
#
# Needs wrk (Debian: apt-get install wrk). Only 127.0.0.1 is ever contacted.
# Targets (docs/performance.md): cached pages ≥ 0.9× the static file, uncached home ≥ 0.10×.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-60}
SOAK_CONNECTIONS=${BENCH_SOAK_CONNECTIONS:-50}
WORKERS=${BENCH_WORKERS:-$(nproc)}
PYTHON=.venv/bin/python

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

tmp=$(mktemp -d -t nec-bench-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=nec_cms.settings.production
SECRET_KEY=$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(48))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="sqlite:///$tmp/bench.sqlite3"
export STATIC_ROOT="$tmp/static"
export MEDIA_ROOT="$tmp/media"
export NEC_PAGE_CACHE_DIR="$tmp/page-cache"
unset REDIS_URL
[ -n "${BENCH_REDIS_URL:-}" ] && export REDIS_URL="$BENCH_REDIS_URL"

echo "==> Seeded database, collectstatic (in $tmp)"
$PYTHON manage.py migrate --noinput --verbosity 0
$PYTHON manage.py load_nec_content --verbosity 0
$PYTHON manage.py collectstatic --noinput --verbosity 0
css=/static/$($PYTHON -c "import json,sys; print(json.load(open(sys.argv[1]))['paths']['css/nec.css'])" \
    "$STATIC_ROOT/staticfiles.json")

free_port() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() {  # $1 = port, $2 = page cache seconds (0: off)
    NEC_PAGE_CACHE_SECONDS=$2 .venv/bin/gunicorn nec_cms.wsgi --bind "127.0.0.1:$1" \
        --workers "$WORKERS" --error-logfile "$tmp/gunicorn-$1.log" --log-level warning &
    pids+=($!)
}
cached_port=$(free_port)
start_server "$cached_port" 300
uncached_port=$(free_port)
start_server "$uncached_port" 0

# The proxy in front of production speaks HTTPS and says so.
proxy_header="X-Forwarded-Proto: https"
for port in "$cached_port" "$uncached_port"; do
    for _ in $(seq 60); do
        curl -fs -o /dev/null -H "$proxy_header" "http://127.0.0.1:$port/healthz" && break
        sleep 0.5
    done
done

status_of() { curl -s -o /dev/null -w '%{http_code}' -H "$proxy_header" "$1"; }

run_wrk() {  # $1 = URL, $2 = seconds; prints "rps p50 p99 errors non2xx"
    wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 10s -H "$proxy_header" -s bench/wrk_report.lua "$1" \
        | grep '^RESULT' | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) requests=[0-9]+ errors=([0-9]+) non2xx=([0-9]+).*/\1 \2 \3 \4 \5/'
}

# Other work on the machine shifts every figure: each page is measured in ROUNDS short runs,
# each right after a run on the static file, and compared with those static runs only.
ROUNDS=${BENCH_ROUNDS:-3}
measure() {  # $1 = label, $2 = URL; appends "label|static rps|rps|p50|p99" rows to $tmp/runs
    for _ in 1 2 3; do curl -s -o /dev/null -H "$proxy_header" "$2"; done  # warm up
    wrk -t2 -c"$CONNECTIONS" -d2s -H "$proxy_header" "$2" >/dev/null
    local static page
    for _ in $(seq "$ROUNDS"); do
        read -r static _ <<<"$(run_wrk "$cached$css" "$SECONDS_PER_RUN")"
        page=$(run_wrk "$2" "$SECONDS_PER_RUN")
        read -r rps p50 p99 errors non2xx <<<"$page"
        if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then
            echo "!! $1: $errors socket errors, $non2xx non-2xx responses" >&2
        fi
        echo "$1|$static|$rps|$p50|$p99" >>"$tmp/runs"
    done
}

cached="http://127.0.0.1:$cached_port"
uncached="http://127.0.0.1:$uncached_port"
pages=("/" "/editions/2022-lens/")
labels=("home" "edition page")
# The library, filtered and searched, once it exists.
if [ "$(status_of "$cached/ressources/")" = 200 ]; then
    theme=$(curl -s -H "$proxy_header" "$cached/ressources/" \
        | grep -oE 'href="/ressources/\?[^"#]*theme=[^"#]+' | head -n 1 | sed 's/href="//; s/&amp;/\&/g' \
        || true)
    if [ -n "$theme" ] && [ "$(status_of "$cached$theme")" = 200 ]; then
        pages+=("$theme"); labels+=("library, filtered")
    fi
    pages+=("/ressources/?q=numerique"); labels+=("library, searched")
fi

echo "==> wrk: $ROUNDS × $SECONDS_PER_RUN s per page, $CONNECTIONS connections, $WORKERS gunicorn workers, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$tmp/runs"
measure "static file (whitenoise)" "$cached$css"
for i in "${!pages[@]}"; do
    measure "${labels[$i]}, cached" "$cached${pages[$i]}"
    measure "${labels[$i]}, uncached" "$uncached${pages[$i]}"
done

$PYTHON - "$tmp/runs" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    label, static, rps, p50, p99 = line.rstrip("\n").split("|")
    rows.setdefault(label, []).append(tuple(map(float, (static, rps, p50, p99))))
print(f"\n{'what':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9}")
for label, runs in rows.items():
    static = statistics.mean(run[0] for run in runs)
    rps = statistics.mean(run[1] for run in runs)
    p50 = statistics.median(run[2] for run in runs)
    p99 = statistics.median(run[3] for run in runs)
    print(f"{label:<30} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f} {rps / static:>9.2f}")
PY
echo
echo "==> Soak: $SOAK_SECONDS s, $SOAK_CONNECTIONS connections, every URL in turn (cached server)"
soak_paths="$css / /editions/ /editions/2022-lens/ /charte/ /plan-du-site/ /sitemap.xml /robots.txt"
for page in "${pages[@]}"; do soak_paths+=" $page"; done
soak=$(WRK_PATHS="$soak_paths" WRK_COUNT_STATUS=1 wrk -t2 -c"$SOAK_CONNECTIONS" \
    -d"${SOAK_SECONDS}s" --timeout 10s -H "$proxy_header" -s bench/wrk_report.lua "$cached/" \
    | grep '^RESULT')
echo "$soak"
if grep -q 'errors=0 non2xx=0' <<<"$soak"; then
    echo "Soak: 0 errors, 0 non-2xx."
else
    echo "Soak FAILED: errors or non-2xx responses (see $tmp/gunicorn-*.log)." >&2
    exit 1
fi
