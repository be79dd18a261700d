#!/usr/bin/env bash
# Benchmark of the directorate's statistics at national scale.
# Generates demo data (default 1,000,000 learners / ~2,000,000 enrollments) into a scratch database on
# 127.0.0.1:5432, starts the packaged service in prod mode with a throw-away key pair, signs tokens with
# openssl and prints the median response time of statistics queries over HTTP.
#
#   bench/statistics.sh                  # build, generate, measure, drop the database
#   LEARNERS=20000 RUNS=11 bench/statistics.sh
#   KEEP_DB=1 bench/statistics.sh        # keep (and on the next run reuse) the generated database
#   SKIP_BUILD=1 bench/statistics.sh     # use the existing target/quarkus-app
#   BENCH_SMOKE=1 bench/statistics.sh    # 300 learners, 1 run of each query (CI: the script still works)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
if [ -n "${BENCH_SMOKE:-}" ]; then LEARNERS=${LEARNERS:-300}; RUNS=${RUNS:-1}; WARMUP=0; fi

LEARNERS=${LEARNERS:-1000000}
SEED=${SEED:-2025}
RUNS=${RUNS:-21}
DB=${BENCH_DB:-forsa_bench_${LEARNERS}}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
WARMUP=${WARMUP:-5}
PORT=${BENCH_PORT:-18$(( RANDOM % 900 + 100 ))}
export PGHOST PGPORT PGUSER
bench_work statistics
bench_java
cleanup() {
    bench_stop_app
    if [ -z "${KEEP_DB:-}" ]; then psql -qd postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

bench_build

if ! psql -qd postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    psql -qd postgres -c "CREATE DATABASE $DB"
fi

echo "== key pair and tokens"
bench_keys
ADMIN=$(bench_token ADMIN)
MINISTRY=$(bench_token MINISTRY)
OFFICER=$(bench_token ACADEMY_OFFICER ',"academy":"CS"')

echo "== starting the service on :$PORT (FORSA_DEMO_LEARNERS=$LEARNERS; generation happens once, at startup)"
started=$(date +%s)
FORSA_DEMO_LEARNERS=$LEARNERS FORSA_DEMO_SEED=$SEED bench_start_app "$DB"
echo "   ready after $(( $(date +%s) - started )) s"
grep -E "Demo data" "$WORK/app.log" | sed 's/^.*INFO  *//' || true
psql -qd "$DB" -tAc "SELECT format('   data: %s learners, %s enrollments, %s outcomes, %s centres, %s agreements',
    (SELECT count(*) FROM learner), (SELECT count(*) FROM enrollment), (SELECT count(*) FROM outcome),
    (SELECT count(*) FROM center), (SELECT count(*) FROM agreement))"

gql() { # token query -> prints time_total in ms; fails on GraphQL errors
    local body out
    body=$(printf '{"query":"%s"}' "$2")
    out=$(curl -s -o "$WORK/resp.json" -w '%{time_total}' "http://127.0.0.1:$PORT/graphql" \
        -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$body")
    if grep -q '"errors"' "$WORK/resp.json"; then echo "GraphQL error: $(head -c 400 "$WORK/resp.json")" >&2; exit 1; fi
    awk -v t="$out" 'BEGIN { printf "%.1f\n", t * 1000 }'
}
http() { # token url -> time_total in ms
    curl -s -o "$WORK/resp.bin" -w '%{time_total}' -H "Authorization: Bearer $1" "http://127.0.0.1:$PORT$2" \
        | awk '{ printf "%.1f\n", $1 * 1000 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
measure() { # label row-pattern command...
    local label=$1 pattern=$2; shift 2
    for _ in $(seq "$WARMUP"); do "$@" >/dev/null; done   # warm-up
    local times=()
    for _ in $(seq "$RUNS"); do times+=("$("$@")"); done
    local rows=""
    [ -f "$WORK/resp.json" ] && rows=$(grep -o "\"$pattern\"" "$WORK/resp.json" | wc -l || true)
    printf '   %-58s median %8s ms  (min %s, max %s; %s rows)\n' "$label" \
        "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" \
        "$(printf '%s\n' "${times[@]}" | sort -n | tail -1)" "$rows"
    rm -f "$WORK/resp.json"
}
S='statistics(groupBy: [%s]%s) { keys { dimension value } enrolled active completed droppedOut integrated integrationRate suppressed }'
q() { printf "{ $S }" "$1" "${2:-}"; }

echo "== statistics over HTTP ($RUNS runs each, after $WARMUP warm-up runs)"
measure "ADMIN    national ACADEMY x OUTCOME_KIND" keys      gql "$ADMIN"    "$(q 'ACADEMY, OUTCOME_KIND')"
measure "MINISTRY national ACADEMY x OUTCOME_KIND" keys      gql "$MINISTRY" "$(q 'ACADEMY, OUTCOME_KIND')"
measure "ADMIN    national CENTER x SCHOOL_YEAR" keys        gql "$ADMIN"    "$(q 'CENTER, SCHOOL_YEAR')"
measure "MINISTRY national CENTER x SCHOOL_YEAR" keys        gql "$MINISTRY" "$(q 'CENTER, SCHOOL_YEAR')"
measure "MINISTRY national SEX x AGE_BAND x STRAND" keys     gql "$MINISTRY" "$(q 'SEX, AGE_BAND, STRAND')"
measure "ADMIN    national (no grouping)" keys               gql "$ADMIN"    "$(q '')"
measure "OFFICER  CS PROVINCE x OUTCOME_KIND 2024-2025" keys gql "$OFFICER"  "$(q 'PROVINCE, OUTCOME_KIND' ', filter: {schoolYear: \"2024-2025\"}')"
measure "ADMIN    national CENTER x SEX (enrollment facts)" keys gql "$ADMIN" "$(q 'CENTER, SEX')"
measure "ADMIN    ACADEMY, enrolled Sep-Dec 2024 (facts)" keys gql "$ADMIN"  "$(q 'ACADEMY' ', filter: {from: \"2024-09-01\", to: \"2024-12-31\"}')"
echo "== directorate lists and exports"
measure "ADMIN    agreementsBehindTarget(first: 100)" enrolled gql "$ADMIN"    '{ agreementsBehindTarget(first: 100) { agreement { id } enrolled } }'
measure "ADMIN    agreementsExpiring(90)" id gql "$ADMIN"    '{ agreementsExpiring(withinDays: 90, first: 1000) { id } }'
measure "ADMIN    centersByOccupancy(over: true)" occupancy gql "$ADMIN"    '{ centersByOccupancy(over: true, first: 1000) { occupancy } }'
measure "MINISTRY GET /exports/statistics.xlsx CENTER,SCHOOL_YEAR" - http "$MINISTRY" '/exports/statistics.xlsx?groupBy=CENTER,SCHOOL_YEAR'
RUNS=$([ -n "${BENCH_SMOKE:-}" ] && echo 1 || echo 5) measure "ADMIN    GET /exports/agreements.csv (all)" - http "$ADMIN" '/exports/agreements.csv'
printf '   agreements.csv: %s bytes, %s lines\n' "$(wc -c < "$WORK/resp.bin")" "$(wc -l < "$WORK/resp.bin")"
