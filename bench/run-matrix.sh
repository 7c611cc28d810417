#!/usr/bin/env bash
# bench/run-matrix.sh: the comparison matrix in one command (issue 7).
# Builds the load generator and the server, then runs the same scenarios against Parley,
# ejabberd and Prosody in turn, each started with fresh state on 127.0.0.1 and stopped by
# PID. Writes bench/results/<date>-<commit>.json, the table in docs/benchmarks.md and
# bench/results/capacity-profile.json.
#
# Sizes come from the environment (defaults below); every run is bounded by MAX_SECONDS.
#   USERS=2000 ROOMS=100x20,1000x2 RATE=100 DURATION=15 REPEAT=1 TARGETS=parley,ejabberd,prosody,stockhub
#   PROTOCOLS=messagepack (or messagepack,json: Parley and the stock hub once per SignalR hub protocol; the JSON runs
#   are named parley-json and stockhub-json)
#   SATURATION_START=100 SATURATION_STEPS=7 SATURATION_STEP_SECONDS=8
#   RATES=50,200,500: several offered loads in one command (messages/s per room of 100, i.e. 5,000, 20,000 and 50,000
#   deliveries/s; rooms of 1,000 get a tenth); the table then has a row per load. Replaces RATE; the first rate is the
#   reference load (scenario names rooms_k100/rooms_k1000); the others add rooms_k<size>_r<rate>.
#   CONNECTIONS=bench/results/<run>.json: the capacity profile's connection figures come from that connections run
#   (bench/run-connections.sh) instead of the matrix's idle connections, which are only a lower bound.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

USERS=${USERS:-2000}
ROOMS=${ROOMS:-100x20,1000x2}
RATES=${RATES:-}
RATE=${RATE:-100}
[ -n "$RATES" ] && RATE=${RATES%%,*}
DURATION=${DURATION:-15}
REPEAT=${REPEAT:-1}
TARGETS=${TARGETS:-parley,ejabberd,prosody,stockhub}
PROTOCOLS=${PROTOCOLS:-messagepack}
SCENARIOS=${SCENARIOS:-idle,rooms,saturation,reconnect,history}
SATURATION_START=${SATURATION_START:-100}
SATURATION_STEPS=${SATURATION_STEPS:-7}
SATURATION_STEP_SECONDS=${SATURATION_STEP_SECONDS:-8}
MAX_SECONDS=${MAX_SECONDS:-1200}

commit=$(git rev-parse --short HEAD)
date=$(date -u +%Y-%m-%d)
work=$(mktemp -d /tmp/parley-matrix.XXXXXX)
started=()
cleanup() {
  for d in "${started[@]}"; do bench/peers/stop.sh "$d" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

# Build from the committed tree, not the working tree: the figures are filed under $commit,
# and other engineers' half-written edits in the working tree must not break (or leak into)
# the run. The web client is not needed to measure the server.
echo "== build $commit" >&2
src="$work/src"
mkdir -p "$src"
git archive HEAD src bench Directory.Build.props Directory.Packages.props global.json .editorconfig | tar -x -C "$src"
dotnet build "$src/bench/Parley.LoadGen" -c Release -v q -nologo >&2
if [[ ",$TARGETS," == *",parley,"* ]]; then
  dotnet build "$src/bench/Parley.Seed" -c Release -v q -nologo -p:SkipWebBuild=true >&2
  export PARLEY_DLL="$src/bench/Parley.Seed/bin/Release/net10.0/Parley.Server.dll"
  export SEEDER_DLL="$src/bench/Parley.Seed/bin/Release/net10.0/Parley.Seed.dll"
fi
if [[ ",$TARGETS," == *",stockhub,"* ]]; then
  dotnet build "$src/bench/peers/StockHub" -c Release -v q -nologo >&2
  export STOCKHUB_DLL="$src/bench/peers/StockHub/bin/Release/net10.0/Parley.StockHub.dll"
fi
bench/peers/install.sh >&2
loadgen=(dotnet "$src/bench/Parley.LoadGen/bin/Release/net10.0/Parley.LoadGen.dll")

common=(--users "$USERS" --rooms "$ROOMS" --rate "$RATE" --duration "$DURATION" --scenarios "$SCENARIOS"
        --saturation-start "$SATURATION_START" --saturation-steps "$SATURATION_STEPS"
        --saturation-step-seconds "$SATURATION_STEP_SECONDS" --max-seconds "$MAX_SECONDS" --commit "$commit")
[ -n "$RATES" ] && common+=(--rates "$RATES")
runs=()
status=0
# One run of a target: "parley", "parley-json", "stockhub", "stockhub-json", "ejabberd", "prosody".
run_one() {
  local run=$1 rep=$2 dir pid args
  dir="$work/$run-$rep"
  echo "== $run (run $rep of $REPEAT)" >&2
  case $run in
    parley|parley-json)
              pid=$(SEED_USERS=$USERS bench/start-parley.sh "$dir" 17080)
              args=(--target parley --name "$run" --url http://127.0.0.1:17080 --server-data "$dir/data" --accounts "$dir/accounts.tsv") ;;
    stockhub|stockhub-json)
              pid=$(bench/peers/start-stockhub.sh "$dir" 18080)
              args=(--target stockhub --name "$run" --url http://127.0.0.1:18080) ;;
    ejabberd) pid=$(bench/peers/start-ejabberd.sh "$dir" 15222)
              args=(--target xmpp --name ejabberd --xmpp 127.0.0.1:15222) ;;
    prosody)  pid=$(bench/peers/start-prosody.sh "$dir" 16222)
              args=(--target xmpp --name prosody --xmpp 127.0.0.1:16222) ;;
    *) echo "unknown target $run" >&2; exit 2 ;;
  esac
  [[ $run == *-json ]] && args+=(--json-protocol)
  started+=("$dir")
  echo "   pid $pid, state in $dir" >&2
  "${loadgen[@]}" run "${args[@]}" --server-pid "$pid" "${common[@]}" --out "$work/$run-$rep.json" || status=1
  bench/peers/stop.sh "$dir"
  runs+=("$work/$run-$rep.json")
}

for rep in $(seq 1 "$REPEAT"); do
  for target in ${TARGETS//,/ }; do
    for protocol in ${PROTOCOLS//,/ }; do
      if [[ $target == parley || $target == stockhub ]]; then
        if [ "$protocol" = json ]; then run_one "$target-json" "$rep"; else run_one "$target" "$rep"; fi
      elif [ "$protocol" = "${PROTOCOLS%%,*}" ]; then
        run_one "$target" "$rep"  # XMPP peers have one protocol: run them once
      fi
    done
  done
done

out="bench/results/$date-$commit.json"
load="RATE=$RATE"; [ -n "$RATES" ] && load="RATES=$RATES"
cmd="USERS=$USERS ROOMS=$ROOMS $load DURATION=$DURATION REPEAT=$REPEAT TARGETS=$TARGETS PROTOCOLS=$PROTOCOLS bench/run-matrix.sh"
profile=()
[[ ",$TARGETS," == *",parley,"* ]] && profile=(--profile bench/results/capacity-profile.json)
[[ ${#profile[@]} -gt 0 && -n "${CONNECTIONS:-}" ]] && profile+=(--connections "$CONNECTIONS")
"${loadgen[@]}" report --runs "${runs[@]}" --out "$out" --markdown docs/benchmarks.md \
  "${profile[@]}" --command "$cmd" --commit "$commit" || status=1
echo "matrix: $out (threshold failures make this exit non-zero: $status)" >&2
exit $status
