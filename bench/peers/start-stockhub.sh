#!/usr/bin/env bash
# start-stockhub.sh WORKDIR [PORT]
# Starts the stock SignalR hub (bench/peers/StockHub, Release; STOCKHUB_DLL overrides the path) on 127.0.0.1:PORT
# (default 18080). Prints the PID of the process-group leader; stop it with stop.sh WORKDIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
dir=${1:?usage: start-stockhub.sh WORKDIR [PORT]}
port=${2:-18080}
dll=${STOCKHUB_DLL:-"$here/StockHub/bin/Release/net10.0/Parley.StockHub.dll"}
[ -f "$dll" ] || { echo "build it first: dotnet build bench/peers/StockHub -c Release" >&2; exit 1; }
port_free "$port" || { echo "port $port already in use" >&2; exit 1; }
rm -rf "$dir"; mkdir -p "$dir"
start_detached "$dir" dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null
pid=$(cat "$dir/pid")
wait_port 127.0.0.1 "$port" 60 "$pid" || { echo "stock hub did not start; see $dir/stderr.log" >&2; exit 1; }
echo "$pid"
