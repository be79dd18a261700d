#!/usr/bin/env bash
# Checks the plan of every list and look-up Forsa runs, on the 100,000-learner demo data set: starts the packaged
# application (prod profile) on a scratch database filled by the demo generator, turns on PostgreSQL's auto_explain for
# that database only, sends every GraphQL list/look-up and export as each role, then reads the plans PostgreSQL logged
# and fails when one of them scans the learner or enrollment table sequentially. Prints one line per statement shape.
#   bench/explain.sh [LEARNERS]   (default 100000; PGHOST/PGPORT/PGUSER as for psql; PGLOG = the server's log file)
#   SKIP_BUILD=1 to reuse target/quarkus-app; KEEP_DB=1 to keep (and reuse) the generated database between runs.
#   BENCH_SMOKE=1: 300 demo learners (CI: the script still works).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N="${1:-100000}"
[ -n "${BENCH_SMOKE:-}" ] && N="${1:-300}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGLOG="${PGLOG:-$(psql -qAt -d postgres -c "SELECT CASE WHEN current_setting('logging_collector') = 'on'
  THEN current_setting('data_directory') || '/' || current_setting('log_directory') || '/' || pg_current_logfile() END" 2>/dev/null || true)}"
PGLOG="${PGLOG:-/var/log/postgresql/postgresql-15-main.log}"
DB="forsa_explain_$N"
PORT="${PORT:-18$(( RANDOM % 900 + 100 ))}"
bench_work explain
bench_java
cleanup() {
  bench_stop_app
  psql -q -d postgres -c "ALTER DATABASE $DB RESET ALL" >/dev/null 2>&1 || true
  [ -n "${KEEP_DB:-}" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -r "$PGLOG" ] || { echo "Cannot read the PostgreSQL log $PGLOG: set PGLOG to the server's log file."; exit 2; }
bench_build
bench_keys
token() { bench_token "$@"; }
start() { FORSA_DEMO_LEARNERS="$N" FORSA_DEMO_SEED=2025 bench_start_app "$DB"; }
stop() { bench_stop_app; }

if ! psql -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
  echo "Generating $N demo learners (first start)..."
fi
start   # generates the demo data into an empty database
stop
psql -q -d postgres -c "ALTER DATABASE $DB SET session_preload_libraries = 'auto_explain'" >/dev/null
psql -q -d postgres -c "ALTER DATABASE $DB SET auto_explain.log_min_duration = 0" >/dev/null
psql -q -d postgres -c "ALTER DATABASE $DB SET auto_explain.log_format = 'json'" >/dev/null
# vacuumed as autovacuum keeps a production database (the visibility map lets counts of every learner read an index
# alone); some machines here run PostgreSQL without autovacuum
psql -q -d "$DB" -c "VACUUM (ANALYZE)" >/dev/null
start   # new connections load auto_explain

q() { psql -qAt -d "$DB" -c "$1"; }
ASSOC=$(q "SELECT c.association_id FROM enrollment e JOIN center c ON c.id = e.center_id GROUP BY 1 ORDER BY count(*) DESC OFFSET 3 LIMIT 1")
CENTER=$(q "SELECT id FROM center WHERE association_id = '$ASSOC' LIMIT 1")
ACADEMY=$(q "SELECT p.academy_code FROM center c JOIN province p ON p.code = c.province_code WHERE c.id = '$CENTER'")
LEARNER=$(q "SELECT learner_id FROM enrollment WHERE center_id = '$CENTER' LIMIT 1")
# a MASSAR code every role below may look up (a learner enrolled in the chosen centre)
MASSAR=$(q "SELECT l.massar_code FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE e.center_id = '$CENTER' AND l.massar_code IS NOT NULL LIMIT 1")
AGREEMENT=$(q "SELECT id FROM agreement WHERE association_id = '$ASSOC' LIMIT 1")
NAME=$(q "SELECT split_part(name_key, ' ', 1) FROM learner WHERE id = '$LEARNER'")
declare -A TOKENS=(
  [admin]="$(token ADMIN '')" [ministry]="$(token MINISTRY '')"
  [officer]="$(token ACADEMY_OFFICER ",\"academy\":\"$ACADEMY\"")"
  [staff]="$(token ASSOCIATION_STAFF ",\"association\":\"$ASSOC\"")")

START_LINE=$(wc -l < "$PGLOG")
gql() { # role, document
  local body; body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$2")
  curl -s -o "$WORK/last.json" -w '%{http_code}' -H "Authorization: Bearer ${TOKENS[$1]}" -H 'Content-Type: application/json' \
    --data "$body" "localhost:$PORT/graphql" | grep -q 200 || { echo "HTTP error for $1: $2"; cat "$WORK/last.json"; exit 1; }
  if grep -q '"errors"' "$WORK/last.json"; then echo "GraphQL error for $1: $2"; cat "$WORK/last.json"; echo; exit 1; fi
}
rest() { curl -s -o /dev/null -H "Authorization: Bearer ${TOKENS[$1]}" "localhost:$PORT$2"; }

LEARNERS='totalCount pageInfo { endCursor } edges { node { id birthDate enrollments { schoolYear status center { name } outcomes { kind } } } }'
for role in admin ministry officer staff; do
  gql $role "{ agreements(first: 20) { totalCount edges { node { id reference association { name } centers { code } tranches { amount } progress { enrolled integrated } } } } }"
  gql $role "{ centers(first: 20) { totalCount edges { node { code occupancy enrollments(first: 5) { totalCount edges { node { id learner { id } } } } } } } }"
  gql $role "{ learners(first: 20) { $LEARNERS } }"
  gql $role "{ learners(first: 20, filter: {centerId: \"$CENTER\"}) { $LEARNERS } }"
  gql $role "{ learners(first: 20, filter: {academyCode: \"$ACADEMY\", sex: FEMALE}) { $LEARNERS } }"
  # MINISTRY reads learners as figures only: learner(id) is FORBIDDEN to it (docs/disclosure.md)
  [ $role = ministry ] || gql $role "{ learner(id: \"$LEARNER\") { id birthDate enrollments { id } } }"
  gql $role "{ agreement(id: \"$AGREEMENT\") { id reference association { name } } }"
  gql $role "{ statistics(groupBy: [ACADEMY, OUTCOME_KIND], filter: {schoolYear: \"2024-2025\"}) { keys { value } enrolled } }"
  gql $role "{ statistics(groupBy: [CENTER, SEX]) { keys { value } enrolled } }"
  gql $role "{ agreementsBehindTarget(first: 50) { enrolled } agreementsExpiring(withinDays: 365, first: 50) { id } }"
  gql $role "{ tranchesDue(from: \"2024-01-01\", to: \"2026-12-31\", first: 50) { tranche { id } } centersByOccupancy(over: false, first: 50) { occupancy } }"
  rest $role "/exports/agreements.csv"
  rest $role "/exports/statistics.csv?groupBy=ACADEMY,SEX"
done
for role in admin officer staff; do
  gql $role "{ learners(first: 20, filter: {search: \"$NAME\"}) { $LEARNERS } }"
  # an officer reads a learner's identity under an access grant only (docs/privacy-and-audit.md): NOT_FOUND without one
  [ $role = officer ] || gql $role "{ learnerByMassarCode(massarCode: \"$MASSAR\") { id } }"
done
# the second page of the unfiltered list (keyset cursor): ADMIN's (all learners) and a staff member's (its association's)
for role in admin staff; do
  gql $role "{ learners(first: 20) { pageInfo { endCursor } } }"
  AFTER=$(python3 -c 'import json; print(json.load(open("'"$WORK"'/last.json"))["data"]["learners"]["pageInfo"]["endCursor"])')
  gql $role "{ learners(first: 20, after: \"$AFTER\") { $LEARNERS } }"
done
sleep 1   # the server writes its log asynchronously

tail -n +"$((START_LINE + 1))" "$PGLOG" > "$WORK/postgres.log"
python3 - "$WORK/postgres.log" "$DB" <<'PY'
import json, os, re, sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
db = sys.argv[2]
entries = re.split(r'\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)', text)
plans, bad = {}, []
def scans(node, out):
    if node.get('Node Type') == 'Seq Scan':
        out.append(node.get('Relation Name'))
    for child in node.get('Plans', []):
        scans(child, out)
for e in entries:
    if f'@{db} ' not in e.split('\n', 1)[0] or 'duration:' not in e or '"Query Text"' not in e:
        continue
    body = e[e.index('{'):]
    try:
        doc = json.loads(body)
    except ValueError:
        continue
    query = ' '.join(doc['Query Text'].split())
    shape = re.sub(r"'[^']*'", "?", query)[:160]
    seq = []
    scans(doc['Plan'], seq)
    hit = sorted({s for s in seq if s in ('learner', 'enrollment')})
    plans[shape] = hit
    if hit:
        bad.append((hit, query))
for shape, hit in sorted(plans.items()):
    print(('SEQ SCAN ' + ','.join(hit) + ' | ' if hit else 'ok | ') + shape)
print(f'{len(plans)} statement shapes checked, {len(bad)} with a sequential scan of learner or enrollment')
if bad:
    for hit, query in bad[:5]:
        print('\n' + ','.join(hit) + ': ' + query[:2000])
    # smoke mode (a few hundred rows): PostgreSQL rightly scans such small tables; the plans are checked at full size
    sys.exit(0 if os.environ.get('BENCH_SMOKE') else 1)
if not plans:
    print('No plan found in the log: is logging to ' + sys.argv[1] + ' enabled?')
    sys.exit(1)
PY
