#!/usr/bin/env bash
# Replays the hostile-input attacks of issue 12 on import files against the packaged application, and prints
# for each the HTTP status, the import's status and refusal reason, the time it took (upload included) and the
# JVM's peak resident memory so far (VmHWM of /proc/PID/status). The files are written streaming by
# src/test/java/ma/forsa/importer/HostileFiles.java (the 820 KB workbook holding one 800 MB shared string, the
# 400 MB inline cell, both also with a central directory that lies about their sizes, 40 M empty rows, 200,000
# rows, 1 M and 10 M columns, a 19 MB CSV line) plus a legitimate 100,000-row workbook as a baseline; each is
# posted to POST /imports?dryRun=true as ASSOCIATION_STAFF. Creates a scratch database on the local PostgreSQL,
# starts the application (prod profile, heap ${XMX:-720m} as in the pod), then stops it and drops the database.
#   bench/attacks.sh      (PGHOST/PGPORT/PGUSER as for psql; default 127.0.0.1:5432 postgres)
#   SKIP_BUILD=1 to reuse target/quarkus-app; XMX=256m to change the heap. Java 21+: $JAVA_HOME/bin/java if set.
#   BENCH_SMOKE=1: two quick CSV attacks and a valid row only (CI: the script still works).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="forsa_bench_attacks_$$"
PORT="${PORT:-18$(( RANDOM % 900 + 100 ))}"
bench_work attacks
bench_java
cleanup() {
  bench_stop_app
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bench_build
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null

echo "Writing the attack files..."
"$JAVA" src/test/java/ma/forsa/importer/HostileFiles.java "$WORK/files" ${BENCH_SMOKE:+smoke}
bench_keys

echo "Starting the application on port $PORT (heap -Xmx${XMX:-720m})..."
bench_start_app "$DB" "-Xmx${XMX:-720m}"

ASSOC=$(psql -qAt -d "$DB" -c "INSERT INTO association (registration_number, name, province_code) VALUES
  ('REG-ATTACKS', 'Association bench', 'MAR') RETURNING id")
psql -q -d "$DB" -c "INSERT INTO center (code, name, association_id, province_code, capacity)
  VALUES ('C-1', 'Centre 1', '$ASSOC', 'MAR', 2000)" >/dev/null
TOKEN=$(bench_token ASSOCIATION_STAFF ",\"association\":\"$ASSOC\"")

kb() { echo $(( $(sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$APP_PID/status") / 1024 )); }

attack() { # file
  local file="$1" t0 t1 code body status reason id
  t0=$(date +%s.%N)
  code=$(curl -s -o "$WORK/body.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      -F "file=@$file" "localhost:$PORT/imports?dryRun=true" || echo 000)
  body=$(cat "$WORK/body.json" 2>/dev/null || true)
  status=$(jq -r '.status // "-"' <<<"$body" 2>/dev/null || echo "-")
  if [ "$code" = 202 ]; then # still running after forsa.import.sync-wait: poll until it ends
    id=$(jq -r .id <<<"$body")
    while [ "$status" = RUNNING ] || [ "$status" = PENDING ]; do
      sleep 0.2
      code=$(curl -s -o "$WORK/body.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "localhost:$PORT/imports/$id")
      body=$(cat "$WORK/body.json"); status=$(jq -r .status <<<"$body")
    done
  fi
  t1=$(date +%s.%N)
  reason=$(jq -r '.reason // "-"' <<<"$body" 2>/dev/null || echo "-")
  kill -0 "$APP_PID" 2>/dev/null || { echo "  $(basename "$file"): the application died"; tail -5 "$WORK/app.log"; exit 1; }
  printf '  %-44s %8s  %4s  %-9s %-17s %7.2f s  %5d MB  %5d MB\n' "$(basename "$file")" \
    "$(du -h --apparent-size "$file" | cut -f1)" "$code" "$status" "$reason" "$(echo "$t1 - $t0" | bc)" \
    "$(kb VmRSS)" "$(kb VmHWM)"
}

# Warm-up: the template and one small import, so that the peak below is not the start-up's.
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "localhost:$PORT/imports/template.xlsx"
printf 'Code MASSAR;Prénom;Nom;Date de naissance;Sexe;Code du centre;Année scolaire;Volets;Date d'"'"'inscription\n;Salma;Idrissi;2010-05-01;F;C-1;2025-2026;EDUCATIF;15/09/2025\n' >"$WORK/files/small-valid.csv"
echo
echo "POST /imports?dryRun=true as ASSOCIATION_STAFF, one file at a time (time: upload to answer; RSS after it; VmHWM: peak RSS since start):"
printf '  %-44s %8s  %4s  %-9s %-17s %9s  %8s  %8s\n' file size HTTP status reason time RSS VmHWM
echo "  after start-up: RSS $(kb VmRSS) MB, VmHWM $(kb VmHWM) MB"
FILES="small-valid.csv
    shared-string-bomb-800MB.xlsx shared-string-bomb-800MB-lying-sizes.xlsx
    inline-cell-bomb-400MB.xlsx inline-cell-bomb-400MB-lying-sizes.xlsx
    empty-rows-bomb.xlsx empty-rows-bomb-lying-sizes.xlsx
    row-bomb-200000-rows.xlsx row-bomb-200000-rows.csv
    column-bomb-1000000-columns.xlsx column-bomb-10000000-columns.csv long-line-19MB.csv
    legitimate-100000-rows.xlsx"
REFUSED="shared-string-bomb-800MB.xlsx row-bomb-200000-rows.xlsx column-bomb-10000000-columns.csv long-line-19MB.csv"
if [ -n "${BENCH_SMOKE:-}" ]; then
  FILES="small-valid.csv row-bomb-200000-rows.csv long-line-19MB.csv"
  REFUSED="row-bomb-200000-rows.csv long-line-19MB.csv"
fi
for f in $FILES; do
  attack "$WORK/files/$f"
done
echo
echo "Refusal messages:"
for f in $REFUSED; do
  curl -s -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/files/$f" "localhost:$PORT/imports?dryRun=true" \
    | jq -r '"  " + .reason + ": " + .message'
done
echo "JVM peak RSS (VmHWM) at the end: $(kb VmHWM) MB; heap -Xmx${XMX:-720m}"
