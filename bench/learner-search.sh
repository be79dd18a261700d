#!/usr/bin/env bash
# Times the learners list and name search on a registry of N learners (default 200000; the design
# target is 10^6). Creates a scratch database on the local PostgreSQL, applies the migrations with
# psql, fills it with generated learners and enrollments, prints the server-side execution time of
# the statements LearnerQueries sends, then drops the database.
#   bench/learner-search.sh [N]      (PGHOST/PGPORT/PGUSER as for psql; default 127.0.0.1:5432 postgres)
#   BENCH_SMOKE=1: 2000 learners (CI: the script still works)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N="${1:-200000}"
RUNS=5
[ -n "${BENCH_SMOKE:-}" ] && N="${1:-2000}" && RUNS=1
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="forsa_bench_learners_$$"
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
[ -n "${KEEP:-}" ] || trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT
bench_migrate "$DB"

echo "Generating $N learners with one enrollment each in 1000 centres of 500 associations..."
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL >/dev/null
INSERT INTO association (registration_number, name, province_code)
SELECT 'REG-' || i, 'Association ' || i, (SELECT code FROM province ORDER BY code OFFSET (i % 75) LIMIT 1)
FROM generate_series(1, 500) i;
INSERT INTO center (code, name, association_id, province_code, capacity)
SELECT 'C-' || i, 'Centre ' || i, a.id, a.province_code, 100000
FROM generate_series(1, 1000) i JOIN LATERAL (SELECT id, province_code FROM association ORDER BY registration_number
     OFFSET (i % 500) LIMIT 1) a ON true;
CREATE TEMP TABLE fn(i int, n text);
INSERT INTO fn SELECT ordinality, n FROM unnest(ARRAY['amina','zineb','fatima','khadija','salma','imane','hajar',
  'meryem','nora','sara','youssef','mohamed','ahmed','omar','hamza','yassine','ayoub','mehdi','anas','karim',
  'ilyas','soufiane','rachid','hicham','adil','hiba','ghizlane','loubna','wiam','chaimae']) WITH ORDINALITY AS t(n);
CREATE TEMP TABLE ln(i int, n text);
INSERT INTO ln SELECT ordinality, n FROM unnest(ARRAY['bennani','alaoui','idrissi','tazi','fassi','berrada','chraibi',
  'elamrani','benjelloun','ouahmane','ait','lahlou','sqalli','kettani','naciri','bouzid','haddad','amrani','ziani',
  'mansouri','benali','cherkaoui','filali','guessous','hajji','jebli','kabbaj','lazrak','mernissi','ouazzani']) WITH ORDINALITY AS t(n);
INSERT INTO learner (first_name, last_name, name_key, search_key, birth_date, sex, registered_by_association_id)
SELECT initcap(f.n), initcap(l.n) || ' ' || s, f.n || ' ' || l.n || ' ' || s, f.n || ' ' || l.n || ' ' || s,
       DATE '2005-01-01' + (g % 3650), CASE WHEN g % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, NULL
FROM generate_series(1, $N) g
JOIN fn f ON f.i = 1 + (g * 7) % 30
JOIN ln l ON l.i = 1 + (g * 13 / 7) % 30
CROSS JOIN LATERAL (SELECT substr(md5(g::text), 1, 5) AS s) x;
INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on)
SELECT l.id, c.id, '2025-2026', ARRAY['EDUCATIONAL']::varchar(20)[], 'ENROLLED', DATE '2025-09-15'
FROM (SELECT id, row_number() OVER () AS r FROM learner) l
JOIN (SELECT id, row_number() OVER (ORDER BY code) AS r FROM center) c ON c.r = 1 + l.r % 1000;
ANALYZE;
SQL
echo "  loaded in $(( $(date +%s) - start )) s"

HOLDER="coalesce((SELECT hc.association_id FROM enrollment he JOIN center hc ON hc.id = he.center_id WHERE he.learner_id = l.id ORDER BY (he.status IN ('ENROLLED', 'ACTIVE')) DESC, he.enrolled_on DESC, he.created_at DESC, he.id DESC LIMIT 1), l.registered_by_association_id)"
COLS="l.id, l.massar_code, l.first_name, l.last_name, l.birth_date, l.version, $HOLDER AS holder"
ASSOC=$(psql -At -d "$DB" -c "SELECT association_id FROM center ORDER BY code LIMIT 1")

timed() { # label, SQL: prints the median execution time of $RUNS runs
  local label="$1" sql="$2" times=()
  for _ in $(seq "$RUNS"); do
    times+=("$(psql -At -d "$DB" -c "EXPLAIN (ANALYZE, FORMAT JSON) $sql" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')")
  done
  printf '  %-60s %8.2f ms\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
}

echo "Median server execution time over $RUNS runs, $N learners:"
W="l.anonymised_at IS NULL"
timed "ADMIN first page (20, by name)" "SELECT $COLS FROM learner l WHERE $W ORDER BY coalesce(l.name_key, ''), l.id LIMIT 21"
timed "ADMIN total count" "SELECT count(*) FROM learner l WHERE $W"
timed "search 'zineb ouah': page" "SELECT $COLS FROM learner l WHERE $W AND l.search_key LIKE '%zineb%' AND l.search_key LIKE '%ouah%' ORDER BY coalesce(l.name_key, ''), l.id LIMIT 21"
timed "search 'zineb ouah': count" "SELECT count(*) FROM learner l WHERE $W AND l.search_key LIKE '%zineb%' AND l.search_key LIKE '%ouah%'"
timed "search one rare word (md5 suffix): page" "SELECT $COLS FROM learner l WHERE $W AND l.search_key LIKE '%$(psql -At -d "$DB" -c "SELECT split_part(search_key, ' ', 3) FROM learner LIMIT 1")%' ORDER BY coalesce(l.name_key, ''), l.id LIMIT 21"
ACADEMY=$(psql -At -d "$DB" -c "SELECT p.academy_code FROM center c JOIN province p ON p.code = c.province_code ORDER BY c.code LIMIT 1")
SCOPE="l.id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id WHERE sc.association_id = '$ASSOC' UNION ALL SELECT sr.id FROM learner sr WHERE sr.registered_by_association_id = '$ASSOC')"
OFFICER="l.id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id JOIN province sp ON sp.code = sc.province_code WHERE sp.academy_code = '$ACADEMY' UNION ALL SELECT sr.id FROM learner sr JOIN association sa ON sa.id = sr.registered_by_association_id JOIN province sap ON sap.code = sa.province_code WHERE sap.academy_code = '$ACADEMY')"
timed "ASSOCIATION_STAFF first page" "SELECT $COLS FROM learner l WHERE $W AND $SCOPE ORDER BY coalesce(l.name_key, ''), l.id LIMIT 21"
timed "ASSOCIATION_STAFF count" "SELECT count(*) FROM learner l WHERE $W AND $SCOPE"
timed "ACADEMY_OFFICER first page" "SELECT $COLS FROM learner l WHERE $W AND $OFFICER ORDER BY coalesce(l.name_key, ''), l.id LIMIT 21"
timed "ACADEMY_OFFICER count" "SELECT count(*) FROM learner l WHERE $W AND $OFFICER"
timed "duplicate candidates (same birth date)" "SELECT id, name_key FROM learner WHERE birth_date = DATE '2010-05-01' AND anonymised_at IS NULL"
