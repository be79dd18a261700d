#!/usr/bin/env bash
# Load on Forsa alone, over the same queries as ../shared/bench/postgraphile (q0 floor, q1 agreements page, q1p with
# progress, q2 a staff page of learners, q2a one centre's learners as ADMIN, q3 one agreement, q4 statistics,
# q5/q5n one learner with/without names): starts the packaged application (prod profile) on a scratch database filled
# by the demo generator, then runs wrk per query and prints req/s, p50 and p99 — so that a regression shows without
# the peer. Figures are for this machine only: compare runs made on the same machine with nothing else running.
#   bench/load.sh [LEARNERS]   (default 100000; DUR=seconds per query (10), WARM=seconds of warm-up per query (8),
#   CONNS="16 64", QUERIES="q0 q1 ...")
#   SKIP_BUILD=1 reuses target/quarkus-app; KEEP_DB=1 keeps (and reuses) the generated database;
#   BENCH_SMOKE=1: 300 learners, 1 s per query (CI checks that the script runs).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
DUR="${DUR:-10}"
WARM="${WARM:-8}"   # seconds of unmeasured load per query first
CONNS="${CONNS:-16 64}"
if [ -n "${BENCH_SMOKE:-}" ]; then N=300; DUR=1; CONNS=4; fi   # CI: the script still works
QUERIES="${QUERIES:-q0 q1 q1p q2 q2a q3 q4 q5 q5n}"
. bench/lib.sh
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="forsa_load_$N"
PORT="${PORT:-18$(( RANDOM % 900 + 100 ))}"
HAVE_WRK=1; command -v wrk >/dev/null || HAVE_WRK=
if [ -z "$HAVE_WRK" ] && [ -z "${BENCH_SMOKE:-}" ]; then echo "bench/load.sh needs wrk (apt-get install wrk)"; exit 2; fi
bench_work load
bench_java
cleanup() {
  bench_stop_app
  [ -n "${KEEP_DB:-}" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
bench_build
bench_keys
if ! psql -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
  echo "Generating $N demo learners (first start)..."
fi
FORSA_DEMO_LEARNERS="$N" FORSA_DEMO_SEED=2025 bench_start_app "$DB" ${JAVA_OPTS:--Xmx512m}
# Freshly generated rows are not yet in the visibility map nor in the statistics (autovacuum comes later): index-only
# scans would visit the table, and q1 ran at half its rate on the first run of a new database (as the kit vacuums).
psql -q -d "$DB" -c "VACUUM (ANALYZE)" >/dev/null

q() { psql -qAt -d "$DB" -c "$1"; }
ASSOC=$(q "SELECT c.association_id FROM enrollment e JOIN center c ON c.id = e.center_id GROUP BY 1 ORDER BY count(*) DESC OFFSET (SELECT count(DISTINCT center_id) / 4 FROM enrollment) LIMIT 1")
ASSOC=${ASSOC:-$(q "SELECT association_id FROM center LIMIT 1")}
CENTER=$(q "SELECT e.center_id FROM enrollment e JOIN center c ON c.id = e.center_id WHERE c.association_id = '$ASSOC' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
AGREEMENT=$(q "SELECT id FROM agreement ORDER BY reference OFFSET (SELECT count(*) / 2 FROM agreement) LIMIT 1")
LEARNER=$(q "SELECT learner_id FROM enrollment WHERE center_id = '$CENTER' LIMIT 1")
YEAR=$(q "SELECT school_year FROM enrollment GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
ADMIN=$(bench_token ADMIN)
STAFF=$(bench_token ASSOCIATION_STAFF ",\"association\":\"$ASSOC\"")

PROG='progress { enrolled active completed droppedOut integrated integrationRate beneficiaryTargetReached disbursed }'
Q1='agreements(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id reference status budget association { name } centers { code name capacity } tranches { amount status dueOn }'
PAGE='totalCount pageInfo { hasNextPage endCursor } edges { node { id firstName lastName birthDate sex enrollments { schoolYear status center { name } outcomes { followUpMonth kind } } } }'
declare -A DOC=(
  [q0]='{ me { roles } }'
  [q1]="{ $Q1 } } } }"
  [q1p]="{ $Q1 $PROG } } } }"
  [q2]="{ learners(first: 20) { $PAGE } }"
  [q2a]="{ learners(first: 20, filter: {centerId: \\\"$CENTER\\\"}) { $PAGE } }"
  [q3]="{ agreement(id: \\\"$AGREEMENT\\\") { id reference status budget endsOn association { name } } }"
  [q4]="{ statistics(groupBy: [ACADEMY, OUTCOME_KIND], filter: {schoolYear: \\\"$YEAR\\\"}) { keys { dimension value } enrolled active completed droppedOut integrated integrationRate suppressed } }"
  [q5]="{ learner(id: \\\"$LEARNER\\\") { id firstName lastName birthDate sex } }"
  [q5n]="{ learner(id: \\\"$LEARNER\\\") { id birthDate sex } }"
)
declare -A WHO=([q0]=admin [q1]=admin [q1p]=admin [q2]=staff [q2a]=admin [q3]=admin [q4]=admin [q5]=admin [q5n]=admin)

printf '%s learners · %s s per run · %s\n' "$N" "$DUR" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
# wrk's latencies include the time a request waits in the kernel and in wrk itself (one more process on the same two
# cores); 'srv' columns are the service's own, from its one log line per request (RequestLogging's durationMs).
printf '%-5s %4s %10s %9s %9s %7s %9s %9s\n' query conns 'req/s' 'p50 ms' 'p99 ms' 'non-2xx' 'srv p50' 'srv p99'
srv() { # first log line of the run: the service's p50 and p99 (ms) over the requests logged since
  tail -n +"$1" "$WORK/app.log" | { grep -o 'durationMs=[0-9]*' || true; } | cut -d= -f2 | sort -n \
    | awk '{a[NR]=$1} END {if (NR) printf "%s %s", a[int((NR-1)*.5)+1], a[int((NR-1)*.99)+1]; else printf "- -"}'
}
for name in $QUERIES; do
  tok=$ADMIN; [ "${WHO[$name]}" = staff ] && tok=$STAFF
  body="{\"query\": \"${DOC[$name]}\"}"
  # one request first: it must answer without errors
  curl -s -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' --data "$body" "localhost:$PORT/graphql" > "$WORK/$name.json"
  if ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(1 if d.get("errors") or not d.get("data") else 0)' "$WORK/$name.json"; then
    echo "$name answered with errors:"; head -c 600 "$WORK/$name.json"; echo; exit 1
  fi
  if [ -z "$HAVE_WRK" ]; then printf '%-5s answered (no wrk here: no load run)\n' "$name"; continue; fi
  cat > "$WORK/$name.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $tok"
wrk.body = [==[$body]==]
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status + summary.errors.timeout))
end
LUA
  # warm-up (the JIT compiles the query's path: with 2 s, compilation still took a third of a core in the measured run)
  [ -n "${BENCH_SMOKE:-}" ] || wrk -t2 -c16 -d"${WARM}s" -s "$WORK/$name.lua" "http://localhost:$PORT/graphql" >/dev/null 2>&1 || true
  for c in $CONNS; do
    from=$(( $(wc -l < "$WORK/app.log") + 1 ))
    line=$(wrk -t2 -c"$c" -d"${DUR}s" -s "$WORK/$name.lua" "http://localhost:$PORT/graphql" 2>/dev/null | grep '^RESULT' || true)
    read -r _ rps p50 p99 errs <<<"${line:-RESULT 0 0 0 -1}"
    read -r sp50 sp99 <<<"$(srv "$from")"
    printf '%-5s %4s %10s %9s %9s %7s %9s %9s\n' "$name" "$c" "$rps" "$p50" "$p99" "$errs" "$sp50" "$sp99"
  done
done
