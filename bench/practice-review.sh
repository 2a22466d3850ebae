#!/usr/bin/env bash
# The review queue under load (issue 11): `/practice/review` for a premium
# reader with 1,000 cards and 10,000 logged reviews, against the anonymous
# question page, in the same run, with the same load generator (wrk).
#
#   bench/practice-review.sh [seconds]
#
# The reader's 169 question cards come through the site ("add every question
# of a level"); the other 831 cards and the 10,000 reviews (90 days of them,
# 50 today) are written straight into the SQLite file while the server runs,
# as a reader's long history would have left them. Cards whose slug the bank
# does not know are read and skipped by the page, as after a question is
# retired. Prints req/s and p99 of the median of BENCH_REPEAT runs (default
# 3) and the ratio; issue 11 asks for at least 0.5x. Needs wrk and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-64}
repeat=${BENCH_REPEAT:-3}
port=18082
out=bench/out
base="http://127.0.0.1:$port"
mkdir -p "$out"
for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

cargo build --release --locked --quiet
rm -rf "$out/practice-data" && mkdir -p "$out/practice-data"
RUST_LOG=warn ./target/release/rustprep serve --addr "127.0.0.1:$port" --data-dir "$out/practice-data" >"$out/practice-app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

jar="$out/practice-cookies.txt"
rm -f "$jar"
csrf=$(curl -sf -c "$jar" -b "$jar" "$base/signup" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n1)
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "email=queue@example.com" \
  --data-urlencode "password=bench-practice-reader" "$base/signup"
./target/release/rustprep users --data-dir "$out/practice-data" grant queue@example.com --days 1 >/dev/null
for level in beginner intermediate senior; do
  curl -sf -o /dev/null -b "$jar" -H "Origin: $base" --data-urlencode "level=$level" "$base/practice/cards"
done

db="$out/practice-data/rustprep.db"
now=$(date +%s)
python3 - "$db" "$now" <<'PY'
import random, sqlite3, sys
db, now = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(db, timeout=30)
user = con.execute("SELECT id FROM users WHERE email = 'queue@example.com'").fetchone()[0]
have = con.execute("SELECT COUNT(*) FROM practice_cards WHERE user_id = ?", (user,)).fetchone()[0]
random.seed(11)
cards = [f"retired-question-{n}" for n in range(1000 - have)]
con.executemany(
    "INSERT INTO practice_cards (user_id, kind, slug, due, stability, difficulty, elapsed_days, scheduled_days,"
    " reps, lapses, state, last_review, added_at) VALUES (?, 'question', ?, ?, 12.5, 5.0, 3, 12, 6, 1, 2, ?, ?)",
    [(user, slug, now + random.randint(-5, 30) * 86400, now - 86400, now - 90 * 86400) for slug in cards],
)
# 10,000 reviews over 90 days, 50 of them today.
reviews = []
for n in range(10000):
    at = now - random.randint(0, 3600) if n < 50 else now - random.randint(1, 90) * 86400
    reviews.append((f"bench-review-{n}", user, random.choice(cards), random.randint(1, 4), at))
con.executemany(
    "INSERT INTO practice_reviews (id, user_id, kind, slug, grade, reviewed_at, elapsed_days, scheduled_days,"
    " state_before, state_after, stability_before, stability_after, difficulty_before, difficulty_after)"
    " VALUES (?, ?, 'question', ?, ?, ?, 3, 12, 2, 2, 10.0, 12.5, 5.0, 5.0)",
    reviews,
)
con.commit()
print(f"cards: {con.execute('SELECT COUNT(*) FROM practice_cards WHERE user_id = ?', (user,)).fetchone()[0]},"
      f" reviews: {con.execute('SELECT COUNT(*) FROM practice_reviews WHERE user_id = ?', (user,)).fetchone()[0]}")
PY
session=$(awk '$6 == "rp_session" {print $7}' "$jar")
curl -sf -H "Cookie: rp_session=$session" "$base/practice/review" | grep -q 'Show answer' ||
  { echo "the review page does not show a card" >&2; exit 1; }

round() {
  local url=$1; shift
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$out/wrk.txt"
  grep -q 'Non-2xx' "$out/wrk.txt" && { echo "non-2xx answers in this round" >&2; cat "$out/wrk.txt" >&2; exit 1; }
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$out/wrk.txt")
  echo "$rps $p99"
}
median() { sort -n | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }
: >"$out/anon.runs"; : >"$out/review.runs"
round "$base/questions/backpressure" >/dev/null # warm-up
for _ in $(seq "$repeat"); do
  round "$base/questions/backpressure" -H 'Accept-Encoding: gzip' >>"$out/anon.runs"
  round "$base/practice/review" -H 'Accept-Encoding: gzip' -H "Cookie: rp_session=$session" >>"$out/review.runs"
done
read -r anon_rps anon_p99 < <(median <"$out/anon.runs")
read -r review_rps review_p99 < <(median <"$out/review.runs")
printf 'wrk -t%s -c%s -d%ss, median of %s runs, load average %s\n' "$threads" "$connections" "$seconds" "$repeat" "$(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %10s %8s\n' page req/s p99_ms
printf '%-34s %10s %8s\n' "anonymous /questions/backpressure" "$anon_rps" "$anon_p99"
printf '%-34s %10s %8s\n' "premium /practice/review" "$review_rps" "$review_p99"
awk -v r="$review_rps" -v a="$anon_rps" 'BEGIN { printf "ratio: %.3fx (issue 11 asks for at least 0.5x)\n", r / a }'
