#!/usr/bin/env bash
# Runs every test suite of Parley. Installs what the tests need when it is missing,
# starts throwaway services on loopback ports in a temporary folder, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d -t parley-test.XXXXXX)
started_pids=()
cleanup() {
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
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

passed=0; failed=0
run_suite() { # run_suite <name> <command...>
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!!! $name failed"; fi
}

echo "=== prerequisites"
need_apt chromium chromium          # browser end-to-end tests (Playwright drives Debian's Chromium)
command -v npm >/dev/null || { echo "npm (Node 20) is required"; exit 1; }

echo "=== build (server, planner, tests; the server build also builds the web client)"
dotnet build Parley.slnx -c Debug -nologo -v quiet

run_suite "planner engine tests" \
  dotnet test tests/Parley.Planner.Tests -c Debug --no-build --nologo --logger "console;verbosity=minimal"
run_suite "server tests (unit, integration, hub, authorization matrix, SIGKILL durability, CLI)" \
  dotnet test tests/Parley.Server.Tests -c Debug --no-build --nologo --logger "console;verbosity=minimal"
run_suite "web unit tests (vitest)" bash -c "cd web && npm test --silent"
run_suite "web end-to-end tests (real server, headless Chromium)" bash -c "cd web && npm run e2e --silent"

echo "suites: $passed passed, $failed failed"
[ "$failed" = 0 ]
