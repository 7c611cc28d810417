// Lighthouse benchmark of the web client (issue 22): performance and accessibility, mobile and desktop presets
// (simulated throttling), for the sign-in page and a group conversation with 200 mixed Chinese/English messages.
// Starts the real server (already built; PARLEY_SERVER_DLL for another build) with a fresh data folder, seeds through
// the API, and runs Debian's Chromium, a new profile per run (cold cache, no service worker). A benchmark, not a test:
// it is not part of the test command. Results: docs/benchmarks.md, "Web client".
//   node scripts/lighthouse.mjs [--runs 3] [--json out.json] [--only sign-in|conversation] [--reports dir]
//   Env: PARLEY_SERVER_DLL, CHROMIUM_PATH. --reports keeps each run's full Lighthouse JSON (to see what an audit found).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
// puppeteer-core comes with lighthouse (its own dependency): Lighthouse drives the page it is handed.
import puppeteer from "puppeteer-core";
import { seedReaderGroup } from "../e2e/harness/seed.mjs";
import { ParleyServer } from "../e2e/harness/server.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", "3"));
const jsonOut = option("--json", null);
const only = option("--only", null);
const reports = option("--reports", null);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "Lighthouse-bench-9x";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (reports) mkdirSync(reports, { recursive: true });
  const logDir = mkdtempSync(join(tmpdir(), "parley-lh-logs-"));
  const server = await ParleyServer.create(logDir);
  await server.start();
  try {
    const { readerLogin, group } = await seedReaderGroup(server, PASSWORD);

    const pages = [
      { name: "sign-in", url: `${server.url}/`, session: null },
      { name: "conversation", url: `${server.url}/#/c/${group.id}`, session: readerLogin },
    ];
    const results = [];
    for (const page of pages.filter((p) => !only || p.name === only)) {
      for (const preset of ["mobile", "desktop"]) {
        const samples = [];
        for (let i = 0; i < runs; i += 1) samples.push(await audit(page, preset, `${page.name}-${preset}-${i + 1}`));
        const row = { page: page.name, preset };
        for (const key of Object.keys(samples[0])) row[key] = median(samples.map((s) => s[key]));
        results.push(row);
        console.error(`${page.name} ${preset}: ${JSON.stringify(row)}`);
      }
    }
    console.log(`\nmedian of ${runs} run(s), Lighthouse 12, Chromium ${await browserVersion()}\n`);
    console.log("| view | preset | performance | accessibility | LCP | FCP | TBT | CLS | JS on the wire |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const r of results)
      console.log(`| ${r.page} | ${r.preset} | ${r.performance} | ${r.accessibility} | ${(r.lcp / 1000).toFixed(1)} s | ${(r.fcp / 1000).toFixed(1)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${(r.scriptBytes / 1024).toFixed(0)} KiB |`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ runs, results }, null, 2));
  } finally {
    await server.kill("SIGTERM");
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/** One Lighthouse run in a fresh browser profile; signed in first (localStorage) when the page needs a session. */
async function audit(page, preset, label) {
  const profile = mkdtempSync(join(tmpdir(), "parley-lh-profile-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const tab = await browser.newPage();
    if (page.session) {
      // A same-origin URL that loads none of the client, so the audited load still starts with a cold cache.
      await tab.goto(new URL("/healthz", page.url).href);
      const { token, user, expiresAt } = page.session;
      await tab.evaluate((value) => localStorage.setItem("parley.session", value), JSON.stringify({ token, user, expiresAt }));
    }
    const flags = { output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], disableStorageReset: page.session !== null };
    const result = await lighthouse(page.url, flags, preset === "desktop" ? desktopConfig : undefined, tab);
    const lhr = result.lhr;
    if (reports) writeFileSync(join(reports, `${label}.json`), JSON.stringify(lhr));
    if (lhr.runtimeError) throw new Error(`${page.name} ${preset}: ${lhr.runtimeError.message}`);
    const requests = lhr.audits["network-requests"].details.items;
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      lcp: lhr.audits["largest-contentful-paint"].numericValue,
      fcp: lhr.audits["first-contentful-paint"].numericValue,
      tbt: lhr.audits["total-blocking-time"].numericValue,
      cls: lhr.audits["cumulative-layout-shift"].numericValue,
      scriptBytes: requests.filter((r) => r.resourceType === "Script").reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
    };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function browserVersion() {
  const { execFileSync } = await import("node:child_process");
  return execFileSync(chromium, ["--version"]).toString().trim().replace(/^Chromium /, "");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
