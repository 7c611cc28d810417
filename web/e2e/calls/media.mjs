// Helpers of the call specs (issue 15): a Chromium with fake media devices, the page's peer connections recorded so a
// spec can read getStats(), and servers of their own where a spec needs other call settings (TURN, ring timeout).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api, uniqueName } from "../harness/api.mjs";
import { launchBrowser } from "../harness/browser.mjs";
import { freePort, ParleyServer } from "../harness/server.mjs";

/** Runs in every page before the app: keeps each RTCPeerConnection the app makes in window.__pcs. */
function recordPeerConnections() {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__pcs.push(this);
    }
  };
}

/** A media-capable browser whose contexts the returned `close` ends; `ctx` is the spec's context pointing at it. */
export async function mediaBrowser(ctx, server = ctx.server) {
  const browser = await launchBrowser({ media: true });
  const contexts = [];
  const mctx = {
    ...ctx,
    server,
    async newContext(options) {
      const context = await browser.newContext(options);
      contexts.push(context);
      await context.addInitScript(recordPeerConnections);
      return context;
    },
  };
  return {
    ctx: mctx,
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

/** The figures of the page's newest open peer connection that a spec checks. */
export function callStats(page) {
  return page.evaluate(async () => {
    const pc = [...(window.__pcs ?? [])].reverse().find((p) => p.connectionState !== "closed");
    if (!pc) return null;
    const out = { state: pc.connectionState, videoBytesIn: 0, framesDecoded: 0, audioBytesOut: 0, audioPacketsOut: 0, localCandidate: null, videoTrack: null };
    const stats = await pc.getStats();
    const byId = new Map();
    stats.forEach((s) => byId.set(s.id, s));
    stats.forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "video") {
        out.videoBytesIn += s.bytesReceived ?? 0;
        out.framesDecoded += s.framesDecoded ?? 0;
      }
      if (s.type === "outbound-rtp" && s.kind === "audio") {
        out.audioBytesOut += s.bytesSent ?? 0;
        out.audioPacketsOut += s.packetsSent ?? 0;
      }
      if (s.type === "transport" && s.selectedCandidatePairId) {
        const pair = byId.get(s.selectedCandidatePairId);
        out.localCandidate = byId.get(pair?.localCandidateId)?.candidateType ?? null;
      }
    });
    const sender = pc.getSenders().find((s) => s.track?.kind === "video" || (s.track === null && pc.getTransceivers().some((t) => t.sender === s && t.receiver.track.kind === "video")));
    out.videoTrack = sender?.track ? sender.track.label : null;
    return out;
  });
}

/** A Parley server of the spec's own with these settings, its administrator, and a way to make users and DMs. */
export async function ownServer(ctx, extraArgs) {
  const server = await ParleyServer.create(ctx.server.logDir, extraArgs);
  await server.start();
  await new Api(server.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
  const admin = await new Api(server.url).login("admin", ctx.password);
  return {
    server,
    async user(prefix, displayName) {
      const username = uniqueName(prefix);
      const user = await admin.call("POST", "/users", { username, password: ctx.password, displayName });
      return { ...user, username, password: ctx.password, api: await new Api(server.url).login(username, ctx.password) };
    },
    async stop() {
      await server.kill("SIGTERM");
      rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's coturn on loopback with the shared-secret scheme Parley's credentials follow; stopped by PID. */
export async function startCoturn() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "parley-coturn-"));
  const secret = `coturn-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const child = spawn("/usr/bin/turnserver", [
    "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", `--listening-port=${port}`,
    "--use-auth-secret", `--static-auth-secret=${secret}`, "--realm=parley.test",
    "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers",
    `--userdb=${dir}/turndb`, `--pidfile=${dir}/turnserver.pid`, "--log-file=stdout", "--simple-log",
  ], { stdio: ["ignore", "pipe", "ignore"] });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("turnserver did not get ready within 10 s")), 10_000);
    child.once("exit", (code) => reject(new Error(`turnserver exited with ${code} (is Debian's coturn installed?)`)));
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("Total General servers")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stdout.resume();
  return {
    port,
    secret,
    url: `turn:127.0.0.1:${port}?transport=udp`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(child.pid, "SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
