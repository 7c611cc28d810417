#!/usr/bin/env bash
# stop.sh WORKDIR: ends the server started by start-*.sh WORKDIR, and only it:
# the process group whose leader PID is recorded in WORKDIR/pid.
set -uo pipefail
dir=${1:?usage: stop.sh WORKDIR}
[ -f "$dir/pid" ] || { echo "no $dir/pid" >&2; exit 0; }
pid=$(cat "$dir/pid")
kill -TERM -- -"$pid" 2>/dev/null || exit 0
for _ in $(seq 1 100); do
  kill -0 -- -"$pid" 2>/dev/null || { rm -f "$dir/pid"; exit 0; }
  sleep 0.1
done
kill -KILL -- -"$pid" 2>/dev/null || true
rm -f "$dir/pid"
