#!/usr/bin/env bash
# Question page under load: rustprep (release build) against nginx serving the
# same bytes, in the same run, with the same load generator (wrk).
#
#   bench/question-page.sh [slug] [seconds]
#
# Rounds: uncompressed, then `Accept-Encoding: gzip` (nginx with gzip_static
# on the pre-compressed bytes rustprep sends), each for an anonymous reader,
# nginx, and a signed-in premium reader (one session lookup per request).
# Prints req/s, p99 latency, the ratio to nginx and the server's CPU time per
# request (rustprep, or nginx's master and workers; from /proc). Needs wrk and nginx
# (Debian packages; installed if missing). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
slug=${1:-backpressure}
seconds=${2:-10}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
port_app=18080
port_nginx=18081
out=bench/out
page="/questions/$slug"
mkdir -p "$out/www/questions"

for tool in wrk nginx; do
  command -v "$tool" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

cargo build --release --locked --quiet
rm -rf "$out/data" && mkdir -p "$out/data"
RUST_LOG=warn ./target/release/rustprep serve --addr "127.0.0.1:$port_app" --data-dir "$out/data" >"$out/app.log" 2>&1 &
app=$!
cleanup() {
  kill "$app" 2>/dev/null || true
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port_app/healthz" >/dev/null && break; sleep 0.1; done

# A premium reader: sign up through the form, then an operator grant.
jar="$out/cookies.txt"
rm -f "$jar"
csrf=$(curl -sf -c "$jar" -b "$jar" "http://127.0.0.1:$port_app/signup" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n1)
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "email=bench@example.com" \
  --data-urlencode "password=bench-premium-reader" "http://127.0.0.1:$port_app/signup"
./target/release/rustprep users --data-dir "$out/data" grant bench@example.com --days 1 >/dev/null
session=$(awk '$6 == "rp_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "could not sign in a premium reader" >&2; exit 1; }
# (Read whole before grep: `grep -q` stops at the first match and, under
# pipefail, curl's broken pipe would fail the check.)
premium_page=$(curl -sf -H "Cookie: rp_session=$session" "http://127.0.0.1:$port_app$page")
grep -q 'id="detailed_explanation"' <<<"$premium_page" ||
  { echo "the premium reader does not see the full answer" >&2; exit 1; }

# The same bytes for nginx: the page as rustprep serves it, and its gzip body.
curl -sf "http://127.0.0.1:$port_app$page" -o "$out/www/questions/$slug"
curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port_app$page" -o "$out/www/questions/$slug.gz"
cat >"$out/nginx.conf" <<CONF
worker_processes auto;
pid $PWD/$out/nginx.pid;
error_log $PWD/$out/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port_nginx;
    root $PWD/$out/www;
    default_type "text/html; charset=utf-8";
    gzip_static on;
    etag on;
  }
}
CONF
"$nginx_bin" -c "$PWD/$out/nginx.conf" -p "$PWD/$out"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port_nginx$page" >/dev/null && break; sleep 0.1; done
cmp <(curl -s "http://127.0.0.1:$port_app$page") <(curl -s "http://127.0.0.1:$port_nginx$page")
cmp <(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port_app$page") <(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port_nginx$page")

# One measurement: BENCH_REPEAT wrk runs (default 3), alternating with the
# other servers' runs by the caller; prints the median run's "req/s p99_ms".
# Two cores serve wrk and the server together, so single runs vary by
# +-15%; the median of several is what the ratios use.
repeat=${BENCH_REPEAT:-3}
# CPU time (user and system, clock ticks of 1/100 s) of the processes
# serving a port: rustprep, or nginx's master and workers. On a shared
# machine it varies far less than requests per second do.
cpu_ticks() {
  local pids=$app
  [ "$1" = "$port_nginx" ] && pids="$(cat "$out/nginx.pid") $(pgrep -P "$(cat "$out/nginx.pid")" | tr '\n' ' ')"
  for pid in $pids; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | awk '{ s += $1 } END { print s }'
}
round() {
  local url=$1; shift
  local port=${url#http://127.0.0.1:}; port=${port%%/*}
  local before; before=$(cpu_ticks "$port")
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$out/wrk.txt"
  local after; after=$(cpu_ticks "$port")
  local rps p99 cpu
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out/wrk.txt")
  cpu=$(awk -v t=$((after - before)) -v n="$(awk '/requests in/ {print $1}' "$out/wrk.txt")" 'BEGIN { printf "%.1f", t * 10000 / n }')
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$out/wrk.txt")
  grep -q 'Non-2xx' "$out/wrk.txt" && { echo "non-2xx answers in this round" >&2; cat "$out/wrk.txt" >&2; exit 1; }
  echo "$rps $p99 $cpu"
}
median() { sort -n | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }

printf '%s (%s B identity, %s B gzip), wrk -t%s -c%s -d%ss, median of %s runs\n' "$page" "$(stat -c%s "$out/www/questions/$slug")" "$(stat -c%s "$out/www/questions/$slug.gz")" "$threads" "$connections" "$seconds" "$repeat"
printf '%-10s %-9s %12s %10s %8s %11s\n' encoding reader req/s p99_ms vs_nginx cpu_us/req
for encoding in identity gzip; do
  header=()
  [ "$encoding" = gzip ] && header=(-H 'Accept-Encoding: gzip')
  round "http://127.0.0.1:$port_app$page" "${header[@]}" >/dev/null # warm-up
  : >"$out/app.runs"; : >"$out/ngx.runs"; : >"$out/pre.runs"
  for _ in $(seq "$repeat"); do
    round "http://127.0.0.1:$port_app$page" "${header[@]}" >>"$out/app.runs"
    round "http://127.0.0.1:$port_nginx$page" "${header[@]}" >>"$out/ngx.runs"
    round "http://127.0.0.1:$port_app$page" "${header[@]}" -H "Cookie: rp_session=$session" >>"$out/pre.runs"
  done
  read -r app_rps app_p99 app_cpu < <(median <"$out/app.runs")
  read -r ngx_rps ngx_p99 ngx_cpu < <(median <"$out/ngx.runs")
  read -r pre_rps pre_p99 pre_cpu < <(median <"$out/pre.runs")
  printf '%-10s %-9s %12s %10s %8s %11s\n' "$encoding" nginx "$ngx_rps" "$ngx_p99" 1.00x "$ngx_cpu"
  for row in "anonymous $app_rps $app_p99 $app_cpu" "premium $pre_rps $pre_p99 $pre_cpu"; do
    set -- $row
    awk -v e="$encoding" -v who="$1" -v r="$2" -v p="$3" -v c="$4" -v n="$ngx_rps" \
      'BEGIN { printf "%-10s %-9s %12s %10s %7.2fx %11s\n", e, who, r, p, r / n, c }'
  done
done
