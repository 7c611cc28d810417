#!/usr/bin/env python3
"""bench/connections-curve.py RESULT.json… [--predict N]

The curve of several `connections` runs (bench/run-connections.sh) and a model fitted to it by least squares: idle CPU
(cores) proportional to the held connections, y = b·N (idling is per-connection work: pings and their timers), and
memory (MB) a straight line, y = a + b·N (a: the processes' own base), for the servers and for the load generator;
with the model's error on every measured point and what it predicts at --predict (default 100,000). Prints Markdown.
Give it runs of one configuration (the same node count): the base differs with the number of processes.
"""
import json
import sys


def metrics(path):
    with open(path) as f:
        run = json.load(f)
    m = run["scenarios"][0]["metrics"] if run.get("scenarios") else {}
    return run, m


def fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def fit_through_origin(xs, ys):
    sxx = sum(x * x for x in xs)
    return 0.0, (sum(x * y for x, y in zip(xs, ys)) / sxx if sxx else 0.0)


def main(argv):
    predict = 100_000
    files = []
    it = iter(argv)
    for a in it:
        if a == "--predict":
            predict = int(next(it))
        else:
            files.append(a)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    rows = []
    for path in files:
        run, m = metrics(path)
        rows.append((path, run, m))
    rows.sort(key=lambda r: r[2].get("connections", 0))

    print("| Run | Users | Held | Connect rate | Liveness | Servers idle CPU (cores) | Load generator idle CPU (cores) "
          "| Servers RSS (MB) | Load generator RSS (MB) | PostgreSQL + Redis PSS (MB) |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for path, run, m in rows:
        users = int(run["parameters"].get("users", 0))
        live = (f'{int(m["liveness_delivered"]):,} of {int(m["liveness_expected"]):,} in {m["liveness_complete_seconds"]} s'
                if "liveness_expected" in m else "not reached")
        print(f'| `{path.rsplit("/", 1)[-1]}` | {users:,} | {int(m.get("connections", 0)):,} | {m.get("connect_per_sec", 0)}/s | {live} '
              f'| {m.get("idle_cpu_util", float("nan")):.3f} | {m.get("loadgen_idle_cpu_util", float("nan")):.3f} '
              f'| {m.get("server_rss_kb", 0) / 1024:.0f} | {m.get("loadgen_rss_kb", 0) / 1024:.0f} '
              f'| {m.get("services_pss_kb", 0) / 1024:.0f} |')

    series = {
        "servers idle CPU (cores)": "idle_cpu_util",
        "load generator idle CPU (cores)": "loadgen_idle_cpu_util",
        "servers RSS (MB)": "server_rss_kb",
        "load generator RSS (MB)": "loadgen_rss_kb",
    }
    print()
    print(f"| Quantity | a | b per 1,000 connections | error on each point (measured → model) | at {predict:,} |")
    print("|---|---:|---:|---|---:|")
    for label, key in series.items():
        pts = [(m["connections"], m[key] / (1024 if key.endswith("_kb") else 1)) for _, _, m in rows
               if key in m and m.get("connections")]
        if len(pts) < 2:
            continue
        a, b = (fit if key.endswith("_kb") else fit_through_origin)([p[0] for p in pts], [p[1] for p in pts])
        errs = ", ".join(f"{int(n):,}: {y:.3g} → {a + b * n:.3g} ({(a + b * n - y) / y * 100:+.1f} %)" for n, y in pts)
        print(f"| {label} | {a:.3g} | {b * 1000:.3g} | {errs} | {a + b * predict:.3g} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
