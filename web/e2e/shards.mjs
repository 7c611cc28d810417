// Splits the e2e run into shards that run side by side (e2e/run.mjs), each a child process with its own server and
// browser. Every shard starts with the setup spec (it creates the administrator on its empty server) and keeps the
// specs' order; the specs of one folder stay together (the calls specs share the Janus harness, the admin specs the
// server's settings), and the server-restart spec, which kills its server, ends the last shard.
import { spawn } from "node:child_process";
import { dirname } from "node:path";

const LAST = "resilience/server-restart.spec.mjs";

/** The specs of shard "i/n" (0-based), in the runner's order. */
export function shardOf(specs, shard) {
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new Error(`--shard must be i/n with 0 <= i < n, not '${shard}'`);
  const [first, ...rest] = specs;
  const groups = new Map();
  for (const spec of rest) if (spec !== LAST) groups.set(dirname(spec), [...(groups.get(dirname(spec)) ?? []), spec]);
  // Largest folders first, each to the shard with the fewest specs so far (ties to the lower index): deterministic.
  const load = new Array(count).fill(0);
  const owner = new Map();
  for (const [folder, members] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const to = load.indexOf(Math.min(...load));
    owner.set(folder, to);
    load[to] += members.length;
  }
  const mine = rest.filter((spec) => spec !== LAST && owner.get(dirname(spec)) === index);
  return [first, ...mine, ...(index === count - 1 && specs.includes(LAST) ? [LAST] : [])];
}

/** Runs every shard as a child of the runner; each line of output is prefixed with its shard. Resolves to the exit code. */
export async function runShards(runner, count) {
  const codes = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const child = spawn(process.execPath, [runner, `--shard=${index}/${count}`], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
      const prefix = (stream, out) => {
        let pending = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk) => {
          const lines = (pending + chunk).split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) out.write(`[${index}] ${line}\n`);
        });
        stream.on("end", () => pending && out.write(`[${index}] ${pending}\n`));
      };
      prefix(child.stdout, process.stdout);
      prefix(child.stderr, process.stderr);
      return new Promise((resolve) => child.on("close", (code, signal) => resolve(signal ? 1 : (code ?? 1))));
    }),
  );
  codes.forEach((code, index) => console.log(`shard ${index}/${count}: ${code === 0 ? "passed" : `failed (exit ${code})`}`));
  return codes.some((code) => code !== 0) ? 1 : 0;
}
