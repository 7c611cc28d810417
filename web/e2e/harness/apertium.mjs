// A real offline translation engine for a browser spec: Debian's apertium-apy over the installed Apertium pairs
// (apertium-eng-spa) on a loopback port, started and stopped by PID with the pipelines it spawns. The server tests
// have the same fixture in C# (tests/Parley.Server.Tests/Translation/Apertium.cs).
import { spawn } from "node:child_process";
import { freePort } from "./server.mjs";

const MODES = "/usr/share/apertium/modes";

export class Apertium {
  static async start() {
    const port = await freePort();
    // detached: its own process group, so stop() ends apertium-apy and the translation pipelines it started.
    const child = spawn("apertium-apy", ["-p", String(port), MODES], { stdio: "ignore", detached: true });
    const apertium = new Apertium(child, port);
    for (let i = 0; i < 200; i++) {
      try {
        const pairs = await (await fetch(`${apertium.url}/listPairs`)).text();
        if (pairs.includes('"spa"')) return apertium;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    apertium.stop();
    throw new Error("apertium-apy did not answer /listPairs (scripts/test.sh installs apertium-apy and apertium-eng-spa)");
  }

  constructor(child, port) {
    this.child = child;
    this.url = `http://127.0.0.1:${port}`;
  }

  stop() {
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
