#!/usr/bin/env bash
# bench/run-rules-ab.sh: the messaging matrix without and with 10,000 sensitive-word rules (issue 16's "within 5 %").
# One build (this checkout, Release), alternated REPEAT times on fresh state, order swapped every repeat; the "rules"
# variant imports RULES invented mask rules through the API (deterministic, mixed Chinese/English, for all
# conversations; import makes no pinyin rules) before the load starts. Reports medians and the with/without ratio.
#   USERS=1000 ROOMS=100x10 RATE=100 DURATION=10 REPEAT=3 RULES=10000 bench/run-rules-ab.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
USERS=${USERS:-1000}
ROOMS=${ROOMS:-100x10}
RATE=${RATE:-100}
DURATION=${DURATION:-10}
REPEAT=${REPEAT:-3}
RULES=${RULES:-10000}
PORT=${PORT:-17180}
MAX_SECONDS=${MAX_SECONDS:-300}
work=$(mktemp -d /tmp/parley-rules-ab.XXXXXX)
started=()
cleanup() { for d in "${started[@]}"; do bench/peers/stop.sh "$d" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

echo "== build" >&2
dotnet build bench/Parley.Seed -c Release -v q -nologo -p:SkipWebBuild=true >&2
dotnet build bench/Parley.LoadGen -c Release -v q -nologo >&2
loadgen=(dotnet bench/Parley.LoadGen/bin/Release/net10.0/Parley.LoadGen.dll)

# The invented rules, the same every run (seed 16): 2–5 ideographs, or 4–8 Latin letters for one in four.
python3 - "$RULES" > "$work/rules.txt" <<'PY'
import random, sys
r = random.Random(16); words = set()
while len(words) < int(sys.argv[1]):
    latin = r.randrange(4) == 0
    n = r.randrange(4, 9) if latin else r.randrange(2, 6)
    words.add("".join(chr(r.randrange(ord("a"), ord("z") + 1)) if latin else chr(r.randrange(0x4E00, 0x9FA5)) for _ in range(n)))
print("\n".join(sorted(words)))
PY
body=$(python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read(), "action": "mask"}))' "$work/rules.txt")
echo "$body" > "$work/import.json"

runs=()
for rep in $(seq 1 "$REPEAT"); do
  order="none rules"; [ $((rep % 2)) = 0 ] && order="rules none"
  for v in $order; do
    dir="$work/run-$v-$rep"
    echo "== $v (run $rep of $REPEAT)" >&2
    pid=$(PARLEY_DLL="$root/bench/Parley.Seed/bin/Release/net10.0/Parley.Server.dll" SEED_USERS=$USERS bench/start-parley.sh "$dir" "$PORT")
    started+=("$dir")
    if [ "$v" = rules ]; then
      token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"lgadmin","password":"lg-admin-password-2026"}' \
        "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
      curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$work/import.json" \
        "http://127.0.0.1:$PORT/api/v1/moderation/rules/import" >&2
      echo >&2
    fi
    "${loadgen[@]}" run --target parley --url "http://127.0.0.1:$PORT" --server-data "$dir/data" --accounts "$dir/accounts.tsv" \
      --server-pid "$pid" --users "$USERS" --rooms "$ROOMS" --rate "$RATE" --duration "$DURATION" --scenarios rooms \
      --max-seconds "$MAX_SECONDS" --commit "$v" --out "$work/$v-$rep.json" >&2 || true
    bench/peers/stop.sh "$dir"
    runs+=("$work/$v-$rep.json")
  done
done

out="bench/results/$(date -u +%Y-%m-%d)-rules-ab-$(git rev-parse --short HEAD).json"
python3 - "$out" "USERS=$USERS ROOMS=$ROOMS RATE=$RATE DURATION=$DURATION REPEAT=$REPEAT RULES=$RULES bench/run-rules-ab.sh" "${runs[@]}" <<'PY'
import json, statistics, sys
out, command, *files = sys.argv[1:]
runs = {"none": [], "rules": []}
for f in files:
    try:
        d = json.load(open(f))
    except (OSError, ValueError):
        continue
    runs[d["commit"]].append({s["name"]: s["metrics"] for s in d["scenarios"]})
keys = ["deliveries_per_cpu_sec", "p50_ms", "p99_ms", "server_cpu_seconds", "delivered_ratio"]
summary = {}
scenarios = sorted({s for v in runs.values() for r in v for s in r})
print("| scenario | without rules: deliveries/CPU-s (runs) | with rules (runs) | ratio of medians | p50 / p99 ms without | with |")
print("|---|---|---|---|---|---|")
for scenario in scenarios:
    row = {}
    for v in ("none", "rules"):
        vals = [r[scenario] for r in runs[v] if scenario in r]
        row[v] = {k: statistics.median(m[k] for m in vals) for k in keys} if vals else None
        row[v + "_runs"] = [round(m["deliveries_per_cpu_sec"]) for m in vals]
    if row["none"] and row["rules"]:
        row["ratio"] = {k: round(row["rules"][k] / row["none"][k], 3) if row["none"][k] else None for k in keys}
        n, w = row["none"], row["rules"]
        print(f"| {scenario} | {n['deliveries_per_cpu_sec']:.0f} {row['none_runs']} | {w['deliveries_per_cpu_sec']:.0f} {row['rules_runs']} | "
              f"{row['ratio']['deliveries_per_cpu_sec']} | {n['p50_ms']:.1f} / {n['p99_ms']:.1f} | {w['p50_ms']:.1f} / {w['p99_ms']:.1f} |")
    summary[scenario] = row
json.dump({"command": command, "summary": summary, "runs": runs}, open(out, "w"), indent=2)
print(f"results: {out}", file=sys.stderr)
PY
