// End-to-end runner: starts the real server with a fresh data folder, runs each spec in order in headless
// Debian Chromium, saves screenshots to test-results/screenshots, and stops the server by PID.
// Usage: npm run e2e [-- name-filter]      Env: PARLEY_SERVER_DLL, CHROMIUM_PATH, PARLEY_E2E_SHARDS (default 2)
// A whole run is split into shards that run side by side, each with its own server and browser (e2e/shards.mjs): most
// of a spec's time is waiting, so two shards take much less than twice as long as one. A filtered run is one shard.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Api, uniqueName } from "./harness/api.mjs";
import { launchBrowser, Screens } from "./harness/browser.mjs";
import { ParleyServer } from "./harness/server.mjs";
import { runShards, shardOf } from "./shards.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const results = resolve(here, "../test-results");

// Order matters only where a spec says so: setup must be first (it creates the administrator on the empty server),
// restart is last (it kills the server). Every other spec creates its own users and conversations.
const specs = [
  "auth/setup.spec.mjs",
  "contract/openapi.spec.mjs",
  "messaging/realtime.spec.mjs",
  "threads/thread-reply.spec.mjs",
  "reactions/reaction.spec.mjs",
  "reactions/emoji-picker.spec.mjs",
  "reactions/custom-emoji.spec.mjs",
  "polls/polls.spec.mjs",
  "cards/approval-card.spec.mjs",
  "receipts/read-receipt.spec.mjs",
  "receipts/live-read.spec.mjs",
  "messaging/recall.spec.mjs",
  "messaging/first-unread.spec.mjs",
  "scheduled/scheduled-send.spec.mjs",
  "files/attachments.spec.mjs",
  "files/resumable-upload.spec.mjs",
  "bundle/merge-forward.spec.mjs",
  "search/chinese-search.spec.mjs",
  "security/xss.spec.mjs",
  "security/csp.spec.mjs",
  "security/hub-ticket.spec.mjs",
  "moderation/sensitive-words.spec.mjs",
  "moderation/watermark.spec.mjs",
  "moderation/rule-scopes.spec.mjs",
  "compliance/retention.spec.mjs",
  "compliance/export.spec.mjs",
  "compliance/personal-data.spec.mjs",
  "actions/message-actions.spec.mjs",
  "urgent/urgent.spec.mjs",
  "saved/saved.spec.mjs",
  "channels/browse-and-direct.spec.mjs",
  "history/long-history.spec.mjs",
  "members/group-settings.spec.mjs",
  "auth/session-revoked.spec.mjs",
  "admin/first-login.spec.mjs",
  "admin/default-channel-and-groups.spec.mjs",
  "admin/invitations-scim.spec.mjs",
  "admin/webhooks.spec.mjs",
  "directory/pinyin-profile-chat.spec.mjs",
  "directory/avatar-upload.spec.mjs",
  "auth/two-factor.spec.mjs",
  "sso/single-sign-on.spec.mjs",
  "ui/pwa.spec.mjs",
  "ui/appearance.spec.mjs",
  "notifications/push-settings.spec.mjs",
  "ui/phone-layout.spec.mjs",
  "perf/compression.spec.mjs",
  "perf/layout-shift.spec.mjs",
  "perf/first-paint.spec.mjs",
  "a11y/keyboard.spec.mjs",
  "a11y/axe.spec.mjs",
  "planner/planner.spec.mjs",
  "admin/health.spec.mjs",
  "admin/settings-dashboard.spec.mjs",
  "admin/ldap.spec.mjs",
  "planner/visitor.spec.mjs",
  "planner/sfu-sizing.spec.mjs",
  "translation/translate-message.spec.mjs",
  "embed/embed.spec.mjs",
  "integrations/slash-commands.spec.mjs",
  "integrations/bots-admin.spec.mjs",
  "calls/video-call.spec.mjs",
  "calls/declined-missed.spec.mjs",
  "calls/relay.spec.mjs",
  "calls/sfu-group-call.spec.mjs",
  "knowledge/knowledge-base.spec.mjs",
  "knowledge/summarize-unread.spec.mjs",
  "integrations/incoming-webhook-ui.spec.mjs",
  "integrations/slash-commands-admin.spec.mjs",
  "service/visitor-widget.spec.mjs",
  "service/agent-tools.spec.mjs",
  "service/visitor-challenge.spec.mjs",
  "service/agent-suggestions.spec.mjs",
  "resilience/server-restart.spec.mjs",
];

const PASSWORD = "Passw0rd-e2e";

async function main() {
  const args = process.argv.slice(2);
  const shard = args.find((a) => a.startsWith("--shard="))?.slice("--shard=".length);
  const filter = args.find((a) => !a.startsWith("--"));
  const shards = Number(process.env.PARLEY_E2E_SHARDS ?? 2);
  if (!shard && !filter && shards > 1) {
    process.exitCode = await runShards(fileURLToPath(import.meta.url), shards);
    return;
  }
  const mine = shard ? shardOf(specs, shard) : specs;
  // Other runs may share test-results (several engineers, one tree): overwrite our own files, clear only stale failures.
  mkdirSync(join(results, "screenshots"), { recursive: true });
  for (const file of readdirSync(join(results, "screenshots"))) if (file.startsWith("FAILED-")) rmSync(join(results, "screenshots", file));
  const logDir = join(results, "logs", `run-${process.pid}`);
  mkdirSync(logDir, { recursive: true });
  const server = await ParleyServer.create(logDir);
  await server.start();
  const browser = await launchBrowser();
  const ctx = {
    server,
    browser,
    screens: new Screens(join(results, "screenshots")),
    password: PASSWORD,
    admin: null,
    contexts: [],
    /** Content-Security-Policy violations reported by any page of the current spec (the runner fails the spec on any). */
    cspViolations: [],
    /** A browser context owned by the current spec; the runner closes it afterwards. */
    async newContext(options) {
      const context = await browser.newContext(options);
      ctx.contexts.push(context);
      await recordCspViolations(context, ctx.cspViolations);
      return context;
    },
    /** Creates users through the admin API; returns their ids, names and a logged-in API client each. */
    async team(...prefixes) {
      if (!ctx.admin) throw new Error("setup spec must run first");
      const users = [];
      for (const prefix of prefixes) {
        const username = uniqueName(prefix);
        const displayName = prefix[0].toUpperCase() + prefix.slice(1);
        const user = await ctx.admin.api.call("POST", "/users", { username, password: PASSWORD, displayName });
        users.push({ ...user, password: PASSWORD, api: await new Api(server.url).login(username, PASSWORD) });
      }
      return users;
    },
    async group(owner, others, name) {
      return owner.api.call("POST", "/conversations", { kind: "group", name, memberIds: others.map((u) => u.id) });
    },
  };

  let passed = 0;
  let failed = 0;
  try {
    for (const spec of mine) {
      if (filter && !spec.includes(filter) && spec !== specs[0]) continue;
      const started = Date.now();
      ctx.cspViolations.length = 0;
      try {
        const module = await import(`./${spec}`);
        await module.run(ctx);
        // The browser enforces the page's CSP: every spec is also a check that the client works inside it.
        if (ctx.cspViolations.length > 0) throw new Error(`Content-Security-Policy violations: ${JSON.stringify(ctx.cspViolations, null, 2)}`);
        passed += 1;
        console.log(`✓ ${spec} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        await screenshotOpenPages(ctx, spec);
        console.log(`✗ ${spec} (${Date.now() - started} ms)\n    ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        if (spec === specs[0]) break;
      } finally {
        for (const context of ctx.contexts.splice(0)) await context.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.kill("SIGTERM");
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

/**
 * Collects CSP violations of every page and frame in the context: the DOM's securitypolicyviolation event (blocked
 * scripts, styles, images, connections) and Chromium's console report (which also covers what the event does not).
 */
async function recordCspViolations(context, into) {
  await context.exposeBinding("__parleyCspViolation", (_source, violation) => void into.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__parleyCspViolation?.({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, page: location.href }),
    );
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) into.push({ console: message.text(), page: message.page()?.url() });
  });
}

/** On failure, capture every page still open so the report shows what the user would have seen. */
async function screenshotOpenPages(ctx, spec) {
  const name = spec.replace(/[/.]/g, "_");
  let index = 0;
  for (const context of ctx.contexts) {
    for (const page of context.pages()) {
      index += 1;
      await page.screenshot({ path: join(results, "screenshots", `FAILED-${name}-${index}.png`) }).catch(() => undefined);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
