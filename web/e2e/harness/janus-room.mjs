// Runs INSIDE the network namespace made by janus.mjs (`ip netns exec`): a real Janus (only the video-room plugin and
// the HTTP transport, ICE on the namespace's veth), the real Parley server pointed at it, and headless Chromium with a
// fake camera and microphone. A group conversation starts a call through Parley's API (topology sfu), every participant
// joins it through the API and then the Janus room with the built joinSfuRoom module (web/src/features/calls/sfu), and
// the script waits until every participant decodes every other participant's video (getStats inbound-rtp
// framesDecoded rising). With `measure` it also samples Janus's CPU, the media bytes through Janus and Parley's CPU.
// Prints one line of JSON last. Argument: JSON { participants, members?, p2pMax?, seconds?, measure?, logDir, janusIp, janusInterface }.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { Api } from "./api.mjs";
import { launchBrowser } from "./browser.mjs";
import { eventually } from "./expect.mjs";
import { ParleyServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const options = JSON.parse(process.argv[2]);
const participants = options.participants;
const PASSWORD = "Passw0rd-sfu-e2e";
const JANUS_PORT = 8088;
const ADMIN_KEY = `parley-e2e-${process.pid}`;
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => console.log(new Date().toISOString().slice(11, 19), ...args);

/** utime + stime of a process, in milliseconds of CPU. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function startJanus(dir) {
  const janusUrl = `http://${options.janusIp}:${JANUS_PORT}/janus`;
  execFileSync("bash", [join(repo, "scripts/janus-config.sh"), dir, options.janusIp, String(JANUS_PORT), ADMIN_KEY, options.janusInterface, "20000-20999"]);
  const child = spawn("janus", [`--configs-folder=${dir}`, `--config=${dir}/janus.jcfg`, "--disable-colors"], { stdio: ["ignore", "ignore", "ignore"] });
  await eventually("Janus answers on its HTTP API", async () => {
    const response = await fetch(janusUrl, { method: "POST", body: JSON.stringify({ janus: "info", transaction: "up" }) });
    return response.ok;
  }, 15_000);
  return { child, url: janusUrl };
}

/** The browser side, bundled from the web client's own module (what a call that goes SFU loads). */
async function bundleSfuClient() {
  const output = await build({
    configFile: false,
    logLevel: "error",
    build: { write: false, minify: false, lib: { entry: join(repo, "web/src/features/calls/sfu/janusRoom.ts"), formats: ["iife"], name: "ParleySfu" } },
  });
  return (Array.isArray(output) ? output[0] : output).output[0].code;
}

// Runs in each page: what the published and subscribed peer connections report.
function pageStats() {
  return window.__sfu.stats().then((reports) => {
    const video = [];
    let sent = 0;
    let received = 0;
    for (const report of reports)
      report.forEach((s) => {
        if (s.type === "outbound-rtp") sent += s.bytesSent ?? 0;
        if (s.type === "inbound-rtp") {
          received += s.bytesReceived ?? 0;
          if (s.kind === "video") video.push({ mid: s.mid, frames: s.framesDecoded ?? 0 });
        }
      });
    return { video, sent, received, remote: Object.keys(window.__remote).filter((k) => window.__remote[k]).map(Number) };
  });
}

async function main() {
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), "parley-sfu-logs-"));
  mkdirSync(logDir, { recursive: true });
  const janusDir = mkdtempSync(join(tmpdir(), "parley-janus-"));
  let janus;
  let server;
  let browser;
  const bundled = bundleSfuClient(); // meanwhile
  try {
    janus = await startJanus(janusDir);
    server = await ParleyServer.create(logDir, [
      `--Parley:Calls:Janus:Url=${janus.url}`,
      `--Parley:Calls:Janus:AdminKey=${ADMIN_KEY}`,
      `--Parley:Calls:Janus:ClientUrl=${janus.url}`,
      `--Parley:Calls:PeerToPeerMaxParticipants=${options.p2pMax ?? 4}`,
    ]);
    await server.start();
    log("janus and parley up");
    const anonymous = new Api(server.url);
    await anonymous.call("POST", "/setup", { username: "admin", password: PASSWORD, displayName: "Admin" });
    const admin = await anonymous.login("admin", PASSWORD);
    const users = [];
    for (let i = 0; i < (options.members ?? participants); i++) {
      const username = `sfu${i}x${process.pid}`;
      const user = await admin.call("POST", "/users", { username, password: PASSWORD, displayName: `Caller ${i + 1}` });
      users.push({ ...user, api: await anonymous.login(username, PASSWORD) });
    }
    const group = await users[0].api.call("POST", "/conversations", { kind: "group", name: "SFU", memberIds: users.slice(1).map((u) => u.id) });
    const serverPid = server.process.pid;
    const client = await bundled;
    browser = await launchBrowser({ media: true });
    const callers = users.slice(0, participants);
    // The Parley page itself (its Content-Security-Policy must let it reach the SFU's origin), with the SFU client; the
    // chat app's scripts are not loaded (five copies of the app would only compete with the media for the CPU).
    const pages = await Promise.all(callers.map(async (user) => {
      const context = await browser.newContext({ viewport: { width: 320, height: 240 } });
      const page = await context.newPage();
      await page.route("**/assets/**", (route) => route.abort());
      page.on("pageerror", (e) => log(`page ${user.id} error: ${e.message}`));
      await page.goto(server.url);
      await page.evaluate(client);
      return { user, page };
    }));

    // Signalling, measured alone: the call starts (Parley creates the Janus room) and everyone joins at once, as a
    // meeting starts (each join: a token admitted in Janus, the grant in the answer) and fetches its ICE servers.
    const parleyCpuBefore = cpuMs(serverPid);
    const call = await users[0].api.call("POST", `/conversations/${group.id}/calls`, { media: "video" });
    if (call.topology !== "sfu") throw new Error(`a call of ${users.length} members must go through the SFU; the server chose ${call.topology}`);
    const joinedAt = callers.map(() => Date.now());
    const joins = await Promise.all(callers.map(async (user) => {
      const join = await user.api.call("POST", `/calls/${call.id}/join`);
      if (!join.sfu) throw new Error(`the join answer of an SFU call carries no grant: ${JSON.stringify(join)}`);
      return { sfu: join.sfu, iceServers: (await user.api.call("GET", "/calls/ice-servers")).iceServers };
    }));
    const parleyCpuSignalling = cpuMs(serverPid) - parleyCpuBefore;

    await Promise.all(pages.map(({ user, page }, i) =>
      page.evaluate(
        async ({ sfu, userId, iceServers }) => {
          window.__remote = {};
          // Small frames: five or ten fake cameras encode and decode on a 2-core machine.
          const localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 160, height: 120, frameRate: 15 } });
          window.__sfu = await window.ParleySfu.joinSfuRoom({
            ...sfu, userId, displayName: String(userId), localStream, iceServers,
            onRemoteStream: (id, stream) => {
              window.__remote[id] = stream !== null;
              // A tile per remote participant, for the screenshot (what the SFU delivered, decoded).
              let video = document.getElementById(`remote-${id}`);
              if (!video && stream) {
                video = Object.assign(document.createElement("video"), { id: `remote-${id}`, autoplay: true, muted: true, playsInline: true, width: 160, height: 120 });
                document.body.prepend(video);
              }
              if (video) video.srcObject = stream;
            },
          });
        },
        { ...joins[i], userId: user.id },
      )));
    log(`${participants} joined`);

    // Every participant decodes every other participant's video: N-1 inbound video streams whose frame counts rise.
    const firstFrameMs = [];
    await Promise.all(pages.map(async ({ user, page }, i) => {
      let before = null;
      await eventually(`participant ${user.id} decodes ${participants - 1} remote videos`, async () => {
        const now = await page.evaluate(pageStats);
        const live = now.video.filter((v) => v.frames > 0);
        if (live.length >= participants - 1 && firstFrameMs[i] === undefined) firstFrameMs[i] = Date.now() - joinedAt[i];
        const rising = before ? now.video.filter((v) => v.frames > (before.get(v.mid) ?? Infinity)).length : 0;
        before = new Map(now.video.map((v) => [v.mid, v.frames]));
        if (rising >= participants - 1 && now.remote.length === participants - 1) return true;
        await sleep(700);
        return `${rising} rising of ${now.video.length} video streams, ${now.remote.length} remote streams reported`;
      }, options.decodeTimeoutMs ?? 40_000);
    }));
    log("every participant decodes every other participant's video");
    if (options.screenshot) await pages[0].page.screenshot({ path: options.screenshot });

    const result = { participants, streamsPerParticipant: participants - 1, firstFrameMs, parleyCpuMsSignalling: Math.round(parleyCpuSignalling), parleyCpuMsPerJoin: Math.round(parleyCpuSignalling / participants) };
    if (options.measure) {
      const seconds = options.seconds ?? 20;
      const sample = async () => ({ janusCpu: cpuMs(janus.child.pid), parleyCpu: cpuMs(serverPid), stats: await Promise.all(pages.map(({ page }) => page.evaluate(pageStats))) });
      const a = await sample();
      await sleep(seconds * 1000);
      const b = await sample();
      const sum = (s, key) => s.stats.reduce((t, x) => t + x[key], 0);
      const intoJanus = sum(b, "sent") - sum(a, "sent");
      const outOfJanus = sum(b, "received") - sum(a, "received");
      const published = participants; // each publishes one audio + one video stream
      const forwarded = participants * (participants - 1);
      Object.assign(result, {
        seconds,
        janusCpuPercentOfOneCore: ((b.janusCpu - a.janusCpu) / (seconds * 1000)) * 100,
        parleyCpuPercentOfOneCoreDuringCall: ((b.parleyCpu - a.parleyCpu) / (seconds * 1000)) * 100,
        janusIngressKbps: (intoJanus * 8) / seconds / 1000,
        janusEgressKbps: (outOfJanus * 8) / seconds / 1000,
        ingressKbpsPerPublisher: (intoJanus * 8) / seconds / 1000 / published,
        egressKbpsPerForwardedStream: (outOfJanus * 8) / seconds / 1000 / forwarded,
        janusCpuPercentPerForwardedStream: (((b.janusCpu - a.janusCpu) / (seconds * 1000)) * 100) / forwarded,
      });
    }

    for (const { page } of pages) await page.evaluate(() => window.__sfu.leave());
    for (const { user } of pages) await user.api.call("POST", `/calls/${call.id}/leave`);
    const ended = await users[0].api.call("GET", `/calls/${call.id}`);
    if (!ended.endedAt) throw new Error("the call did not end when its last participant left");
    console.log(JSON.stringify(result));
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.kill("SIGTERM").catch(() => undefined);
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
    if (janus && janus.child.exitCode === null) janus.child.kill("SIGKILL");
    rmSync(janusDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
