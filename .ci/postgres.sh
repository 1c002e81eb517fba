#!/usr/bin/env bash
# Install and start a local PostgreSQL for the store tests (Debian/Ubuntu, as root), then print the
# URL to export as ONRECORD_TEST_PG. Idempotent: on a machine where it already ran it only makes
# sure the server is up. Everything but the URL goes to stderr.
set -euo pipefail

ROLE=${ONRECORD_PG_ROLE:-onrecord}
PASSWORD=${ONRECORD_PG_PASSWORD:-onrecord}
DB=${ONRECORD_PG_DB:-onrecord_test}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v' | grep -q .; then
    pg_createcluster "$VERSION" main >&2
fi
read -r CLUSTER PORT STATUS < <(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v {print $2, $3, $4; exit}')
if [ "$STATUS" != "online" ]; then
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p "$PORT" && break
    sleep 1
done
pg_isready -h localhost -p "$PORT" >&2

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "postgresql://$ROLE:$PASSWORD@localhost:$PORT/$DB"
