#!/usr/bin/env bash
# Many replicas, nothing lost (issue #16). Starts three service processes (the production jar, prod profile) on one
# fresh database, sends an import to the first, polls it on the second, kills the process whose worker runs it
# (kill -9) in the middle of the file, and shows the job finishing on a survivor with every row written once.
#   bench/replicas.sh [N]     N rows (default 5000)       bench/replicas.sh --smoke   (2,000 rows, for CI)
#   PGHOST/PGPORT/PGUSER as for psql (default 127.0.0.1:5432 postgres); SKIP_BUILD=1 reuses target/quarkus-app;
#   Java 21+ from JAVA_HOME (else the java on the PATH).
# Temporary files go to target/bench/replicas-<pid> (removed at the end unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
# The smoke's file is small but long enough in chunks (40 of 50 rows) that the kill lands in the middle of it: the
# worker is killed as soon as its first chunk is committed (a quarter of the file for a full run).
if [ "${1:-}" = "--smoke" ] || [ -n "${BENCH_SMOKE:-}" ]; then N=2000; CHUNK=${CHUNK:-50}; KILL_AT=1; else N="${1:-5000}"; fi
KILL_AT=${KILL_AT:-$((N / 4))}
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="forsa_bench_replicas_$$"
WORK="$PWD/target/bench/replicas-$$"
BASE="${BASE_PORT:-19$(( RANDOM % 80 + 10 ))0}"
PORTS=("$BASE" "$((BASE + 1))" "$((BASE + 2))")
PIDS=()
mkdir -p "$WORK"
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -qAt -d "$DB" -c "$1"; }

if [ -z "${SKIP_BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "Packaging the application..."
  ./mvnw -q -B package -DskipTests >/dev/null
fi
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
openssl rsa -in "$WORK/key.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # role, extra claims JSON fragment
  local now h p; now=$(date +%s)
  h=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  p=$(printf '{"iss":"https://forsa.bench","sub":"bench-%s","groups":["%s"],"iat":%d,"exp":%d%s}' \
      "$1" "$1" "$now" $((now + 3600)) "$2" | b64url)
  printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)"
}

start() { # index
  local port=${PORTS[$1]}
  QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_CORS_ORIGINS="http://localhost:3000" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  MP_JWT_VERIFY_ISSUER="https://forsa.bench" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  FORSA_IMPORT_WORKERS=1 FORSA_IMPORT_STALE_AFTER=PT6S FORSA_IMPORT_POLL_INTERVAL=PT1S FORSA_IMPORT_CHUNK_SIZE=${CHUNK:-250} \
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -jar target/quarkus-app/quarkus-run.jar >"$WORK/app-$1.log" 2>&1 &
  PIDS[$1]=$!
}
ready() { # index
  for _ in $(seq 1 240); do
    curl -fs "localhost:${PORTS[$1]}/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[$1]}" 2>/dev/null || { tail -50 "$WORK/app-$1.log"; exit 1; }
    sleep 0.5
  done
  echo "replica $1 not ready"; exit 1
}
echo "Starting three replicas on ports ${PORTS[*]} (one database: $DB)..."
start 0; ready 0     # the first one migrates the fresh database
start 1; start 2; ready 1; ready 2

ASSOC=$(sql "INSERT INTO association (registration_number, name, province_code) VALUES
  ('REG-BENCH', 'Association bench', 'MAR') RETURNING id")
sql "INSERT INTO center (code, name, association_id, province_code, capacity)
  SELECT 'BENCH-' || i, 'Centre ' || i, '$ASSOC', 'MAR', 5000 FROM generate_series(1, 20) i" >/dev/null
# An enrollment needs an agreement in force on its date that covers the centre (else every row is rejected):
# one ACTIVE CENTER_MANAGEMENT agreement of the association, 2024-09-01..2027-08-31, covering the 20 centres.
sql "WITH a AS (INSERT INTO agreement (reference, kind, status, academy_code, association_id, signed_on, starts_on,
    ends_on, budget, target_beneficiaries)
  SELECT 'CONV-BENCH', 'CENTER_MANAGEMENT', 'ACTIVE', academy_code, '$ASSOC', DATE '2024-07-01', DATE '2024-09-01',
    DATE '2027-08-31', 1000000, $N FROM province WHERE code = 'MAR' RETURNING id)
  INSERT INTO agreement_center (agreement_id, center_id) SELECT a.id, c.id FROM a, center c
  WHERE c.association_id = '$ASSOC'" >/dev/null
TOKEN=$(token ASSOCIATION_STAFF ",\"association\":\"$ASSOC\"")

python3 - "$N" "$WORK/rows.csv" <<'PY'
import random, sys, datetime
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(16)
letters = 'abcdefghijklmnopqrstuvwxyz'
# first names are unique (a random word and the row number spelt in letters): each row is a new learner
word = lambda k: ''.join(rnd.choice(letters) for _ in range(k)).capitalize()
start = datetime.date(2005, 9, 16)
with open(path, 'w', encoding='utf-8') as f:
    f.write('\ufeffCode MASSAR;Prénom;Nom;Date de naissance;Sexe;Province de résidence;Téléphone du tuteur;'
            'Code du centre;Année scolaire;Volets;Date d\'inscription\n')
    for i in range(n):
        massar = 'R%09d' % i if i % 2 == 0 else ''
        birth = start + datetime.timedelta(days=rnd.randrange(0, 7 * 365))
        f.write(';'.join([massar, word(8) + ''.join(letters[int(d)] for d in str(i)), word(10), birth.strftime('%d/%m/%Y'), rnd.choice('FM'), 'MAR',
                          '06%08d' % rnd.randrange(10**8), 'BENCH-%d' % (i % 20 + 1), '2025-2026',
                          'EDUCATIF|COMPETENCES_DE_VIE', '15/09/2025']) + '\n')
PY

T0=$(date +%s.%N)
BODY=$(curl -s -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/rows.csv" "localhost:${PORTS[0]}/imports?async=true")
ID=$(jq -r .id <<<"$BODY")
echo "POST /imports on replica 0 (:${PORTS[0]}): $(jq -r .status <<<"$BODY"), id $ID, $N rows"
status_on() { curl -s -H "Authorization: Bearer $TOKEN" "localhost:${PORTS[$1]}/imports/$ID"; }
S=$(status_on 1)
echo "GET /imports/$ID on replica 1 (:${PORTS[1]}): $(jq -r .status <<<"$S") (HTTP 200 from another replica)"

# Wait until the job is past its first committed chunks, then kill its worker's process.
VICTIM=""
for _ in $(seq 1 600); do
  read -r WORKER DONE < <(sql "SELECT coalesce(worker, '-'), lines_done FROM import_job WHERE id = '$ID'" | tr '|' ' ')
  if [ "$WORKER" != "-" ] && [ "$DONE" -ge "$KILL_AT" ]; then
    WPID=$(cut -d/ -f2 <<<"$WORKER")
    for i in 0 1 2; do [ "${PIDS[$i]}" = "$WPID" ] && VICTIM=$i; done
    break
  fi
  sleep 0.2
done
[ -n "$VICTIM" ] || { echo "the job never got going"; sql "SELECT status, worker, lines_done, message FROM import_job"; exit 1; }
kill -9 "${PIDS[$VICTIM]}"
T_KILL=$(date +%s.%N)
echo "kill -9 replica $VICTIM (pid ${PIDS[$VICTIM]}, the job's worker) after $DONE of $N lines committed"
if [ "$(sql "SELECT status FROM import_job WHERE id = '$ID'")" = COMPLETED ]; then
  echo "FAIL: the job was COMPLETED before the kill, nothing was resumed (run with more rows: bench/replicas.sh N)"; exit 1
fi
SURVIVOR=$(( (VICTIM + 1) % 3 ))

for _ in $(seq 1 1200); do
  S=$(status_on "$SURVIVOR")
  case "$(jq -r .status <<<"$S")" in PENDING|RUNNING) sleep 0.5 ;; *) break ;; esac
done
T1=$(date +%s.%N)
read -r CLAIMS PIECES < <(sql "SELECT j.attempts, (SELECT count(*) FROM import_file_chunk f WHERE f.job_id = j.id)
  FROM import_job j WHERE id = '$ID'" | tr '|' ' ')
RESUMER=$( { grep -l "Import $ID: resumed by" "$WORK"/app-*.log 2>/dev/null || true; } | sed 's/.*app-\([0-9]\).log/\1/' | head -1)
echo "GET /imports/$ID on replica $SURVIVOR: $(jq -r .status <<<"$S"); $(jq -r .message <<<"$S")"
echo "Resumed by replica ${RESUMER:-?}, claims: $CLAIMS, file pieces left: $PIECES"
LEARNERS=$(sql "SELECT count(*) FROM learner")
DUPES=$(sql "SELECT count(*) FROM (SELECT first_name FROM learner GROUP BY first_name HAVING count(*) > 1) d")
ENROLL=$(sql "SELECT count(*) FROM enrollment")
KEYS=$(sql "SELECT count(*) FROM import_learner_key")
STARTS=$(sql "SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = '$ID' AND changes->>'phase' = 'start'")
ENDS=$(sql "SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = '$ID' AND changes->>'phase' = 'end'")
CREATES=$(sql "SELECT count(*) FROM audit_event WHERE action = 'CREATE' AND entity = 'Learner'")
printf 'Figures: %d rows in %.1f s (killed at %.1f s); report: %s imported, %s learners created, %s rejected\n' \
  "$N" "$(echo "$T1 - $T0" | bc)" "$(echo "$T_KILL - $T0" | bc)" "$(jq .totals.imported <<<"$S")" \
  "$(jq .totals.learnersCreated <<<"$S")" "$(jq .totals.rejected <<<"$S")"
echo "Database: $LEARNERS learners ($DUPES written twice), $ENROLL enrollments, $KEYS import keys, $CREATES learner CREATE events, IMPORT events: $STARTS start / $ENDS end"
OK=1
[ "$(jq -r .status <<<"$S")" = COMPLETED ] || OK=0
[ "$LEARNERS" -eq "$N" ] && [ "$ENROLL" -eq "$N" ] && [ "$DUPES" -eq 0 ] && [ "$CREATES" -eq "$N" ] || OK=0
[ "$(jq .totals.learnersCreated <<<"$S")" -eq "$N" ] || OK=0
[ "$STARTS" -eq 1 ] && [ "$ENDS" -eq 1 ] && [ "$PIECES" -eq 0 ] || OK=0
[ "$(jq .totals.rejected <<<"$S")" -eq 0 ] || echo "First problem: $(jq -c ".problems[0]" <<<"$S")"
if [ "$OK" = 1 ]; then echo "PASS: every row written once, the job finished on a survivor"; else echo "FAIL"; exit 1; fi
