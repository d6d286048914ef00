#!/usr/bin/env bash
# Installs (if missing) and starts the services the tests run on, on loopback, without systemd or Docker:
# MariaDB (Debian), Redis (Debian) and maildev (npm); installs nginx for the tests to start. Idempotent: a service already answering is reused.
# Sourced by scripts/test.sh, which calls services_up and, on exit, services_down (it stops only what
# this run started). Standalone: scripts/services.sh up | down.
set -euo pipefail

LO_SERVICES_DIR=${LO_SERVICES_DIR:-/tmp/loginorchestrator-services}
MARIADB_PORT=3306
REDIS_PORT=6379
# A 3-master Redis Cluster (no replicas) for the cluster runs of the Redis store and two-instance tests.
REDIS_CLUSTER_PORTS=(7001 7002 7003)
SMTP_PORT=1025
MAILDEV_WEB_PORT=1080
APP_DB_USER=loginorchestrator
APP_DB_PASSWORD=${LO_TEST_DB_PASSWORD:-lo-test-password}
_started=()

_say() { printf '[services] %s\n' "$*" >&2; }
_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
_wait_for() { # port seconds what
  for _ in $(seq 1 "$(( $2 * 5 ))"); do _listening "$1" && return 0; sleep 0.2; done
  _say "$3 did not come up on port $1"; return 1
}

_apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  _say "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  # Package scripts must not try to start services (no systemd here): policy-rc.d says no.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

_mariadb_up() {
  if ! _listening "$MARIADB_PORT"; then
    mkdir -p /run/mysqld "$LO_SERVICES_DIR" && chown mysql:mysql /run/mysqld
    [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    _say "starting MariaDB on 127.0.0.1:$MARIADB_PORT"
    nohup mariadbd --user=mysql --datadir=/var/lib/mysql --bind-address=127.0.0.1 --port="$MARIADB_PORT" \
      --socket=/run/mysqld/mysqld.sock --log-error="$LO_SERVICES_DIR/mariadb.log" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
    _started+=(mariadb)
    _wait_for "$MARIADB_PORT" 60 MariaDB
  fi
  # Root logs in by unix socket only; the app gets its own user, allowed to make its test databases.
  mariadb --protocol=socket -uroot <<SQL
CREATE USER IF NOT EXISTS '$APP_DB_USER'@'localhost' IDENTIFIED BY '$APP_DB_PASSWORD';
CREATE USER IF NOT EXISTS '$APP_DB_USER'@'127.0.0.1' IDENTIFIED BY '$APP_DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`lo\\_%\`.* TO '$APP_DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`lo\\_%\`.* TO '$APP_DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
}

_redis_up() {
  _listening "$REDIS_PORT" && return 0
  mkdir -p "$LO_SERVICES_DIR"
  _say "starting Redis on 127.0.0.1:$REDIS_PORT"
  # noeviction: Hangfire's jobs and lock-out counters must never be evicted to make room.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --maxmemory-policy noeviction --pidfile "$LO_SERVICES_DIR/redis.pid" --logfile "$LO_SERVICES_DIR/redis.log"
  _started+=(redis)
  _wait_for "$REDIS_PORT" 20 Redis
}

_redis_cluster_up() {
  if _listening "${REDIS_CLUSTER_PORTS[0]}" && redis-cli -p "${REDIS_CLUSTER_PORTS[0]}" cluster info 2>/dev/null | grep -q 'cluster_state:ok'; then
    return 0
  fi
  _say "starting a Redis Cluster on 127.0.0.1:${REDIS_CLUSTER_PORTS[*]}"
  local nodes=()
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    local dir="$LO_SERVICES_DIR/redis-cluster-$port"
    rm -rf "$dir" && mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no --maxmemory-policy noeviction \
      --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout 5000 --dir "$dir" \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    _wait_for "$port" 20 "Redis Cluster node $port"
    nodes+=("127.0.0.1:$port")
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$LO_SERVICES_DIR/redis-cluster-create.log" 2>&1
  for _ in $(seq 1 100); do
    redis-cli -p "${REDIS_CLUSTER_PORTS[0]}" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.2
  done
  _started+=(redis-cluster)
}

_maildev_up() {
  command -v maildev >/dev/null || { _say "installing maildev from npm"; npm install -g --silent maildev@3.0.0 >/dev/null; }
  _listening "$MAILDEV_WEB_PORT" && return 0
  mkdir -p "$LO_SERVICES_DIR"
  _say "starting maildev (SMTP $SMTP_PORT, REST $MAILDEV_WEB_PORT)"
  nohup maildev --ip 127.0.0.1 --smtp "$SMTP_PORT" --web "$MAILDEV_WEB_PORT" >"$LO_SERVICES_DIR/maildev.log" 2>&1 &
  echo $! > "$LO_SERVICES_DIR/maildev.pid"
  _started+=(maildev)
  _wait_for "$MAILDEV_WEB_PORT" 30 maildev && _wait_for "$SMTP_PORT" 30 "maildev SMTP"
}

services_up() {
  # zbar-tools: the account tests decode the enrolment QR code as a phone would.
  # chromium: the browser tests drive it with Playwright for .NET (LO_TEST_CHROMIUM overrides the path);
  # fonts-wqy-microhei: Chinese glyphs in its screenshots;
  # nginx: the TLS proxy the deployment tests start themselves (the example in deploy/nginx), never as a service;
  # systemd: only its unit verifier (systemd-analyze) for deploy/systemd.
  _apt_install mariadb-server mariadb-client redis-server zbar-tools chromium fonts-wqy-microhei nginx systemd
  _mariadb_up
  _redis_up
  _redis_cluster_up
  _maildev_up
  export LO_TEST_MYSQL="Server=127.0.0.1;Port=$MARIADB_PORT;User ID=$APP_DB_USER;Password=$APP_DB_PASSWORD"
  export LO_TEST_REDIS="127.0.0.1:$REDIS_PORT"
  LO_TEST_REDIS_CLUSTER=$(printf '127.0.0.1:%s,' "${REDIS_CLUSTER_PORTS[@]}")
  export LO_TEST_REDIS_CLUSTER=${LO_TEST_REDIS_CLUSTER%,}
  export LO_TEST_SMTP_HOST=127.0.0.1 LO_TEST_SMTP_PORT=$SMTP_PORT
  export LO_TEST_MAILDEV="http://127.0.0.1:$MAILDEV_WEB_PORT"
  _say "ready: MariaDB :$MARIADB_PORT, Redis :$REDIS_PORT, Redis Cluster :${REDIS_CLUSTER_PORTS[*]}, SMTP :$SMTP_PORT, maildev :$MAILDEV_WEB_PORT"
}

services_down() {
  for service in "${_started[@]}"; do
    case $service in
      mariadb) mariadb-admin --protocol=socket -uroot shutdown 2>/dev/null || true ;;
      redis) redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true ;;
      redis-cluster) for port in "${REDIS_CLUSTER_PORTS[@]}"; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done ;;
      maildev) kill "$(cat "$LO_SERVICES_DIR/maildev.pid")" 2>/dev/null || true ;;
    esac
    _say "stopped $service"
  done
  _started=()
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case ${1:-up} in
    up) services_up; _started=() ;; # standalone "up" leaves them running
    down) _started=(mariadb redis redis-cluster maildev); services_down ;;
    *) echo "usage: $0 up|down" >&2; exit 2 ;;
  esac
fi
