#!/usr/bin/env bash
# Times the retention rule's queries (privacy/RetentionJob) on a scratch database with N learners
# (default 1,000,000, a third of them inactive for over 5 years), each with one enrollment.
# Usage: bench/retention.sh [N]   (PGHOST/PGPORT/PGUSER as for psql; default 127.0.0.1:5432 postgres)
#   BENCH_SMOKE=1: 3000 learners (CI: the script still works)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${1:-1000000}
[ -n "${BENCH_SMOKE:-}" ] && N=${1:-3000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=forsa_bench_retention_$$
psql -q -d postgres -c "CREATE DATABASE $DB"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT
bench_migrate "$DB"
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
INSERT INTO association (id, registration_number, name, province_code) VALUES ('00000000-0000-0000-0000-000000000001', 'R1', 'A', 'MAR');
INSERT INTO center (id, code, name, association_id, province_code, capacity)
  VALUES ('00000000-0000-0000-0000-000000000002', 'C1', 'C', '00000000-0000-0000-0000-000000000001', 'MAR', 100);
INSERT INTO learner (first_name, last_name, name_key, massar_code, birth_date, sex, province_of_residence_code, created_at, updated_at)
  SELECT 'F' || i, 'L' || i, 'f' || i || ' l' || i, 'M' || i, DATE '2000-01-01' + (i % 3000), CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END,
         'MAR', now() - make_interval(days => (i % 3650)), now() - make_interval(days => (i % 3650))
  FROM generate_series(1, $N) i;
INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on)
  SELECT id, '00000000-0000-0000-0000-000000000002', '2015-2016', ARRAY['EDUCATIONAL']::varchar(20)[],
         'COMPLETED', (created_at)::date, (created_at)::date
  FROM learner;
ANALYZE;
SQL
CUTOFF=$(date -u -d '5 years ago' +%F)
DUE="l.anonymised_at IS NULL AND l.created_at < '$CUTOFF'::date AND l.updated_at < '$CUTOFF'::date
 AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.learner_id = l.id AND (e.status IN ('ENROLLED', 'ACTIVE') OR e.enrolled_on >= '$CUTOFF'::date OR e.exited_on >= '$CUTOFF'::date))
 AND NOT EXISTS (SELECT 1 FROM enrollment e JOIN outcome o ON o.enrollment_id = e.id WHERE e.learner_id = l.id AND o.observed_on >= '$CUTOFF'::date)"
echo "learners: $N; due: $(psql -At -d "$DB" -c "SELECT count(*) FROM learner l WHERE $DUE")"
psql -At -d "$DB" -c '\timing on' -c "SELECT count(*) OVER () FROM learner l WHERE $DUE ORDER BY l.id LIMIT 1000" | grep -i '^Time' | sed 's/^/dry run (count + 1000 ids): /'
psql -At -d "$DB" -c '\timing on' -c "UPDATE learner SET first_name = NULL, last_name = NULL, name_key = NULL, massar_code = NULL,
  anonymised_at = now(), updated_at = now(), version = version + 1
  WHERE id IN (SELECT l.id FROM learner l WHERE $DUE ORDER BY l.id LIMIT 500 FOR UPDATE SKIP LOCKED)" | grep -i '^Time' | sed 's/^/one batch of 500: /'
