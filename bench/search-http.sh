#!/usr/bin/env bash
# Search over HTTP: the recall test's natural-language queries
# (tests/fixtures/search-queries.toml) against /api/v1/search of the release
# build, one request after another (1 connection) and at 8 connections, with
# `/healthz` of the same server measured in the same run as the reference
# (what the HTTP stack alone costs on this machine).
#
#   bench/search-http.sh [binary] [seconds]
#
# `binary` defaults to ./target/release/rustprep (built here); pass an older
# build to compare. Prints p50 and p99 latency, requests per second, the
# server's CPU time per request (user and system, from /proc: what a busy
# shared machine inflates least), and the load average next to them. Needs wrk
# (Debian package; installed if missing). Loopback only; output in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
seconds=${2:-10}
# A free port: other benchmarks may be running on this machine.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
out=bench/out/search-http
mkdir -p "$out"

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "$binary" ]; then
  cargo build --release --locked --quiet -p rustprep
  binary=./target/release/rustprep
fi

rm -rf "$out/data" && mkdir -p "$out/data"
RUST_LOG=warn "$binary" serve --addr "127.0.0.1:$port" --data-dir "$out/data" >"$out/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
kill -0 "$app" 2>/dev/null || { echo "the server did not start:" >&2; cat "$out/app.log" >&2; exit 1; }

# Every query of the fixture as a request path, cycled through by each wrk
# thread (a Lua script with the paths written in).
python3 - "$out/queries.lua" <<'PY'
import sys, tomllib, urllib.parse
with open("tests/fixtures/search-queries.toml", "rb") as f:
    queries = [case["text"] for case in tomllib.load(f)["query"]]
paths = ["/api/v1/search?q=" + urllib.parse.quote(q, safe="") for q in queries]
with open(sys.argv[1], "w") as lua:
    lua.write("local paths = {\n")
    lua.writelines("  %s,\n" % ('"' + p + '"') for p in paths)
    lua.write("}\nlocal i = 0\n")
    lua.write("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
PY
queries=$(grep -c '^  "' "$out/queries.lua")
sample=$(sed -n 's/^  "\(.*\)",$/\1/p;T;q' "$out/queries.lua")
first=$(curl -sf "http://127.0.0.1:$port$sample")
[[ $first == *'"slug"'* ]] || { echo "the first query finds nothing: $first" >&2; exit 1; }

# The server's CPU time so far, in clock ticks (100 a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }

# One round: prints "p50_ms p99_ms req/s requests".
round() {
  local connections=$1 threads=$2; shift 2
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" >"$out/wrk.txt"
  grep -q 'Non-2xx' "$out/wrk.txt" && { echo "non-2xx answers in this round" >&2; cat "$out/wrk.txt" >&2; exit 1; }
  awk 'function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v + 0 } sub(/s$/, "", v); return v * 1000 }
       $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
       / requests in / { requests = $1 }
       END { printf "%.3f %.3f %.0f %d\n", p50, p99, rps, requests }' "$out/wrk.txt"
}

printf '%s: %s queries from the recall fixture, wrk -d%ss\n' "$binary" "$queries" "$seconds"
printf '%-12s %5s %9s %9s %9s %11s   %s\n' route conns p50_ms p99_ms req/s cpu_us/req 'load average'
round 8 2 "http://127.0.0.1:$port/" -s "$out/queries.lua" >/dev/null # warm-up
for connections in 1 8; do
  threads=$((connections < 2 ? 1 : 2))
  for route in search healthz; do
    if [ "$route" = search ]; then
      set -- -s "$out/queries.lua" "http://127.0.0.1:$port/"
    else
      set -- "http://127.0.0.1:$port/healthz"
    fi
    before=$(cpu_ticks)
    round "$connections" "$threads" "$@" >"$out/round.txt"
    after=$(cpu_ticks)
    read -r p50 p99 rps requests <"$out/round.txt"
    cpu=$(awk -v t=$((after - before)) -v n="$requests" 'BEGIN { printf "%.0f", t * 10000 / n }')
    printf '%-12s %5s %9s %9s %9s %11s   %s\n' "$route" "$connections" "$p50" "$p99" "$rps" "$cpu" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
