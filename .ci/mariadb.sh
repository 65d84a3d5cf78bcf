#!/usr/bin/env bash
# Install (if needed) and start a throw-away MariaDB for the station-MySQL tests, then print the
# URL to export, as the last line of stdout:
#
#   export STATION_MYSQL_URL="$(bash .ci/mariadb.sh | tail -n1)"
#
# No systemd here: mariadbd runs in the background from a private data directory and socket, so a
# system MariaDB (if any) is not touched. Idempotent: a server already answering on the port is
# reused and only the user/database are (re)created. Progress goes to stderr.
#
# Env: MARIADB_PORT (3306), MARIADB_DIR (/tmp/discogs-cache-mariadb), MARIADB_DB (wxyc_test),
#      MARIADB_USER/MARIADB_PASSWORD (test/test: a local test-only account).
set -euo pipefail

PORT="${MARIADB_PORT:-3306}"
DIR="${MARIADB_DIR:-/tmp/discogs-cache-mariadb}"
DB="${MARIADB_DB:-wxyc_test}"
USER_="${MARIADB_USER:-test}"
PASS="${MARIADB_PASSWORD:-test}"
SOCK="$DIR/mysqld.sock"

log() { echo "mariadb.sh: $*" >&2; }

if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
    log "installing mariadb-server"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d 101: do not let the package try to start a service at install time.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get install -y -qq mariadb-server mariadb-client >&2
fi
SERVER="$(command -v mariadbd || command -v mysqld)"
CLIENT="$(command -v mariadb || command -v mysql)"
INSTALL_DB="$(command -v mariadb-install-db || command -v mysql_install_db)"

answers() { "$CLIENT" --protocol=socket --socket="$SOCK" -uroot -e 'SELECT 1' >/dev/null 2>&1; }

if ! answers; then
    mkdir -p "$DIR"
    if [ ! -d "$DIR/data/mysql" ]; then
        log "initialising data directory $DIR/data"
        "$INSTALL_DB" --user=root --datadir="$DIR/data" --auth-root-authentication-method=socket \
            --skip-test-db >"$DIR/install.log" 2>&1 || { cat "$DIR/install.log" >&2; exit 1; }
    fi
    log "starting $SERVER on 127.0.0.1:$PORT"
    nohup "$SERVER" --no-defaults --user=root --datadir="$DIR/data" --socket="$SOCK" \
        --pid-file="$DIR/mysqld.pid" --port="$PORT" --bind-address=127.0.0.1 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=64M --log-error="$DIR/error.log" \
        >"$DIR/stdout.log" 2>&1 </dev/null &
    for _ in $(seq 1 60); do
        answers && break
        sleep 0.5
    done
    if ! answers; then
        log "server did not answer within 30 s; last lines of $DIR/error.log:"
        tail -n 20 "$DIR/error.log" >&2 || true
        exit 1
    fi
fi

"$CLIENT" --protocol=socket --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$USER_'@'127.0.0.1' IDENTIFIED BY '$PASS';
CREATE USER IF NOT EXISTS '$USER_'@'localhost' IDENTIFIED BY '$PASS';
ALTER USER '$USER_'@'127.0.0.1' IDENTIFIED BY '$PASS';
ALTER USER '$USER_'@'localhost' IDENTIFIED BY '$PASS';
-- The tests create a fresh database per session (wxyc_test_<random>), hence the wildcard grant.
GRANT ALL PRIVILEGES ON \`${DB}%\`.* TO '$USER_'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${DB}%\`.* TO '$USER_'@'localhost';
FLUSH PRIVILEGES;
SQL
log "ready (pid $(cat "$DIR/mysqld.pid" 2>/dev/null || echo '?'), data $DIR/data)"
echo "mysql://$USER_:$PASS@127.0.0.1:$PORT/$DB"
