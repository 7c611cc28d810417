// What React renders while a signed-in member opens a 200-message group conversation (issue 22): every commit of the
// first seconds, with the components that ran in it. Counts, unlike Lighthouse's times, do not depend on how busy the
// machine is, so a change to start-up rendering can be judged on a shared machine. A diagnostic, not a test.
//   node scripts/startup-renders.mjs [--seconds 5]     (server built; PARLEY_SERVER_DLL for another build)
// Component names are readable only in an unminified build: `npx vite build --minify false`, then copy wwwroot into
// the server's bin folder (src/Parley.Server/bin/Debug/net10.0/wwwroot); `dotnet build` restores the normal build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { seedReaderGroup } from "../e2e/harness/seed.mjs";
import { ParleyServer } from "../e2e/harness/server.mjs";

const args = process.argv.slice(2);
const seconds = Number(args.includes("--seconds") ? args[args.indexOf("--seconds") + 1] : "5");
const PASSWORD = "Startup-renders-9x";

/**
 * Runs in the page before React: a stand-in for the React DevTools hook, which React calls after every commit, also in
 * production builds. A fiber ran its component in this commit when it carries React's PerformedWork flag (1) and is
 * not the same object that was current after the previous commit (React swaps a fiber with its alternate when it
 * works on it; untouched subtrees keep their fibers, and their stale flags).
 */
function installCommitCounter() {
  const stats = { commits: [], totals: {} };
  const started = performance.now();
  let previous = new WeakSet();
  const nameOf = (fiber) => {
    const type = fiber.type;
    const fn = typeof type === "function" ? type : typeof type?.type === "function" ? type.type : type?.render;
    return fn?.displayName || fn?.name || "(anonymous)";
  };
  window.__commitStats = stats;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot(_id, root) {
      const current = new WeakSet();
      const ran = {};
      const mounted = [];
      const stack = [root.current.child];
      while (stack.length) {
        let fiber = stack.pop();
        while (fiber) {
          current.add(fiber);
          const isComponent = typeof fiber.type === "function" || (fiber.type && typeof fiber.type === "object" && fiber.type.$$typeof);
          if (isComponent && fiber.flags & 1 && !previous.has(fiber)) {
            const name = nameOf(fiber);
            ran[name] = (ran[name] ?? 0) + 1;
            stats.totals[name] = (stats.totals[name] ?? 0) + 1;
            if (name === "MessageItem" && !fiber.alternate) mounted.push(fiber.memoizedProps.message.seq);
          }
          if (fiber.child) stack.push(fiber.child);
          fiber = fiber.sibling;
        }
      }
      previous = current;
      stats.commits.push({ at: Math.round(performance.now() - started), ran, mounted });
    },
  };
}

const logDir = mkdtempSync(join(tmpdir(), "parley-renders-"));
const server = await ParleyServer.create(logDir);
await server.start();
try {
  const { readerLogin: login, group } = await seedReaderGroup(server, PASSWORD);

  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 412, height: 823 }); // Lighthouse's mobile screen
    await tab.goto(new URL("/healthz", server.url).href);
    const { token, user, expiresAt } = login;
    await tab.evaluate((value) => localStorage.setItem("parley.session", value), JSON.stringify({ token, user, expiresAt }));
    await tab.evaluateOnNewDocument(installCommitCounter);
    await tab.goto(`${server.url}/#/c/${group.id}`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const stats = await tab.evaluate(() => window.__commitStats);
    for (const commit of stats.commits) {
      const ran = Object.entries(commit.ran).sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name}×${n}`).join(" ");
      console.log(`${String(commit.at).padStart(5)} ms  ${ran}${commit.mounted.length ? `  mounted seq ${commit.mounted[0]}–${commit.mounted.at(-1)}` : ""}`);
    }
    const requests = await tab.evaluate(() =>
      performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/") || e.name.includes("/assets/")).map((e) => ({ name: new URL(e.name).pathname + new URL(e.name).search, start: Math.round(e.startTime), end: Math.round(e.responseEnd), timing: (e.serverTiming ?? []).map((t) => `${t.name}=${Math.round(t.duration)}`).join(" ") })),
    );
    console.log(`\nrequests (ms from navigation):\n${requests.map((r) => `${String(r.start).padStart(5)}–${String(r.end).padEnd(5)} ${r.name} ${r.timing}`).join("\n")}`);
    const totals = Object.entries(stats.totals).sort((a, b) => b[1] - a[1]);
    console.log(`\n${stats.commits.length} commits in ${seconds} s; component renders: ${totals.reduce((n, [, c]) => n + c, 0)}`);
    console.log(totals.map(([name, n]) => `${name} ${n}`).join(", "));
  } finally {
    await browser.close();
  }
} finally {
  await server.kill("SIGTERM");
  rmSync(server.dataDir, { recursive: true, force: true });
}
