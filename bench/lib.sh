# Shared by the bench scripts (sourced, not run): scratch folder, Java, key pair and tokens, the packaged
# application started with what the production profile requires, migrations applied with psql.
#   BENCH_SMOKE=1  every script runs at its smallest size (CI runs them so, after ./mvnw verify, with SKIP_BUILD=1)

# Scratch files under target/bench/<name>-<pid> (never the system temp folder); removed by bench_cleanup.
bench_work() { # name
  WORK="$PWD/target/bench/$1-$$"
  mkdir -p "$WORK"
}

# Java 21+: $JAVA_HOME/bin/java if set, else the first JDK 21+ found, else java on the PATH.
bench_java() {
  local major
  for JAVA in "${JAVA_HOME:+$JAVA_HOME/bin/java}" java /usr/lib/jvm/temurin-2[1-9]*/bin/java /usr/lib/jvm/java-2[1-9]*/bin/java; do
    [ -n "$JAVA" ] && command -v "$JAVA" >/dev/null 2>&1 || continue
    major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    [ "${major:-0}" -ge 21 ] && return 0
  done
  echo "No Java 21+ found: set JAVA_HOME." >&2
  exit 1
}

bench_build() {
  if [ -z "${SKIP_BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "Packaging the application..."
    ./mvnw -q -B package -DskipTests >/dev/null
  fi
}

# A key pair in $WORK, and tokens signed with it (RS256) as an identity provider would issue them.
BENCH_ISSUER="https://forsa.bench"
bench_keys() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
  openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
bench_token() { # role [extra claims JSON fragment, starting with a comma]
  local now h p
  now=$(date +%s)
  h=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  p=$(printf '{"iss":"%s","sub":"bench-%s","upn":"bench","groups":["%s"],"iat":%d,"exp":%d%s}' \
      "$BENCH_ISSUER" "$1" "$1" "$now" $((now + 7200)) "${2:-}" | b64url)
  printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$WORK/key.pem" -binary | b64url)"
}

# Starts a copy of the packaged application (a build in the worktree cannot change it under the running service) in
# the production profile on database $1, port $PORT, with what production requires (docs/operations/configuration.md):
# datasource, token issuer and key, CORS origin. Extra JVM options after the database (e.g. -Xmx256m); extra
# environment through the caller's exports. Waits until ready; sets APP_PID.
APP_PID=""
bench_start_app() { # db [jvm options...]
  local db="$1"; shift
  [ -d "$WORK/app" ] || cp -r target/quarkus-app "$WORK/app"
  QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$db" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  MP_JWT_VERIFY_ISSUER="$BENCH_ISSUER" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" \
  QUARKUS_HTTP_CORS_ORIGINS="${QUARKUS_HTTP_CORS_ORIGINS:-https://portal.forsa.bench}" \
    "$JAVA" "$@" -jar "$WORK/app/quarkus-run.jar" >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 2400); do
    curl -fs "localhost:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "The application stopped:"; tail -40 "$WORK/app.log"; exit 1; }
    sleep 0.5
  done
  echo "The application did not become ready"; exit 1
}
bench_stop_app() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  APP_PID=""
}

# Applies the Flyway migrations with psql, in Flyway's order: versioned by version number, then the repeatable ones.
bench_migrate() { # db
  local f
  for f in $(ls src/main/resources/db/migration/V*__*.sql | sort -t V -k 2 -n) src/main/resources/db/migration/R__*.sql; do
    sed -e 's/\${app_role}//g' -e 's/\${flyway:table}/flyway_schema_history/g' "$f" \
      | PGOPTIONS='-c client_min_messages=warning' psql -q -v ON_ERROR_STOP=1 -d "$1" >/dev/null
  done
}
