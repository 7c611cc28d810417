#!/usr/bin/env bash
# Runs every test suite of Parley. Installs what the tests need when it is missing,
# starts throwaway services on loopback ports in a temporary folder, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d -t parley-test.XXXXXX)
started_pids=()
# shellcheck source=scripts/services.sh
source scripts/services.sh
cleanup() {
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_services
  rm -rf "$work"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_updated=0
need_apt() { # need_apt <command> <package>
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

passed=0; failed=0; timings=()
run_suite() { # run_suite <name> <command...>; a suite started earlier in the background sets suite_began
  local name=$1 began=${suite_began:-$SECONDS}; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!!! $name failed"; fi
  timings+=("$((SECONDS - began)) s  $name")
}

echo "=== prerequisites"
need_apt chromium chromium          # browser end-to-end tests (Playwright drives Debian's Chromium)
# Chinese glyphs for the zh-CN screenshots the browser tests save (without them every 汉字 is a box)
fc-list :lang=zh 2>/dev/null | grep -q . || { [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }
need_apt clamd clamav-daemon        # malware scanning of uploads (the tests start their own clamd with a test signature)
[ -x /usr/sbin/slapd ] && command -v ldapadd >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt_install_quietly slapd ldap-utils  # LDAP tests start their own slapd from a generated slapd.conf (no service, no debconf)
command -v prometheus >/dev/null 2>&1 || apt_install_quietly prometheus  # a real Prometheus scrapes a test server (started by the test, no service); promtool checks deploy/prometheus rules
command -v apertium-apy >/dev/null 2>&1 && [ -f /usr/share/apertium/modes/eng-spa.mode ] || apt_install_quietly apertium-apy apertium-eng-spa  # real offline translation engine (English↔Spanish) the translation tests start on a loopback port
command -v prometheus-alertmanager >/dev/null 2>&1 || apt_install_quietly prometheus-alertmanager  # a real Alertmanager posts an alert to a Parley incoming webhook (started by the test, no service)
[ -x /usr/bin/turnserver ] || apt_install_quietly coturn  # call tests start their own coturn on loopback (use-auth-secret; no service)
command -v janus >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 || apt_install_quietly janus iproute2  # group calls: a real Janus SFU (video-room + HTTP transport); its tests run it in a network namespace made with ip
command -v npm >/dev/null || { echo "npm (Node 20) is required"; exit 1; }
start_postgres                      # throwaway PostgreSQL on a loopback port (cluster-mode storage)
start_redis                         # throwaway Redis on a loopback port (cluster-mode fan-out)

echo "=== build (server, planner, tests; the server build also builds the web client)"
dotnet build Parley.slnx -c Debug -nologo -v quiet

run_suite "planner engine tests" \
  dotnet test tests/Parley.Planner.Tests -c Debug --no-build --nologo --logger "console;verbosity=minimal"
# One suite, two providers: the same server tests on SQLite and on PostgreSQL (a fresh database per test server).
# The two runs go side by side: they mostly wait (server start-ups, timeouts, retries), so together they take little
# more than the longer one alone. Each process gets its own half of the tests' port range, the Node services the tests
# start are installed first (two processes must not `npm ci` into one folder), and each run's output is printed whole
# when it ends.
for folder in tests/*/; do
  if [ -f "$folder/package-lock.json" ] && [ ! -d "$folder/node_modules" ]; then (cd "$folder" && npm ci --no-audit --no-fund --silent); fi
done
server_suite() { # server_suite <log> <port range> <env args...>: starts one run of the server suite in the background
  local log=$1 ports=$2; shift 2
  env "$@" PARLEY_TEST_PORTS="$ports" dotnet test tests/Parley.Server.Tests -c Debug --no-build --nologo \
    --filter "Category!=Cluster" --logger "console;verbosity=minimal" >"$log" 2>&1 &
  started_pids+=("$!")
}
finish_suite() { # finish_suite <pid> <log>: waits for a suite started in the background and prints its output
  local rc=0
  wait "$1" || rc=$?
  cat "$2"
  return $rc
}
suite_began=$SECONDS
server_suite "$work/server-sqlite.log" 20000-26383 -u PARLEY_TEST_POSTGRES; sqlite_pid=${started_pids[-1]}
server_suite "$work/server-postgres.log" 26384-32767; postgres_pid=${started_pids[-1]}
run_suite "server tests on SQLite (unit, integration, hub, authorization matrix, SIGKILL durability, CLI)" \
  finish_suite "$sqlite_pid" "$work/server-sqlite.log"
run_suite "server tests on PostgreSQL (the same suite)" \
  finish_suite "$postgres_pid" "$work/server-postgres.log"
unset suite_began
# Alone, because they restart the shared PostgreSQL and Redis: three and two node processes, SIGKILL, restarts.
run_suite "cluster tests (nodes on PostgreSQL + Redis: cross-node delivery, SIGKILL failover, database and Redis restarts)" \
  dotnet test tests/Parley.Server.Tests -c Debug --no-build --nologo --filter "Category=Cluster" --logger "console;verbosity=detailed"
smoke_loadgen() {
  # The load generator's smoke scenarios against a real server process, so the benchmark tools cannot rot:
  # `run --smoke`, then `connections` with two worker processes and two loopback source addresses.
  local port dir pid rc
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dir="$work/loadgen"; mkdir -p "$dir"
  dotnet bench/Parley.Seed/bin/Debug/net10.0/Parley.Seed.dll users --data "$dir/data" --count 40 --out "$dir/accounts.tsv" >"$dir/seed.log" 2>&1 || return 1
  dotnet src/Parley.Server/bin/Debug/net10.0/Parley.Server.dll --urls "http://127.0.0.1:$port" --data "$dir/data" \
    --Parley:Auth:LoginAttemptsPerMinute=1000 >"$dir/server.log" 2>&1 &
  pid=$!; started_pids+=("$pid")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  rc=0
  dotnet bench/Parley.LoadGen/bin/Debug/net10.0/Parley.LoadGen.dll run --smoke --target parley \
    --url "http://127.0.0.1:$port" --server-pid "$pid" --out "$dir/smoke.json" || rc=$?
  dotnet bench/Parley.LoadGen/bin/Debug/net10.0/Parley.LoadGen.dll connections --urls "http://127.0.0.1:$port" \
    --server-pids "$pid" --accounts "$dir/accounts.tsv" --users 40 --processes 2 --sources 127.0.0.1,127.0.0.2 \
    --room-size 20 --hold-seconds 3 --max-seconds 300 --out "$dir/connections.json" || rc=$?
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  # The stock SignalR hub (issue 21's ceiling baseline) in the JSON protocol, the one the web client speaks.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  dotnet bench/peers/StockHub/bin/Debug/net10.0/Parley.StockHub.dll --urls "http://127.0.0.1:$port" >"$dir/stockhub.log" 2>&1 &
  pid=$!; started_pids+=("$pid")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  dotnet bench/Parley.LoadGen/bin/Debug/net10.0/Parley.LoadGen.dll run --smoke --target stockhub --json-protocol \
    --url "http://127.0.0.1:$port" --server-pid "$pid" --out "$dir/stockhub.json" || rc=$?
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  return $rc
}
run_suite "load generator smoke (20 users, rooms, reconnect storm, history and search; 40 connections over 2 workers; the stock hub)" smoke_loadgen
run_suite "web unit tests (vitest)" bash -c "cd web && npm test --silent"
# The sign-in page's JavaScript on the wire (Brotli copies the build wrote) within issue 22's 150 KiB.
run_suite "web sign-in page budget (JavaScript on the wire)" bash -c "cd web && npm run size --silent"
run_suite "web end-to-end tests (real server, headless Chromium)" bash -c "cd web && npm run e2e --silent"

echo "=== wall time per suite (the whole command: ${SECONDS} s)"
printf '  %s\n' "${timings[@]}"
echo "suites: $passed passed, $failed failed"
[ "$failed" = 0 ]
