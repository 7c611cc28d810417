// Group calls through a real Janus (issue 15). Janus gathers no ICE candidates on the loopback interface, so the test
// makes its own network namespace with a veth pair whose two ends (private addresses) both live inside it, and runs
// Janus, the Parley server and Chromium there: nothing leaves the machine, and only addresses inside the namespace the
// test made are used. `withJanusNamespace` is the root side (namespace up, the room script run inside, namespace and
// anything left in it removed); the room script is ./janus-room.mjs.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function ip(...args) {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** A fresh namespace `parley-janus-<random>` with veth pjA (Janus side) and pjB, both ends inside it, and loopback up. */
export function createNamespace() {
  const name = `parley-janus-${randomBytes(4).toString("hex")}`;
  const subnet = 1 + (randomBytes(1)[0] % 250);
  ip("netns", "add", name);
  try {
    ip("-n", name, "link", "add", "pjA", "type", "veth", "peer", "name", "pjB");
    ip("-n", name, "addr", "add", `10.213.${subnet}.1/24`, "dev", "pjA");
    ip("-n", name, "addr", "add", `10.213.${subnet}.2/24`, "dev", "pjB");
    for (const dev of ["lo", "pjA", "pjB"]) ip("-n", name, "link", "set", dev, "up");
  } catch (error) {
    removeNamespace(name);
    throw error;
  }
  return { name, janusIp: `10.213.${subnet}.1`, janusInterface: "pjA" };
}

/** Stops whatever still runs in the namespace (only processes this test started live there), then deletes it. */
export function removeNamespace(name) {
  let pids = [];
  try {
    pids = execFileSync("ip", ["netns", "pids", name], { encoding: "utf8" }).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no such namespace
  }
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  try {
    ip("netns", "del", name);
  } catch {
    // already gone
  }
}

/**
 * Runs janus-room.mjs inside a new namespace with `options` (participants, seconds, measure, logDir) and returns the
 * JSON it prints last. Throws with the script's output when it fails.
 */
export async function withJanusNamespace(options) {
  const ns = createNamespace();
  try {
    const args = ["netns", "exec", ns.name, process.execPath, join(here, "janus-room.mjs"), JSON.stringify({ ...options, janusIp: ns.janusIp, janusInterface: ns.janusInterface })];
    const child = spawn("ip", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const limitMs = (options.timeoutSeconds ?? 120) * 1000;
    const timer = setTimeout(() => process.kill(child.pid, "SIGTERM"), limitMs);
    const code = await new Promise((resolve) => child.on("exit", (c) => resolve(c)));
    clearTimeout(timer);
    const last = out.trim().split("\n").at(-1) ?? "";
    if (code !== 0) throw new Error(`janus-room.mjs exited with ${code}:\n${out.slice(-3000)}\n${err.slice(-3000)}`);
    return JSON.parse(last);
  } finally {
    removeNamespace(ns.name);
  }
}
