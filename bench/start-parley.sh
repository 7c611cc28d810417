#!/usr/bin/env bash
# start-parley.sh WORKDIR [PORT]
# Starts the built Parley server (Release; PARLEY_DLL overrides the path) on 127.0.0.1:PORT (default 17080) with a fresh
# data folder WORKDIR/data; prints the PID of the process-group leader. Stop it with
# bench/peers/stop.sh WORKDIR, exactly like the peers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/peers/lib.sh"
dir=${1:?usage: start-parley.sh WORKDIR [PORT]}
port=${2:-17080}
dll=${PARLEY_DLL:-"$root/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll"}
[ -f "$dll" ] || { echo "build the server first: dotnet build src/Parley.Server -c Release" >&2; exit 1; }
port_free "$port" || { echo "port $port already in use" >&2; exit 1; }
rm -rf "$dir"; mkdir -p "$dir/data"

# SEED_USERS=N: before the server starts, bench/Parley.Seed creates N users with sessions
# through the server's own storage code and writes WORKDIR/accounts.tsv (LoadGen --accounts).
if [ "${SEED_USERS:-0}" -gt 0 ]; then
  seeder=${SEEDER_DLL:-"$root/bench/Parley.Seed/bin/Release/net10.0/Parley.Seed.dll"}
  [ -f "$seeder" ] || { echo "build the seeder first: dotnet build bench/Parley.Seed -c Release -p:SkipWebBuild=true" >&2; exit 1; }
  dotnet "$seeder" users --data "$dir/data" --count "$SEED_USERS" --out "$dir/accounts.tsv" >&2
fi

# The login limiter (30 attempts per minute per address) guards against password guessing;
# the load generator logs every simulated user in from 127.0.0.1, so it is lifted here.
# Everything else runs as shipped.
start_detached "$dir" dotnet "$dll" --urls "http://127.0.0.1:$port" --data "$dir/data" \
  --Parley:Auth:LoginAttemptsPerMinute=1000000
pid=$(cat "$dir/pid")
if ! wait_port 127.0.0.1 "$port" 60 "$pid"; then
  echo "parley did not listen on $port within 60 s; see $dir/stderr.log" >&2
  kill -- -"$pid" 2>/dev/null || true
  exit 1
fi
echo "$port" > "$dir/port"
