#!/usr/bin/env bash
# bench/run-connections.sh: many concurrent connections over one or more Parley nodes (issue 7).
#   NODES=1 USERS=19000 bench/run-connections.sh          one node, embedded SQLite
#   NODES=6 USERS=100000 bench/run-connections.sh         a cluster: throwaway PostgreSQL + Redis on loopback
# Builds the committed tree, seeds USERS users with sessions, starts the nodes (127.0.0.1:17081…), runs
# `Parley.LoadGen connections` (worker processes of at most ~15,000 connections each, since a process may hold
# 20,000 open files here; clients leave from SOURCES, one loopback address per 20,000 connections by default),
# writes bench/results/<date>-<commit>-connections-<NODES>x<USERS>.json and stops everything it started by PID.
# CLIENT=lean (default: raw WebSockets speaking the MessagePack hub protocol, one shared ping loop per worker) or
# CLIENT=signalr (the official .NET SignalR client; docs/benchmarks.md compares their costs).
# PORT_BASE (17080): node i listens on PORT_BASE+i; pick another when a second run shares the machine.
# BUILD=DIR keeps the build of each commit in DIR/<commit> and reuses it on the next run (A/B series).
# Other knobs: ROOM_SIZE (1000; liveness rooms), HOLD (20 s), PARALLELISM (64 concurrent connects), MAX_SECONDS (1800),
# KEEP_ALIVE and CLIENT_TIMEOUT (the nodes' Parley:Realtime heartbeats, e.g. 00:01:00 and 00:02:00; the clients follow
# the hello event). WARMUP=N seeds N more users, connects and closes them before the measured phase (nodes warmed up,
# as long-running ones are: for CPU per connect; memory per connection is best taken from a run without it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

NODES=${NODES:-1}
USERS=${USERS:-19000}
ROOM_SIZE=${ROOM_SIZE:-1000}
HOLD=${HOLD:-20}
PARALLELISM=${PARALLELISM:-64}
MAX_SECONDS=${MAX_SECONDS:-1800}
CLIENT=${CLIENT:-lean}
PORT_BASE=${PORT_BASE:-17080}
WARMUP=${WARMUP:-0}
if [ -z "${SOURCES:-}" ]; then
  SOURCES=$(seq 1 $(( (USERS + 19999) / 20000 )) | sed 's/^/127.0.0./' | paste -sd, -)
fi

commit=$(git rev-parse --short HEAD)
date=$(date -u +%Y-%m-%d)
work=$(mktemp -d /tmp/parley-connections.XXXXXX)
nodes=()
. scripts/services.sh
cleanup() {
  local d pid n
  for d in "${nodes[@]}"; do bench/peers/stop.sh "$d" >/dev/null 2>&1 || true; done
  stop_services
  # The run folder holds gigabytes at 100,000 users (seeded data, PostgreSQL): removed after a run that passed, once
  # PostgreSQL and Redis have exited (at most 10 s each); kept, for its logs, after one that did not.
  if [ "${status:-1}" = 0 ]; then
    for pid in "${service_pids[@]:-}"; do
      n=0
      while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
    done
    rm -rf "$work"
  else
    echo "run folder kept for its logs: $work" >&2
  fi
}
trap cleanup EXIT

src="$work/src"
[ -n "${BUILD:-}" ] && src="$BUILD/$commit"
if [ ! -f "$src/.built" ]; then
  echo "== build $commit" >&2
  rm -rf "$src"; mkdir -p "$src"
  git archive HEAD src bench Directory.Build.props Directory.Packages.props global.json .editorconfig | tar -x -C "$src"
  dotnet build "$src/bench/Parley.LoadGen" -c Release -v q -nologo >&2
  dotnet build "$src/bench/Parley.Seed" -c Release -v q -nologo -p:SkipWebBuild=true >&2
  touch "$src/.built"
fi
export PARLEY_DLL="$src/bench/Parley.Seed/bin/Release/net10.0/Parley.Server.dll"
export SEEDER_DLL="$src/bench/Parley.Seed/bin/Release/net10.0/Parley.Seed.dll"

service_pids=()
if [ "$NODES" -gt 1 ]; then
  start_postgres >&2
  start_redis >&2
  pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PARLEY_TEST_POSTGRES")
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE parley_bench" >/dev/null
  # Every node's pool is capped so six nodes stay under the throwaway server's max_connections (400).
  export Parley__Storage__Provider=Postgres
  export ConnectionStrings__Parley="${PARLEY_TEST_POSTGRES/Database=postgres;Pooling=false/Database=parley_bench;Maximum Pool Size=40}"
  export ConnectionStrings__Redis="$PARLEY_TEST_REDIS"
  service_pids+=("$(head -1 "$work/postgres/data/postmaster.pid")" "$(cat "$work/redis/redis.pid")")
fi

[ -n "${KEEP_ALIVE:-}" ] && export Parley__Realtime__KeepAliveInterval=$KEEP_ALIVE
[ -n "${CLIENT_TIMEOUT:-}" ] && export Parley__Realtime__ClientTimeout=$CLIENT_TIMEOUT
urls=() pids=()
for i in $(seq 1 "$NODES"); do
  dir="$work/node$i" port=$((PORT_BASE + i))
  seed=0; [ "$i" = 1 ] && seed=$((USERS + WARMUP))
  echo "== node $i on 127.0.0.1:$port" >&2
  pid=$(SEED_USERS=$seed bench/start-parley.sh "$dir" "$port")
  nodes+=("$dir")
  urls+=("http://127.0.0.1:$port") pids+=("$pid")
done

# A/B series: the client in the name, and -2, -3 … instead of overwriting an earlier run of the same day and commit.
warm=""; [ "$WARMUP" -gt 0 ] && warm="-warm$WARMUP"
name="bench/results/$date-$commit-connections-${NODES}x$USERS${KEEP_ALIVE:+-keepalive-${KEEP_ALIVE//:/}}$warm-$CLIENT"
out="$name.json" n=1
while [ -e "$out" ]; do n=$((n + 1)); out="$name-$n.json"; done
status=0
dotnet "$src/bench/Parley.LoadGen/bin/Release/net10.0/Parley.LoadGen.dll" connections \
  --urls "$(IFS=,; echo "${urls[*]}")" --server-pids "$(IFS=,; echo "${pids[*]}")" \
  --service-pids "$(IFS=,; echo "${service_pids[*]:-}")" \
  --accounts "$work/node1/accounts.tsv" --users "$USERS" --sources "$SOURCES" --parallelism "$PARALLELISM" \
  --room-size "$ROOM_SIZE" --hold-seconds "$HOLD" --max-seconds "$MAX_SECONDS" --commit "$commit" --client "$CLIENT" --warmup "$WARMUP" \
  --out "$out" || status=1
echo "connections: $out (exit $status)" >&2
exit $status
