#!/usr/bin/env bash
# Times the bulk import of an N-row CSV (default 50000) through POST /imports on the packaged
# application, and samples the JVM's resident memory while it runs. Creates a scratch database on
# the local PostgreSQL, starts the application (prod profile, heap capped at ${XMX:-128m} to show
# that memory does not grow with the file), imports a small file then the N-row file, prints the
# figures, then stops the application and drops the database.
#   bench/import-bench.sh [N]     (PGHOST/PGPORT/PGUSER as for psql; default 127.0.0.1:5432 postgres)
#   SKIP_BUILD=1 to reuse target/quarkus-app; XMX=256m to change the heap cap; BENCH_SMOKE=1: 100 then 500 rows.
# Then, while another file of N rows (50,000 at most) is imported, GraphQL enrollments into one of its centres are timed
# one after the other (issue 18: they must not wait for more than a chunk, whose transaction holds its centres' locks).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N="${1:-50000}"
SMALL=5000
# Learners registered through GraphQL: WARM enrolled before the import (a baseline, and the code warmed up), ENROLLS while it runs.
WARM=5; ENROLLS=40
if [ -n "${BENCH_SMOKE:-}" ]; then N="${1:-500}"; SMALL=100; WARM=1; ENROLLS=5; fi
CHUNK="${FORSA_IMPORT_CHUNK_SIZE:-2000}"  # the application's default (forsa.import.chunk-size)
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="forsa_bench_import_$$"
if [ "$N" -gt 100000 ]; then # a region's file: above the default limits (forsa.import.limits.max-rows, max-file-size)
  export FORSA_IMPORT_LIMITS_MAX_ROWS="$N" FORSA_IMPORT_MAX_FILE_SIZE=$(( N / 4000 + 10 ))M \
    QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=$(( N / 4000 + 20 ))M
  echo "N=$N is above the default limits: max-rows $N, max-file-size ${FORSA_IMPORT_MAX_FILE_SIZE} for this run"
fi
PORT="${PORT:-18$(( RANDOM % 900 + 100 ))}"
bench_work import
bench_java
cleanup() {
  bench_stop_app
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bench_build
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
bench_keys

echo "Starting the application on port $PORT (heap -Xmx${XMX:-128m})..."
bench_start_app "$DB" "-Xmx${XMX:-128m}"

# One association with 100 centres, inserted directly (no mutations for them here), with room for every row of the run
# (the small file, the N-row CSV, the N-row XLSX and the file imported alongside GraphQL: 2N + PROBE_N + SMALL open
# enrollments, plus the GraphQL enrollments, all in one centre), and at least 2000 each.
CAPACITY=$(( (3 * N + SMALL) / 100 + 1 + WARM + ENROLLS )); [ "$CAPACITY" -lt 2000 ] && CAPACITY=2000
ASSOC=$(psql -qAt -d "$DB" -c "INSERT INTO association (registration_number, name, province_code) VALUES
  ('REG-BENCH', 'Association bench', 'MAR') RETURNING id")
psql -q -d "$DB" -c "INSERT INTO center (code, name, association_id, province_code, capacity)
  SELECT 'BENCH-' || i, 'Centre ' || i, '$ASSOC', 'MAR', $CAPACITY FROM generate_series(1, 100) i" >/dev/null
# An enrollment needs an agreement in force covering its centre: one active agreement for the 100 centres.
psql -q -d "$DB" -c "WITH g AS (INSERT INTO agreement (reference, kind, status, academy_code, association_id, signed_on,
    starts_on, ends_on, budget, target_beneficiaries) SELECT 'CONV-BENCH', 'CENTER_MANAGEMENT', 'ACTIVE', p.academy_code,
    '$ASSOC', DATE '2025-06-01', DATE '2025-06-01', DATE '2028-06-30', 1000000, 200000 FROM province p WHERE p.code = 'MAR'
    RETURNING id)
  INSERT INTO agreement_center (agreement_id, center_id) SELECT g.id, c.id FROM g, center c" >/dev/null
TOKEN=$(bench_token ASSOCIATION_STAFF ",\"association\":\"$ASSOC\"")
GQL_CENTER=$(psql -qAt -d "$DB" -c "SELECT id FROM center WHERE code = 'BENCH-1'")

generate() { # rows, seed, file: learners aged 13-21 at enrollment, half with a MASSAR code
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys, datetime
n, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
letters = 'abcdefghijklmnopqrstuvwxyz'
word = lambda k: ''.join(rnd.choice(letters) for _ in range(k)).capitalize()
start = datetime.date(2004, 9, 16)
with open(path, 'w', encoding='utf-8') as f:
    f.write('\ufeffCode MASSAR;Prénom;Nom;Date de naissance;Sexe;Province de résidence;Téléphone du tuteur;'
            'Code du centre;Année scolaire;Volets;Date d\'inscription\n')
    for i in range(n):
        massar = 'K%09d' % (seed * 10_000_000 + i) if i % 2 == 0 else ''
        birth = start + datetime.timedelta(days=rnd.randrange(0, 8 * 365))
        f.write(';'.join([massar, word(rnd.randint(3, 10)), word(rnd.randint(4, 12)), birth.strftime('%d/%m/%Y'), rnd.choice('FM'), 'MAR',
                          '06%08d' % rnd.randrange(10**8), 'BENCH-%d' % (i % 100 + 1), '2025-2026',
                          'EDUCATIF|COMPETENCES_DE_VIE', '15/09/2025']) + '\n')
PY
}

IMPORT_ID=""  # the last import's id, set by run_import
run_import() { # file, label
  local file="$1" label="$2" peak=0 rss id status t0 t1 body
  t0=$(date +%s.%N)
  body=$(curl -s -H "Authorization: Bearer $TOKEN" -F "file=@$file" "localhost:$PORT/imports")
  id=$(jq -r .id <<<"$body"); status=$(jq -r .status <<<"$body")
  while [ "$status" = "RUNNING" ] || [ "$status" = "PENDING" ]; do
    rss=$(ps -o rss= -p "$APP_PID" | tr -d ' '); [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.5
    body=$(curl -s -H "Authorization: Bearer $TOKEN" "localhost:$PORT/imports/$id")
    status=$(jq -r .status <<<"$body")
  done
  t1=$(date +%s.%N)
  IMPORT_ID="$id"
  rss=$(ps -o rss= -p "$APP_PID" | tr -d ' '); [ "$rss" -gt "$peak" ] && peak=$rss
  printf '  %-28s %6d rows  %-9s  %6.1f s  %7.0f rows/s  created %6d learners / %6d enrollments, rejected %d; peak RSS %d MB\n' \
    "$label" "$(jq .totals.rows <<<"$body")" "$status" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$(jq .totals.rows <<<"$body") / ($t1 - $t0)" | bc -l)" \
    "$(jq .totals.learnersCreated <<<"$body")" "$(jq .totals.enrollmentsCreated <<<"$body")" \
    "$(jq .totals.rejected <<<"$body")" $((peak / 1024))
  if [ "$(jq .totals.rejected <<<"$body")" != 0 ]; then
    jq -r '"    first problems: " + ([.problems[:3][] | tostring] | join(" | "))' <<<"$body" 2>/dev/null || true
  fi
}

# GraphQL as a user of the association (the staff TOKEN). gql query file: the response in file, the time in ms on
# stdout; a request that got no answer at all (curl failing) prints -1 and leaves the file empty.
gql() {
  local t
  : >"$2"
  t=$(curl -s -o "$2" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data "$(jq -nc --arg q "$1" '{query: $q}')" "localhost:$PORT/graphql") || t=-0.001
  awk -v t="$t" 'BEGIN { printf "%.1f\n", t * 1000 }'
}
gql_error() { # file: the first error of a response (or what came instead of one), or nothing when it has none
  jq -r 'if (.errors | length) > 0 then .errors[0] | tostring else empty end' "$1" 2>/dev/null \
    || { printf 'not a GraphQL response: '; head -c 300 "$1"; echo; }
  [ -s "$1" ] || echo "no response"
}
# The learners to enroll, one per line in $WORK/learners.txt: distinct names and birth dates (no duplicate suspicion
# among them; the import's random names are nowhere near), 16 years old on the enrollment date, followed by ASSOC.
register_learners() { # count
  local i id letters=abcdefghijklmnopqrstuvwxyz
  : >"$WORK/learners.txt"
  for i in $(seq 1 "$1"); do
    gql "mutation { registerLearner(input: {firstName: \"Temoin\", lastName: \"Graphql ${letters:i / 26 % 26:1}${letters:i % 26:1}\",
      birthDate: \"$(date -d "2009-01-01 + $i days" +%F)\", sex: FEMALE, provinceOfResidenceCode: \"MAR\"}) { id } }" \
      "$WORK/gql.json" >/dev/null
    id=$(jq -r '.data.registerLearner.id // empty' "$WORK/gql.json" 2>/dev/null || true)
    [ -n "$id" ] || { echo "registerLearner failed: $(gql_error "$WORK/gql.json")"; exit 1; }
    echo "$id" >>"$WORK/learners.txt"
  done
}
# Enrolls learners (ids on stdin) one at a time into BENCH-1, appending "ms answered-at" per success to $1 (answered-at
# in seconds since the epoch, to compare with the import's end) and each failure's first error to $2.
enroll_each() { # times-file errors-file
  local id ms err
  while read -r id; do
    ms=$(gql "mutation { enroll(input: {learnerId: \"$id\", centerId: \"$GQL_CENTER\", schoolYear: \"2025-2026\",
      strands: [EDUCATIONAL, LIFE_SKILLS], enrolledOn: \"2025-09-15\"}) { id } }" "$WORK/enroll.json")
    err=$(gql_error "$WORK/enroll.json")
    if [ -z "$err" ] && [ "$(jq -r '.data.enroll.id // empty' "$WORK/enroll.json" 2>/dev/null || true)" != "" ]; then
      echo "$ms $(date +%s.%N)" >>"$1"
    else
      echo "learner $id: ${err:-no enrollment id in $(head -c 300 "$WORK/enroll.json")}" >>"$2"
    fi
  done
}
# Run in the background while the import runs: waits until a worker has taken the new import (job count above $1, no
# longer PENDING; 60 s at most), then enrolls the learners not warmed up.
enroll_during_import() { # jobs-before
  local _
  for _ in $(seq 1 600); do
    [ "$(psql -qAt -d "$DB" -c "SELECT count(*) FROM import_job WHERE status <> 'PENDING'" || echo 0)" -gt "$1" ] && break
    sleep 0.1
  done
  tail -n +$((WARM + 1)) "$WORK/learners.txt" | enroll_each "$WORK/during.txt" "$WORK/during-errors.txt"
}
ms_stats() { # file of "ms ..." lines: "p50 X ms, max Y ms"
  sort -n "$1" | awk '{ a[NR] = $1 } END { printf "p50 %.0f ms, max %.0f ms", a[int((NR + 1) / 2)], a[NR] }'
}

generate "$SMALL" 1 "$WORK/small.csv"
generate "$N" 2 "$WORK/large.csv"
PROBE_N=$(( N > 100000 ? 50000 : N ))  # the import that runs alongside the GraphQL enrollments
generate "$PROBE_N" 4 "$WORK/probe.csv"
echo "Files: $SMALL rows $(du -h "$WORK/small.csv" | cut -f1), $N rows $(du -h "$WORK/large.csv" | cut -f1)"
# The XLSX writer (fastexcel) from the packaged application's libraries.
ls target/quarkus-app/lib/main/*.jar | tr '\n' ':' >"$WORK/cp.txt"
XLSX=1
if [ "$N" -gt 100000 ]; then
  XLSX=""; echo "XLSX: skipped above 100,000 rows (a workbook's shared strings are held in memory: forsa.import.limits.max-shared-strings)"
else
  generate "$N" 3 "$WORK/other.csv"
  "$JAVA" -cp "$(cat "$WORK/cp.txt")" bench/ImportBenchXlsx.java "$WORK/other.csv" "$WORK/large.xlsx"
  echo "XLSX: $N other rows $(du -h "$WORK/large.xlsx" | cut -f1)"
fi
echo "Import through POST /imports + GET /imports/{id} (wall clock, upload included):"
run_import "$WORK/small.csv" "$SMALL-row CSV"
run_import "$WORK/large.csv" "$N-row CSV"
run_import "$WORK/large.csv" "$N-row CSV again (idempotent)"
[ -z "$XLSX" ] || run_import "$WORK/large.xlsx" "$N-row XLSX (new rows)"
# Last, on a file of its own (so that the figures above are the import's alone): GraphQL enrollments timed while it runs.
register_learners $((WARM + ENROLLS))
: >"$WORK/warm.txt"; : >"$WORK/warm-errors.txt"; : >"$WORK/during.txt"; : >"$WORK/during-errors.txt"
head -n "$WARM" "$WORK/learners.txt" | enroll_each "$WORK/warm.txt" "$WORK/warm-errors.txt"
# counted here, before the import starts (a command substitution on the background line would run in the background
# shell, possibly after a small import has already ended: it then waited its full minute for a job that never came)
JOBS_BEFORE=$(psql -qAt -d "$DB" -c "SELECT count(*) FROM import_job WHERE status <> 'PENDING'")
enroll_during_import "$JOBS_BEFORE" 2>"$WORK/during.stderr" &
ENROLL_PID=$!
run_import "$WORK/probe.csv" "$PROBE_N-row CSV + GraphQL"
wait "$ENROLL_PID" || echo "  (the GraphQL enrollments stopped early: $(tail -3 "$WORK/during.stderr" | tr '\n' ' '))"
# The chunk's time: the import's server time over its chunks (its log line comes just after its status).
for _ in $(seq 1 50); do grep -q "Import $IMPORT_ID: " "$WORK/app.log" && break; sleep 0.1; done
SERVER_MS=$(sed -n "s/.*Import $IMPORT_ID: \([0-9]*\) rows ([A-Z]*) in \([0-9]*\) ms;.*/\1 \2/p" "$WORK/app.log" | head -1)
CHUNK_MS="?"; CHUNK_ROWS=$(( PROBE_N < CHUNK ? PROBE_N : CHUNK ))
[ -z "$SERVER_MS" ] || CHUNK_MS=$(awk -v r="${SERVER_MS% *}" -v t="${SERVER_MS#* }" -v c="$CHUNK" \
  'BEGIN { n = int((r + c - 1) / c); printf "%.0f", t / (n > 0 ? n : 1) }')
# Requests answered before the import's end (finished_at, the server's clock: this machine's).
ENDED=$(psql -qAt -d "$DB" -c "SELECT extract(epoch FROM finished_at) FROM import_job WHERE id = '$IMPORT_ID'" || true)
ENROLL_FAILED=""
printf '  GraphQL enroll during the import: %d requests (%d answered before its end), %s (a chunk of %d rows holds its centres about %s ms)\n' \
  "$(wc -l <"$WORK/during.txt")" "$(awk -v e="${ENDED:-0}" '$2 <= e' "$WORK/during.txt" | wc -l)" \
  "$([ -s "$WORK/during.txt" ] && ms_stats "$WORK/during.txt" || echo "no answer")" "$CHUNK_ROWS" "$CHUNK_MS"
[ ! -s "$WORK/warm.txt" ] || echo "  GraphQL enroll without an import: $(wc -l <"$WORK/warm.txt") requests, $(ms_stats "$WORK/warm.txt")"
for f in warm-errors during-errors; do
  if [ -s "$WORK/$f.txt" ]; then
    ENROLL_FAILED=1; echo "  GraphQL enroll FAILED $(wc -l <"$WORK/$f.txt") times ($f), first: $(head -1 "$WORK/$f.txt")"
  fi
done
if [ "$(( $(wc -l <"$WORK/during.txt") + $(wc -l <"$WORK/during-errors.txt") ))" -ne "$ENROLLS" ]; then
  ENROLL_FAILED=1; echo "  GraphQL enroll: $(wc -l <"$WORK/during.txt") of $ENROLLS made during the import"
fi
grep -o 'Import .* commits [0-9]* ms' "$WORK/app.log" | sed 's/^/  server: /' || true
echo "Database: $(psql -At -d "$DB" -c "SELECT count(*) FROM learner") learners, $(psql -At -d "$DB" -c "SELECT count(*) FROM enrollment") enrollments, $(psql -At -d "$DB" -c "SELECT count(*) FROM audit_event WHERE action = 'IMPORT'") IMPORT events"
# A failed GraphQL enrollment makes the run fail (CI runs it), after every figure is printed.
[ -z "$ENROLL_FAILED" ] || exit 1
