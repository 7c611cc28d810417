# Throwaway PostgreSQL and Redis for the test command (sourced by scripts/test.sh).
# Each runs from a folder under $work, on a free loopback port, and is stopped by stop_services.
# Installs from Debian when missing, without letting the packages start their own system services.

service_stops=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

apt_install_quietly() { # apt_install_quietly <package...>: no service starts during the install (policy-rc.d 101)
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  [ "$had_policy" = 1 ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  [ "$had_policy" = 1 ] || rm -f "$policy"
}

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres: exports PARLEY_TEST_POSTGRES (admin connection string) and PARLEY_TEST_POSTGRES_RESTART.
start_postgres() {
  local bin dir port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
    apt_install_quietly postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  dir="$work/postgres"; mkdir -p "$dir"; chmod 755 "$work"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(free_port)
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  # Throwaway: fsync off (a crash of this machine is not what the tests simulate; Parley's own acknowledgement
  # still waits for PostgreSQL's commit). Loopback only.
  cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
max_connections = 400
CONF
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  service_stops+=("as_postgres $bin/pg_ctl -D $dir/data -m immediate -w stop")
  export PARLEY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false"
  # Used by the cluster tests: a crash-like stop, a pause, and a start on the same data and port.
  local ctl="$bin/pg_ctl -D $dir/data -l $dir/server.log"
  [ "$(id -u)" = 0 ] && ctl="runuser -u postgres -- $ctl"
  export PARLEY_TEST_POSTGRES_RESTART="$ctl -m immediate -w stop && sleep \${PAUSE:-3} && $ctl -w -t 60 start"
  echo "postgres $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

# start_redis: exports PARLEY_TEST_REDIS (host:port) and PARLEY_TEST_REDIS_RESTART.
start_redis() {
  local dir port args
  command -v redis-server >/dev/null 2>&1 || apt_install_quietly redis-server
  dir="$work/redis"; mkdir -p "$dir"
  port=$(free_port)
  args="--port $port --bind 127.0.0.1 --save '' --appendonly no --dir $dir --daemonize yes --pidfile $dir/redis.pid --logfile $dir/redis.log"
  eval redis-server "$args"
  for _ in $(seq 1 50); do [ -s "$dir/redis.pid" ] && break; sleep 0.1; done
  service_stops+=("kill \$(cat $dir/redis.pid)")
  export PARLEY_TEST_REDIS="127.0.0.1:$port"
  export PARLEY_TEST_REDIS_RESTART="kill \$(cat $dir/redis.pid) && sleep \${PAUSE:-3} && redis-server $args && sleep 0.5"
  echo "redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

stop_services() {
  local cmd
  for cmd in "${service_stops[@]}"; do eval "$cmd" >/dev/null 2>&1 || true; done
}
