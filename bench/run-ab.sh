#!/usr/bin/env bash
# bench/run-ab.sh: A/B of two commits of the server in one window (issue 12's "no performance regression").
# Builds BASE and HEAD (git archive, Release, no web client), then alternates them REPEAT times, each on fresh state
# with the same load generator (HEAD's) running the rooms scenarios (rooms of 100 and of 1,000), and reports the
# medians of deliveries per server CPU-second and of send latency, with HEAD/BASE ratios. Bounded like the matrix.
#   BASE=ea35600 HEAD=HEAD USERS=2000 ROOMS=100x20,1000x1 RATE=100 DURATION=10 REPEAT=3 bench/run-ab.sh
# RATES=50,200,500 measures several offered loads in each run (per room of 100; rooms of 1,000 get a tenth), a row per
# load. PROTOCOLS=messagepack,json runs each variant once per SignalR hub protocol (rows named …/json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
BASE=${BASE:-ea35600}
HEAD=${HEAD:-HEAD}
USERS=${USERS:-2000}
ROOMS=${ROOMS:-100x20,1000x1}
RATE=${RATE:-100}
RATES=${RATES:-$RATE}
PROTOCOLS=${PROTOCOLS:-messagepack}
DURATION=${DURATION:-10}
REPEAT=${REPEAT:-3}
MAX_SECONDS=${MAX_SECONDS:-600}
PORT=${PORT:-17080}
base=$(git rev-parse --short "$BASE")
head=$(git rev-parse --short "$HEAD")
work=$(mktemp -d /tmp/parley-ab.XXXXXX)
started=()
cleanup() { for d in "${started[@]}"; do bench/peers/stop.sh "$d" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

build() { # build <commit> <dir>
  mkdir -p "$2"
  git archive "$1" src bench Directory.Build.props Directory.Packages.props global.json .editorconfig | tar -x -C "$2"
  dotnet build "$2/bench/Parley.Seed" -c Release -v q -nologo -p:SkipWebBuild=true >&2
}
echo "== build $base and $head" >&2
build "$base" "$work/base"
build "$head" "$work/head"
dotnet build "$work/head/bench/Parley.LoadGen" -c Release -v q -nologo >&2
loadgen=(dotnet "$work/head/bench/Parley.LoadGen/bin/Release/net10.0/Parley.LoadGen.dll")

runs=()
for rep in $(seq 1 "$REPEAT"); do
  # Alternate which variant goes first, so drift in the machine's load falls on both.
  order="base head"; [ $((rep % 2)) = 0 ] && order="head base"
  for protocol in ${PROTOCOLS//,/ }; do
    for v in $order; do
      dir="$work/run-$v-$protocol-$rep"
      echo "== $v $protocol (run $rep of $REPEAT)" >&2
      pid=$(PARLEY_DLL="$work/$v/bench/Parley.Seed/bin/Release/net10.0/Parley.Server.dll" \
            SEEDER_DLL="$work/$v/bench/Parley.Seed/bin/Release/net10.0/Parley.Seed.dll" \
            SEED_USERS=$USERS bench/start-parley.sh "$dir" "$PORT")
      started+=("$dir")
      json=(); [ "$protocol" = json ] && json=(--json-protocol)
      "${loadgen[@]}" run --target parley --name "$protocol" "${json[@]}" --url "http://127.0.0.1:$PORT" --server-data "$dir/data" \
        --accounts "$dir/accounts.tsv" --server-pid "$pid" --users "$USERS" --rooms "$ROOMS" --rates "$RATES" --duration "$DURATION" \
        --scenarios rooms --max-seconds "$MAX_SECONDS" --commit "$v" --out "$work/$v-$protocol-$rep.json" || true
      bench/peers/stop.sh "$dir"
      runs+=("$work/$v-$protocol-$rep.json")
    done
  done
done

out="bench/results/$(date -u +%Y-%m-%d)-ab-$base-$head.json"
python3 - "$out" "$base" "$head" "USERS=$USERS ROOMS=$ROOMS RATES=$RATES PROTOCOLS=$PROTOCOLS DURATION=$DURATION REPEAT=$REPEAT BASE=$BASE HEAD=$HEAD bench/run-ab.sh" "${runs[@]}" <<'PY'
import json, statistics, sys
out, base, head, command, *files = sys.argv[1:]
runs = {"base": [], "head": []}
for f in files:
    try:
        d = json.load(open(f))
    except (OSError, ValueError):
        continue
    # one entry per run: its hub protocol ("messagepack" or "json") and its scenarios' metrics
    runs[d["commit"]].append({"protocol": d["target"], "scenarios": {s["name"]: s["metrics"] for s in d["scenarios"]}})
keys = ["deliveries_per_cpu_sec", "p50_ms", "p99_ms", "server_cpu_seconds", "delivered_ratio"]
def offered(name):  # offered deliveries/s of a scenario, for ordering and labels
    for r in runs["base"] + runs["head"]:
        m = r["scenarios"].get(name)
        if m: return m.get("offered_rate", 0) * m.get("room_size", 0)
    return 0
names = sorted({n for r in runs["base"] + runs["head"] for n in r["scenarios"] if n.startswith("rooms_k")},
               key=lambda n: (int(n.split("_")[1][1:]), offered(n)))
protocols = [p for p in ("messagepack", "json") if any(r["protocol"] == p for r in runs["base"] + runs["head"])]
summary = {}
for protocol in protocols:
    for scenario in names:
        row = {"protocol": protocol, "scenario": scenario, "offered_deliveries_per_sec": offered(scenario)}
        for v in ("base", "head"):
            vals = [r["scenarios"][scenario] for r in runs[v] if r["protocol"] == protocol and scenario in r["scenarios"]]
            row[v] = {k: statistics.median(m[k] for m in vals) for k in keys} if vals else None
            row[v + "_runs"] = [m["deliveries_per_cpu_sec"] for m in vals]
        if row["base"] and row["head"]:
            row["ratio"] = {k: round(row["head"][k] / row["base"][k], 3) if row["base"][k] else None for k in keys}
        summary[f"{scenario}/{protocol}"] = row
json.dump({"command": command, "base": base, "head": head, "summary": summary, "runs": runs}, open(out, "w"), indent=2)
print(f"| scenario | protocol | offered deliveries/s | {base} deliveries/CPU-s | {head} deliveries/CPU-s | ratio | {base} p50 / p99 ms | {head} p50 / p99 ms |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for key, row in summary.items():
    scenario, protocol = key.split("/")
    if not row.get("ratio"):
        print(f"| {scenario} | {protocol} | (missing) |"); continue
    b, h, r = row["base"], row["head"], row["ratio"]
    print(f"| {scenario} | {protocol} | {row['offered_deliveries_per_sec']:,.0f} | {b['deliveries_per_cpu_sec']:.0f} | {h['deliveries_per_cpu_sec']:.0f} | "
          f"{r['deliveries_per_cpu_sec']} | {b['p50_ms']:.1f} / {b['p99_ms']:.1f} | {h['p50_ms']:.1f} / {h['p99_ms']:.1f} |")
print(f"results: {out}", file=sys.stderr)
PY
