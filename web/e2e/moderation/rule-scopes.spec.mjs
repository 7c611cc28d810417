// Issue 16: a compliance officer adds a rule scoped to external users with a per-rule exemption in the admin
// console; an external member's text is refused, the exempt one's goes through. An owner turns on the conversation's
// own watermark from its settings and the other member sees it appear live (the global watermark is off here).
import { Api, uniqueName } from "../harness/api.mjs";
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

async function refused(api, conversationId, text) {
  try {
    await api.call("POST", `/conversations/${conversationId}/messages`, { text });
    return false;
  } catch (error) {
    return String(error).includes("422") && String(error).includes("content_blocked");
  }
}

export async function run(ctx) {
  const [alice, guest, partner] = await ctx.team("alice", "guest", "partner");
  const conv = await ctx.group(alice, [guest, partner], "Supplier talks 供应商洽谈");
  for (const u of [guest, partner]) await ctx.admin.api.call("PATCH", `/users/${u.id}`, { isExternal: true });
  const username = uniqueName("officer");
  await ctx.admin.api.call("POST", "/users", { username, password: ctx.password, displayName: "Olivia", roles: ["compliance_officer"] });

  const o = await signIn(ctx, username, ctx.password);
  await o.page.goto(`${ctx.server.url}/#/admin/content-rules`);
  await o.page.getByTestId("admin-content-rules").waitFor();
  const add = o.page.getByTestId("moderation-add");
  await add.getByLabel("Word or phrase").fill("报价底线");
  await add.getByLabel("Action").selectOption("block");
  await o.page.getByTestId("moderation-scope").selectOption("external");
  await o.page.getByTestId("moderation-exempt-users").fill(String(partner.id));
  await o.page.getByTestId("moderation-pinyin").check();
  await add.locator("button[type=submit]").click();
  const row = o.page.getByTestId("moderation-rules").locator("tr", { hasText: "报价底线" });
  await row.getByText("External users only").waitFor();
  await row.getByText(`Exempt: users ${partner.id}`).waitFor();

  await eventually("the external guest's text is refused", () => refused(guest.api, conv.id, "我们的报价底线是多少"));
  equal(await refused(guest.api, conv.id, "baojia dixian?"), true, "the pinyin spelling is refused too");
  equal(await refused(partner.api, conv.id, "报价底线"), false, "the exempt external partner writes freely");
  equal(await refused(alice.api, conv.id, "报价底线"), false, "an internal member is not screened by an external-only rule");

  // The conversation's own watermark, turned on by its owner; the guest sees it without reloading.
  const g = await signIn(ctx, guest.username, guest.password);
  await openConversation(g.page, conv.id);
  equal(await g.page.getByTestId("watermark").count(), 0, "no watermark before the owner turns it on");
  const a = await signIn(ctx, alice.username, alice.password);
  await openConversation(a.page, conv.id);
  await a.page.getByTestId("open-members").click();
  await a.page.getByTestId("members-panel").getByTestId("watermark-toggle").check();
  await g.page.getByTestId("watermark").waitFor({ state: "attached" });
  const label = await g.page.getByTestId("watermark").locator("span").first().innerText();
  equal(label.includes(guest.username), true, `the guest's watermark names the guest (got "${label}")`);
  await g.page.getByTestId("open-members").click();
  await g.page.getByTestId("members-panel").getByTestId("external-badge").first().waitFor();
  equal(await g.page.getByTestId("members-panel").getByTestId("watermark-toggle").isDisabled(), true, "a plain member cannot change the watermark");

  for (const [locale, width, height] of [["zh-CN", 390, 844], ["zh-CN", 1280, 800], ["en-US", 390, 844], ["en-US", 1280, 800]]) {
    const tag = `${locale === "zh-CN" ? "zh" : "en"}-${width}`;
    const s = await signIn(ctx, username, ctx.password, { locale, viewport: { width, height } });
    await s.page.goto(`${ctx.server.url}/#/admin/content-rules`);
    await s.page.getByTestId("moderation-rules").waitFor();
    await ctx.screens.shot(s.page, `moderation-scopes-${tag}`);
    await s.context.close();
    const m = await signIn(ctx, guest.username, guest.password, { locale, viewport: { width, height } });
    if (width < 600) await m.page.getByTestId(`conversation-${conv.id}`).waitFor();
    await openConversation(m.page, conv.id);
    await m.page.getByTestId("watermark").waitFor({ state: "attached" });
    await ctx.screens.shot(m.page, `conversation-watermark-${tag}`);
    await m.page.getByTestId("open-members").click();
    await m.page.getByTestId("members-panel").getByTestId("watermark-toggle").waitFor();
    await ctx.screens.shot(m.page, `conversation-watermark-settings-${tag}`);
    await m.context.close();
  }
}
