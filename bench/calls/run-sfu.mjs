#!/usr/bin/env node
// Server-side cost of group calls through the Janus SFU (issue 15, "Measured, for the planner"): for a 1:1 call through
// the SFU, a 5-person and a 10-person room, every participant a headless Chromium context with Chromium's fake camera
// (160×120, 15 fps) and microphone, in a network namespace this script makes (web/e2e/harness/janus.mjs; nothing leaves
// the machine). Each room is measured for MEASURE_SECONDS (default 20) once every participant decodes every other one's video:
//   - Janus CPU from /proc/<pid>/stat (utime+stime), as % of one core, and per forwarded stream;
//   - media bytes into and out of Janus from the browsers' getStats (outbound-rtp bytesSent = into Janus,
//     inbound-rtp bytesReceived = out of Janus), per publisher and per forwarded stream;
//   - Parley's CPU for the signalling (start + every join: grant from Janus) and while the call runs;
//   - join → every remote video decoding (ms) per participant.
// Writes bench/results/<date>-<commit>-calls-sfu.json. Root is needed (ip netns). Usage:
//   node bench/calls/run-sfu.mjs            SIZES=2,5,10 MEASURE_SECONDS=20 node bench/calls/run-sfu.mjs
// The browsers share the machine with Janus: on 2 cores ten fake cameras encoding and decoding 90 streams compete
// with Janus for CPU, so treat the 10-person figures as an upper bound of the load and a lower bound of the bitrate.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withJanusNamespace } from "../../web/e2e/harness/janus.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sizes = (process.env.SIZES ?? "2,5,10").split(",").map(Number);
const seconds = Number(process.env.MEASURE_SECONDS ?? 20);

const git = (...args) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
// `janus --version` prints the version, then complains about the option and exits 1.
const janusVersion = spawnSync("janus", ["--version"], { encoding: "utf8" }).stdout.match(/\(([\d.]+)\)/)?.[1] ?? "unknown";

const rooms = [];
for (const size of sizes) {
  // 1:1 through the SFU: a conversation of three with a peer-to-peer limit of two, of which two join.
  const options = size === 2 ? { participants: 2, members: 3, p2pMax: 2 } : { participants: size, members: size, p2pMax: 4 };
  const before = loadavg()[0];
  const started = Date.now();
  try {
    const result = await withJanusNamespace({ ...options, measure: true, seconds, decodeTimeoutMs: 90_000, timeoutSeconds: 300, logDir: join(tmpdir(), "parley-sfu-bench") });
    rooms.push({ ...result, loadAverageBefore: before, wallSeconds: (Date.now() - started) / 1000 });
    console.log(JSON.stringify(rooms.at(-1)));
  } catch (error) {
    rooms.push({ participants: size, error: String(error instanceof Error ? error.message : error).slice(0, 2000), loadAverageBefore: before });
    console.error(`room of ${size} failed: ${rooms.at(-1).error}`);
  }
}

const out = {
  kind: "calls-sfu",
  date: new Date().toISOString(),
  commit: git("rev-parse", "--short", "HEAD"),
  janus: janusVersion,
  machine: { cores: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg(), uptime: execFileSync("uptime", { encoding: "utf8" }).trim() },
  media: { video: "Chromium fake camera 160x120 @ 15 fps, VP8, Janus REMB cap 512 kbit/s", audio: "Chromium fake microphone, Opus" },
  provenance: "bench/calls/run-sfu.mjs: browsers, Janus and Parley on one shared 2-core machine in one network namespace",
  rooms,
};
mkdirSync(join(repo, "bench/results"), { recursive: true });
const file = join(repo, "bench/results", `${out.date.slice(0, 10)}-${out.commit}-calls-sfu.json`);
writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
console.log(`wrote ${file}`);
process.exitCode = rooms.some((r) => r.error) ? 1 : 0;
