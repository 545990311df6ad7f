# Finds a PostgreSQL for the storage tests, or starts Debian's. Sets
# HANDOFF_TEST_DATABASE_URL to a server URL whose role may create databases.
# Source it after lib.sh.

PG_ROLE="handoff_test"
PG_PASSWORD="handoff_test"

pg_reachable() {
  command -v psql >/dev/null && psql "$1" -qAtc 'SELECT 1' >/dev/null 2>&1
}

ensure_postgres() {
  step "PostgreSQL for the storage tests"
  if [ -n "${HANDOFF_TEST_DATABASE_URL:-}" ] && pg_reachable "$HANDOFF_TEST_DATABASE_URL"; then
    echo "    using HANDOFF_TEST_DATABASE_URL"
  elif [[ "${DATABASE_URL:-}" == postgres* ]] && pg_reachable "$DATABASE_URL"; then
    echo "    using DATABASE_URL"
    export HANDOFF_TEST_DATABASE_URL="$DATABASE_URL"
  else
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      echo "    installing Debian's postgresql"
      apt_install postgresql
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
      as_root pg_createcluster "$version" main >/dev/null
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
      as_root pg_ctlcluster "$version" main start
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 -p "$port" && break
      sleep 1
    done
    as_root runuser -u postgres -- psql -qAt -p "$port" -c \
      "DO \$\$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
           CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
         END IF;
       END \$\$;" >/dev/null
    export HANDOFF_TEST_DATABASE_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/postgres"
    echo "    PostgreSQL $version on port $port"
  fi
  # Sweep databases that failed tests left behind on an earlier run.
  psql "$HANDOFF_TEST_DATABASE_URL" -qAtc \
    "SELECT datname FROM pg_database WHERE datname LIKE 'handoff\_t\_%'" 2>/dev/null |
    while read -r stale; do
      psql "$HANDOFF_TEST_DATABASE_URL" -qAtc "DROP DATABASE IF EXISTS \"$stale\"" >/dev/null 2>&1 || true
    done
  step_done
}
