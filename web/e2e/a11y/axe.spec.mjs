// Issue 22: axe-core (the engine behind Lighthouse's accessibility score) finds no serious or critical violation on the
// sign-in page, a conversation, a thread, search, settings, the keyboard shortcut list, the planner and the admin
// console, in English and Chinese, at desktop and phone widths. axe runs inside the page through the DevTools protocol (page.evaluate), which
// the page's CSP does not govern, so nothing is injected as an inline script.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { signIn } from "../harness/browser.mjs";
import { postPatiently, seedHistory } from "../harness/seed.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

export async function run(ctx) {
  const [ana, ben] = await ctx.team("ana", "ben");
  const group = await ctx.group(ana, [ben], "无障碍 Access");
  await seedHistory(group.id, [ana.api, ben.api], 30);
  const root = (await ana.api.call("GET", `/conversations/${group.id}/messages?limit=1`)).items[0];
  await postPatiently(ben.api, group.id, { text: "Thread reply 话题回复", clientMsgId: "axe-reply", threadRootId: root.id });
  await ana.api.call("POST", `/conversations/${group.id}/messages/${root.id}/reactions`, { emoji: "👍" }).catch(() => undefined);

  const problems = [];
  for (const locale of ["en-US", "zh-CN"]) {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const where = `${locale} ${viewport.width}px`;
      // Sign-in page.
      const context = await ctx.newContext({ viewport, locale });
      const page = await context.newPage();
      await page.goto(ctx.server.url);
      await page.locator("#username").waitFor();
      await audit(page, `${where} sign-in`, problems);
      await context.close();

      const { page: p } = await signIn(ctx, ben.username, ben.password, { viewport, locale });
      await p.goto(`${ctx.server.url}/#/c/${group.id}`);
      await p.locator('[data-testid="message-list"][aria-busy="false"]').waitFor();
      await audit(p, `${where} conversation`, problems);

      const rootItem = p.locator(`[data-testid="message-list"] article[data-message-id="${root.id}"]`);
      // The list may still be settling at the first unread when the link is clicked: try again if no panel opens.
      const reply = p.getByTestId("thread-panel").getByText("Thread reply 话题回复");
      for (let attempt = 1; ; attempt++) {
        await rootItem.getByTestId("thread-replies").click();
        try {
          await reply.waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
      await audit(p, `${where} thread`, problems);
      await p.keyboard.press("Escape");
      await p.getByTestId("thread-panel").waitFor({ state: "detached" });

      await p.goto(`${ctx.server.url}/#/search?q=${encodeURIComponent("预算")}`);
      await p.getByTestId("search-hit").first().waitFor();
      await audit(p, `${where} search`, problems);

      await p.goto(`${ctx.server.url}/#/`);
      await p.locator('.sidebar button[aria-label]').last().click(); // settings
      await p.getByTestId("language-select").waitFor();
      await audit(p, `${where} settings`, problems);
      await p.keyboard.press("Escape");

      await p.getByTestId("open-shortcuts").click();
      await p.getByTestId("shortcuts").waitFor();
      await audit(p, `${where} shortcuts`, problems);
      await p.keyboard.press("Escape");

      await p.goto(`${ctx.server.url}/#/planner`);
      await p.getByTestId("planner-form").waitFor();
      await p.getByTestId("planner-calculate").click();
      await p.getByTestId("planner-results").waitFor();
      await audit(p, `${where} planner`, problems);

      await auditAdminConsole(ctx, locale, viewport, where, problems);
    }
  }
  if (problems.length > 0) throw new Error(`axe found serious or critical violations:\n${problems.join("\n")}`);
}

/** The administrator's view of the admin console (#/admin/<section>), each section the sidebar lists. */
async function auditAdminConsole(ctx, locale, viewport, where, problems) {
  const { page } = await signIn(ctx, ctx.admin.username, ctx.password, { viewport, locale });
  await page.goto(`${ctx.server.url}/#/admin`);
  await page.getByTestId("admin-console").waitFor();
  const sections = await page.locator('[data-testid^="admin-nav-"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  if (sections.length === 0) throw new Error("the admin console lists no section for the administrator");
  for (const href of sections) {
    await page.goto(`${ctx.server.url}/${href}`);
    await page.getByTestId("admin-console").waitFor();
    await page.waitForLoadState("networkidle");
    await audit(page, `${where} admin console ${href}`, problems);
  }
}

/** `within`: CSS selectors to audit instead of the whole page (another feature's spec checking only its own parts). */
export async function audit(page, view, problems, within = null) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((include) =>
    // eslint-disable-next-line no-undef
    axe.run(include ? { include } : document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  within);
  for (const v of result.violations) {
    if (!FAILING.has(v.impact)) continue;
    const nodes = v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join(" ").trim()}`);
    problems.push(`  [${view}] ${v.id} (${v.impact}, ${v.nodes.length} node(s)): ${v.help}\n      ${nodes.join("\n      ")}`);
  }
}
