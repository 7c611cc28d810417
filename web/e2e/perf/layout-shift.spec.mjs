// Issue 22: opening a conversation with a long history must not make the page jump. A PerformanceObserver sums every
// layout-shift entry (without recent input) from the first paint while the conversation loads — straight from its URL
// (a cold start, as Lighthouse measures) and by clicking it in the sidebar — on a phone and a desktop; the spec fails at
// 0.05 (the issue measured 0.29–0.46 before) and names the elements that moved.
import { postPatiently, seedHistory } from "../harness/seed.mjs";

const LIMIT = 0.05;

export async function run(ctx) {
  const [ana, ben] = await ctx.team("ana", "ben");
  const group = await ctx.group(ana, [ben], "布局 Layout");
  const other = await ctx.group(ana, [ben], "Other 其他");
  await seedHistory(group.id, [ana.api, ben.api], 200);
  await postPatiently(ana.api, other.id, { text: "hello 你好", clientMsgId: "ls-other" });
  const login = await ben.api.call("POST", "/auth/login", { username: ben.username, password: ben.password });

  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    const context = await ctx.newContext({ viewport, locale: "zh-CN" });
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.hadRecentInput) continue;
          const sources = (entry.sources ?? []).map((s) => {
            const n = s.node;
            return n ? `${n.nodeName}.${n.className ?? ""}${n.dataset?.testid ? `[${n.dataset.testid}]` : ""}` : "?";
          });
          window.__shifts.push({ value: entry.value, at: Math.round(entry.startTime), sources });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`${ctx.server.url}/healthz`);
    await page.evaluate((s) => localStorage.setItem("parley.session", s), JSON.stringify({ token: login.token, user: login.user, expiresAt: login.expiresAt }));

    // Cold start straight into the conversation.
    await page.goto(`${ctx.server.url}/#/c/${group.id}`);
    await settled(page);
    await check(page, `${viewport.width}px, cold start into the conversation`);

    // From another conversation (phone: from the list), by click.
    await page.goto(`${ctx.server.url}/#/${viewport.width < 700 ? "" : `c/${other.id}`}`);
    await page.reload();
    await page.getByTestId(`conversation-${group.id}`).waitFor();
    await page.waitForTimeout(500);
    await page.evaluate(() => (window.__shifts.length = 0));
    await page.getByTestId(`conversation-${group.id}`).click();
    await settled(page);
    // A click counts as recent input for 500 ms only; what moves after that while the history loads counts.
    await check(page, `${viewport.width}px, opening the conversation from the sidebar`);
    await ctx.screens.shot(page, `layout-shift-${viewport.width}`);
    await context.close();
  }
}

async function settled(page) {
  await page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
}

async function check(page, what) {
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.reduce((sum, s) => sum + s.value, 0);
  if (total >= LIMIT) throw new Error(`${what}: cumulative layout shift ${total.toFixed(3)} (limit ${LIMIT}):\n${shifts.map((s) => `  ${s.value.toFixed(4)} at ${s.at} ms: ${s.sources.join(", ")}`).join("\n")}`);
}
