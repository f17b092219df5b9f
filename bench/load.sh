#!/usr/bin/env bash
# Load benchmark (not a test), laid out as in production: gunicorn (production settings,
# 2 workers) on a seeded throwaway SQLite database with collected static files, and Varnish in
# front of it with the repository's VCL (deploy/varnish/). wrk measures requests/s and p50/p99
# latency, each page against a static file served the same way:
#   - cached pages through Varnish, against a static file through the same Varnish;
#   - uncached pages from gunicorn directly, against whitenoise's static file from gunicorn.
# Ends with a soak run through Varnish (every URL in turn) that must see no error and no
# non-2xx, then the same traffic while an editor publishes every few seconds
# (bench/publish_during_traffic.py): every visit right after a publish must show it.
#
#   bash bench/load.sh                                                       # about 7 minutes
#   BENCH_SECONDS=2 BENCH_ROUNDS=1 BENCH_SOAK_SECONDS=10 BENCH_PUBLISH_SECONDS=10 \
#       bash bench/load.sh                                                   # a quick look
#
# Needs wrk and varnish (Debian: apt-get install wrk varnish). Only 127.0.0.1 is contacted.
# Targets (docs/performance.md): cached pages ≥ 0.9× the static file through Varnish, the
# uncached home ≥ 0.15× whitenoise's static file through gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-60}
SOAK_CONNECTIONS=${BENCH_SOAK_CONNECTIONS:-50}
WORKERS=${BENCH_WORKERS:-2}
ROUNDS=${BENCH_ROUNDS:-3}
PYTHON=.venv/bin/python
VARNISHD=${VARNISHD:-$(command -v varnishd || echo /usr/sbin/varnishd)}
VARNISHSTAT=$(command -v varnishstat || echo /usr/bin/varnishstat)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -x "$VARNISHD" ] || { echo "varnishd is missing: apt-get install -y varnish" >&2; exit 2; }

# Varnish's unprivileged user must reach its working folder.
tmp=$(mktemp -d -t nec-bench-XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
    [ -f "$tmp/varnishd.pid" ] && kill "$(cat "$tmp/varnishd.pid")" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
varnish_port=$(free_port)

export DJANGO_SETTINGS_MODULE=nec_cms.settings.production
SECRET_KEY=$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(48))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="sqlite:///$tmp/bench.sqlite3"
export STATIC_ROOT="$tmp/static"
export MEDIA_ROOT="$tmp/media"
unset REDIS_URL NEC_VARNISH_URLS

echo "==> Seeded database, collectstatic (in $tmp)"
$PYTHON manage.py migrate --noinput --verbosity 0
$PYTHON manage.py load_nec_content --verbosity 0
$PYTHON manage.py collectstatic --noinput --verbosity 0
css=/static/$($PYTHON -c "import json,sys; print(json.load(open(sys.argv[1]))['paths']['css/nec.css'])" \
    "$STATIC_ROOT/staticfiles.json")

echo "==> gunicorn ($WORKERS workers) on 127.0.0.1:$app_port, Varnish on 127.0.0.1:$varnish_port"
NEC_VARNISH_URLS="http://127.0.0.1:$varnish_port" .venv/bin/gunicorn nec_cms.wsgi --bind "127.0.0.1:$app_port" --workers "$WORKERS" \
    --error-logfile "$tmp/gunicorn.log" --log-level warning &
pids+=($!)
NEC_APP_SERVERS="127.0.0.1:$app_port" NEC_HEALTHZ_HOST=127.0.0.1 \
    python3 deploy/varnish/configure.py >"$tmp/default.vcl"
"$VARNISHD" -a "127.0.0.1:$varnish_port" -f "$tmp/default.vcl" -n "$tmp/varnishd" \
    -P "$tmp/varnishd.pid" -s malloc,256m >/dev/null

# The TLS proxy in front of Varnish says the request came over HTTPS; browsers accept gzip
# (Varnish stores pages compressed, whitenoise has compressed static files).
headers=(-H "X-Forwarded-Proto: https" -H "Accept-Encoding: gzip")
app="http://127.0.0.1:$app_port"
cached="http://127.0.0.1:$varnish_port"
for url in "$app" "$cached"; do
    for _ in $(seq 60); do
        curl -fs -o /dev/null "${headers[@]}" "$url/healthz" && continue 2
        sleep 0.5
    done
    echo "$url/healthz never answered (see $tmp/gunicorn.log)" >&2
    exit 1
done

status_of() { curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$1"; }

run_wrk() {  # $1 = URL, $2 = seconds; prints "rps p50 p99 errors non2xx requests"
    wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 10s "${headers[@]}" -s bench/wrk_report.lua "$1" \
        | grep '^RESULT' | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) requests=([0-9]+) errors=([0-9]+) non2xx=([0-9]+).*/\1 \2 \3 \5 \6 \4/'
}

# Requests/s move with whatever else runs on the machine; the CPU time the server spends per
# request much less. Servers: gunicorn's workers, or Varnish's child process.
server_pids() {  # $1 = URL
    case "$1" in
        "$app"*) pgrep -P "${pids[0]}" | tr '\n' ' ' ;;
        *) pgrep -P "$(cat "$tmp/varnishd.pid")" | tr '\n' ' ' ;;
    esac
}
cpu_ticks() {  # clock ticks (user + system) used so far by the given processes
    local total=0 pid fields
    for pid in "$@"; do
        read -r -a fields <"/proc/$pid/stat"
        total=$((total + fields[13] + fields[14]))
    done
    echo "$total"
}
TICK_MS=$((1000 / $(getconf CLK_TCK)))

# Other work on the machine shifts every figure: each page is measured in ROUNDS short runs,
# each right after a run on its static file, and compared with those static runs only.
measure() {  # $1 = label, $2 = URL, $3 = static file URL served the same way
    local paths=""  # a search is measured over varied queries, never one repeated
    [[ "$2" == *"$SEARCHES_URL" ]] && paths="$searches"
    for _ in 1 2 3; do curl -s -o /dev/null "${headers[@]}" "$2"; done  # warm up
    WRK_PATHS="$paths" wrk -t2 -c"$CONNECTIONS" -d2s "${headers[@]}" -s bench/wrk_report.lua "$2" >/dev/null
    local static page servers before cpu_ms
    read -r -a servers <<<"$(server_pids "$2")"
    for _ in $(seq "$ROUNDS"); do
        read -r static _ <<<"$(run_wrk "$3" "$SECONDS_PER_RUN")"
        before=$(cpu_ticks "${servers[@]}")
        page=$(WRK_PATHS="$paths" run_wrk "$2" "$SECONDS_PER_RUN")
        read -r rps p50 p99 errors non2xx requests <<<"$page"
        cpu_ms=$($PYTHON -c "import sys; print(int(sys.argv[1]) * $TICK_MS / max(int(sys.argv[2]), 1))" \
            "$(($(cpu_ticks "${servers[@]}") - before))" "$requests")
        if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then
            echo "!! $1: $errors socket errors, $non2xx non-2xx responses" >&2
        fi
        echo "$1|$static|$rps|$p50|$p99|$cpu_ms" >>"$tmp/runs"
    done
}

pages=("/" "/editions/2022-lens/")
SEARCHES_URL="/ressources/?q=numerique"
searches=""
for words in numerique mediation inclusion tiers-lieux donnees territoires formation aidants \
    accessibilite communs logiciel+libre sobriete ecoconception guide fiche outil \
    collectivites elus associations jeunes seniors handicap emploi demarches france+services \
    reseau cartographie wifi cybersecurite ia education ecole parentalite sante culture \
    bibliotheque numerique+responsable inclusion+numerique mediateurs; do
    searches+=" /ressources/?q=$words"
done
labels=("home" "edition page")
if [ "$(status_of "$app/ressources/")" = 200 ]; then
    theme=$(curl -s --compressed "${headers[@]}" "$app/ressources/" \
        | grep -oE 'href="/ressources/\?[^"#]*theme=[^"#]+' | head -n 1 | sed 's/href="//; s/&amp;/\&/g' \
        || true)
    if [ -n "$theme" ] && [ "$(status_of "$app$theme")" = 200 ]; then
        pages+=("$theme"); labels+=("library, filtered")
    fi
    read -r -a search_list <<<"$searches"
    pages+=("$SEARCHES_URL"); labels+=("library, searched (${#search_list[@]} queries)")
fi

echo "==> wrk: $ROUNDS × $SECONDS_PER_RUN s per page, $CONNECTIONS connections, $WORKERS gunicorn workers, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$tmp/runs"
measure "static file, Varnish" "$cached$css" "$cached$css"
for i in "${!pages[@]}"; do
    measure "${labels[$i]}, Varnish" "$cached${pages[$i]}" "$cached$css"
done
measure "static file, gunicorn" "$app$css" "$app$css"
for i in "${!pages[@]}"; do
    measure "${labels[$i]}, uncached" "$app${pages[$i]}" "$app$css"
done

hits=$("$VARNISHSTAT" -1 -f MAIN.cache_hit -n "$tmp/varnishd" 2>/dev/null \
    | awk '{print $2}' || true)
misses=$("$VARNISHSTAT" -1 -f MAIN.cache_miss -n "$tmp/varnishd" 2>/dev/null \
    | awk '{print $2}' || true)

$PYTHON - "$tmp/runs" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    label, *values = line.rstrip("\n").split("|")
    rows.setdefault(label, []).append(tuple(map(float, values)))
print(f"\n{'what':<42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9} {'CPU ms':>7}")
for label, runs in rows.items():
    static = statistics.mean(run[0] for run in runs)
    rps = statistics.mean(run[1] for run in runs)
    p50 = statistics.median(run[2] for run in runs)
    p99 = statistics.median(run[3] for run in runs)
    cpu = statistics.median(run[4] for run in runs)
    print(f"{label:<42} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f} {rps / static:>9.2f} {cpu:>7.3f}")
print("\nRatios: pages through Varnish against the static file through Varnish; uncached pages")
print("(gunicorn directly) against whitenoise's static file through gunicorn. CPU ms: CPU time")
print("of the server (Varnish's child, or gunicorn's workers) per request.")
PY
echo "Varnish: ${hits:-?} hits, ${misses:-?} misses."
echo
echo "==> Soak: $SOAK_SECONDS s, $SOAK_CONNECTIONS connections, every URL in turn, through Varnish"
soak_paths="$css / /editions/ /editions/2022-lens/ /charte/ /plan-du-site/ /sitemap.xml /robots.txt"
for page in "${pages[@]}"; do soak_paths+=" $page"; done
soak=$(WRK_PATHS="$soak_paths" WRK_COUNT_STATUS=1 wrk -t2 -c"$SOAK_CONNECTIONS" \
    -d"${SOAK_SECONDS}s" --timeout 10s "${headers[@]}" -s bench/wrk_report.lua "$cached/" \
    | grep '^RESULT')
echo "$soak"
if grep -q 'errors=0 non2xx=0' <<<"$soak"; then
    echo "Soak: 0 errors, 0 non-2xx."
else
    echo "Soak FAILED: errors or non-2xx responses (see $tmp/gunicorn.log)." >&2
    exit 1
fi

# The same traffic while an editor publishes every PUBLISH_INTERVAL seconds: each publish
# empties Varnish, so the pages visitors ask for render again, and the first visit after a
# publish must already show it.
PUBLISH_SECONDS=${BENCH_PUBLISH_SECONDS:-30}
PUBLISH_INTERVAL=${BENCH_PUBLISH_INTERVAL:-3}
echo
echo "==> Soak while an editor publishes every $PUBLISH_INTERVAL s: $PUBLISH_SECONDS s, $SOAK_CONNECTIONS connections"
WRK_PATHS="$soak_paths" WRK_COUNT_STATUS=1 wrk -t2 -c"$SOAK_CONNECTIONS" -d"${PUBLISH_SECONDS}s" \
    --timeout 10s "${headers[@]}" -s bench/wrk_report.lua "$cached/" >"$tmp/publish-soak" &
wrk_pid=$!
published=0
NEC_VARNISH_URLS="$cached" $PYTHON bench/publish_during_traffic.py "$cached" \
    "$((PUBLISH_SECONDS - 2))" "$PUBLISH_INTERVAL" || published=$?
wait "$wrk_pid"
soak=$(grep '^RESULT' "$tmp/publish-soak")
echo "$soak"
if [ "$published" != 0 ] || ! grep -q 'errors=0 non2xx=0' <<<"$soak"; then
    echo "Soak while publishing FAILED: a stale visit after a publish, errors or non-2xx (see $tmp/gunicorn.log)." >&2
    exit 1
fi
echo "Soak while publishing: 0 errors, 0 non-2xx, every visit right after a publish fresh."
