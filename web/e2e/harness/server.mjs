// Starts the real Parley server (already built) on a free loopback port with a fresh data folder.
// Nothing is built here; set PARLEY_SERVER_DLL to use another build.
import { spawn } from "node:child_process";
import { mkdtempSync, existsSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const serverDll = process.env.PARLEY_SERVER_DLL ?? resolve(here, "../../../src/Parley.Server/bin/Debug/net10.0/Parley.Server.dll");

// The server serves the client from <content root>/wwwroot. Current builds fix the content root to the dll's folder
// (the build copies wwwroot there) and ignore the working directory; builds before that used the working directory,
// so start in the project folder when it has a built client.
// Every simulated user signs in from 127.0.0.1, twice (API client and browser); on a quiet machine the specs
// exceed the shipped 30 logins per address per minute, which is a brake on password guessing, not on tests.
const loginLimitArgs = ["--Parley:Auth:LoginAttemptsPerMinute=100000"];

function serverWorkingDirectory() {
  if (process.env.PARLEY_SERVER_CWD) return process.env.PARLEY_SERVER_CWD;
  const projectDir = resolve(dirname(serverDll), "../../..");
  return existsSync(join(projectDir, "wwwroot", "index.html")) ? projectDir : dirname(serverDll);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class ParleyServer {
  constructor(port, dataDir, logDir, extraArgs = []) {
    this.extraArgs = extraArgs;
    this.port = port;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.url = `http://127.0.0.1:${port}`;
    this.process = null;
    this.starts = 0;
  }

  /** `extraArgs`: configuration for this server only, e.g. ["--Parley:Planner:AllowAnonymous=true"]. */
  static async create(logDir, extraArgs = []) {
    if (!existsSync(serverDll)) throw new Error(`server not built: ${serverDll} (dotnet build src/Parley.Server)`);
    const dataDir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
    return new ParleyServer(await freePort(), dataDir, logDir, extraArgs);
  }

  async start() {
    this.starts += 1;
    const log = openSync(join(this.logDir, `server-${this.port}-${this.starts}.log`), "w");
    this.process = spawn("dotnet", [serverDll, "--urls", this.url, "--data", this.dataDir, ...loginLimitArgs, ...this.extraArgs], { stdio: ["ignore", log, log], cwd: serverWorkingDirectory() });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`server exited with ${this.process.exitCode}; see ${this.logDir}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error("server did not become healthy within 60 s");
  }

  /** SIGKILL: no graceful shutdown, the way a crash or power cut ends it. */
  async kill(signal = "SIGKILL") {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(child.pid, signal);
    await exited;
    this.process = null;
  }
}
