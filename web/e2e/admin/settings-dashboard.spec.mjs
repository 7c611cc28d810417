// Admin console → Dashboard and System settings: the administrator lands on the dashboard (figures and the bar chart
// of messages per day), lowers the message size limit in System settings — a member's next long message is refused
// without a restart — sees a value outside the range refused in place, and resets the limit to its default.
// Screenshots of both sections in en and zh-CN at 390 and 1280 px.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

const KEY = "messages.maxTextBytes";
const ROW = "setting-messages-maxTextBytes";

export async function run(ctx) {
  const [member] = await ctx.team("settingsmember");
  const conv = await ctx.group(ctx.admin, [member], "Dashboard");
  for (let i = 0; i < 3; i++) await member.api.call("POST", `/conversations/${conv.id}/messages`, { text: `figure ${i}` });
  const long = "x".repeat(200);

  const { page } = await signIn(ctx, ctx.admin.username, ctx.password, { locale: "en-US" });
  try {
    await page.goto(`${ctx.server.url}/#/admin`);
    await page.getByTestId("admin-dashboard").waitFor();
    const today = page.locator(".dashboard-bars rect").last();
    await eventually("today's bar counts the messages just sent", async () => Number(await today.getAttribute("data-count")) >= 3);
    const active = await page.getByTestId("dashboard-active-today").innerText();
    if (!/Active today\s+[1-9]/.test(active)) throw new Error("active today: " + active);
    const bars = await page.locator(".dashboard-bars rect").count();
    if (bars !== 30) throw new Error(`the chart has ${bars} bars, not 30`);

    // System settings: a value outside the range is refused in place, nothing is sent.
    await page.getByTestId("admin-nav-settings").click();
    const input = page.getByTestId(`${ROW}-input`);
    await input.waitFor();
    await input.fill("5");
    await page.getByTestId(`${ROW}-save`).click();
    await page.getByTestId(ROW).getByRole("alert").waitFor();

    // Lowered to 100 bytes: the member's next 200-byte message is refused at once.
    await input.fill("100");
    await page.getByTestId(`${ROW}-save`).click();
    await page.getByTestId(`${ROW}-reset`).waitFor();
    const refused = await member.api.call("POST", `/conversations/${conv.id}/messages`, { text: long }).then(() => null, (err) => String(err));
    if (!refused || !refused.includes("→ 413")) throw new Error(`a 200-byte message after the limit became 100 was not refused with 413: ${refused}`);
    const config = await member.api.call("GET", "/config");
    if (config.messages.maxTextBytes !== 100) throw new Error("GET /config does not show the new limit: " + JSON.stringify(config.messages));

    const variants = [
      { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
      { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
      { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
      { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
    ];
    for (const v of variants) {
      const tag = `${v.lang}-${v.viewport.width}`;
      const s = await signIn(ctx, ctx.admin.username, ctx.password, v);
      await s.page.goto(`${ctx.server.url}/#/admin/dashboard`);
      await s.page.locator(".dashboard-bars rect").last().waitFor();
      await ctx.screens.shot(s.page, `admin-dashboard-${tag}`);
      await s.page.goto(`${ctx.server.url}/#/admin/settings`);
      await s.page.getByTestId(`${ROW}-reset`).waitFor();
      await ctx.screens.shot(s.page, `admin-settings-${tag}`);
      await s.context.close();
    }

    // Reset: back to the configured default, and long messages go through again.
    await page.getByTestId(`${ROW}-reset`).click();
    await eventually("the reset removed the override", async () => (await page.getByTestId(`${ROW}-reset`).count()) === 0);
    await member.api.call("POST", `/conversations/${conv.id}/messages`, { text: long });
    const audit = await ctx.admin.api.call("GET", "/audit?action=settings.changed");
    const entries = audit.items.filter((e) => e.details?.key === KEY);
    if (entries.length < 2) throw new Error("the change and the reset are not both in the audit log: " + JSON.stringify(entries));
  } finally {
    // Other specs share this server: never leave the limit lowered.
    await ctx.admin.api.call("DELETE", `/admin/settings/${KEY}`).catch(() => undefined);
  }
}
