// Sensitive words in the admin console: a compliance officer adds a block rule and a flag rule and tries a sentence;
// a member's blocked message is refused with a clear reason (and nothing reaches the others); a flagged one is
// delivered and queued; the officer deletes it for everyone from the review queue.
import { Api, uniqueName } from "../harness/api.mjs";
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Sales floor");
  const username = uniqueName("officer");
  await ctx.admin.api.call("POST", "/users", { username, password: ctx.password, displayName: "Olivia", roles: ["compliance_officer"] });
  const officerApi = await new Api(ctx.server.url).login(username, ctx.password);

  const o = await signIn(ctx, username, ctx.password);
  await o.page.goto(`${ctx.server.url}/#/admin/content-rules`);
  await o.page.getByTestId("admin-content-rules").waitFor();
  const add = o.page.getByTestId("moderation-add");
  for (const [pattern, action] of [["违禁词", "block"], ["内部价格", "flag"]]) {
    await add.getByTestId("moderation-pattern").fill(pattern);
    await add.locator("select").first().selectOption(action); // the action; the scope's select follows it
    await add.locator("button[type=submit]").click();
    await o.page.getByTestId("moderation-rules").getByText(pattern, { exact: true }).waitFor();
  }
  const test = o.page.getByTestId("moderation-test");
  await test.locator("textarea").fill("有違 禁 詞的句子");
  await test.locator("button[type=submit]").click();
  const verdict = o.page.getByTestId("moderation-test-result");
  await verdict.getByText("Blocked").waitFor();
  equal(await verdict.locator("li").count(), 1, "the test names the one rule that matched");
  await ctx.screens.shot(o.page, "moderation-rules-en-1280");

  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  await send(a.page, "这句话里有违 禁 词");
  const refused = a.page.locator('[data-testid="pending-message"][data-status="failed"]');
  await refused.waitFor();
  const reason = await refused.innerText();
  equal(reason.includes("words your organisation does not allow"), true, `the sender is told why (got '${reason}')`);
  await send(a.page, "内部价格是 100");
  await messageWith(b.page, "内部价格是 100").waitFor();
  equal(await messageWith(b.page, "违 禁 词").count(), 0, "the blocked message reached nobody");

  await o.page.goto(`${ctx.server.url}/#/admin/flagged`);
  const flags = o.page.getByTestId("moderation-flags");
  await flags.getByText("内部价格是 100").waitFor();
  await ctx.screens.shot(o.page, "moderation-flagged-en-1280");
  await flags.getByRole("button", { name: "Delete message" }).click();
  await eventually("the message is deleted for bob", async () => (await b.page.getByText("This message was deleted.").count()) === 1);
  await eventually("the queue is empty", async () => (await o.page.getByText("Nothing is waiting for review.").count()) === 1);
  const reviewed = (await officerApi.call("GET", "/moderation/flags")).items;
  equal(reviewed.map((f) => f.review?.decision), ["remove"], "the decision is recorded");

  // A member who is not a compliance user cannot open these sections.
  await b.page.goto(`${ctx.server.url}/#/admin/content-rules`);
  await b.page.getByTestId("admin-console").waitFor();
  equal(await b.page.getByTestId("admin-content-rules").count(), 0, "a member sees no content rules");

  // The same screens in Chinese and on a phone.
  for (const [locale, width, height] of [["zh-CN", 1280, 800], ["zh-CN", 390, 844], ["en-US", 390, 844]]) {
    const s = await signIn(ctx, username, ctx.password, { locale, viewport: { width, height } });
    await s.page.goto(`${ctx.server.url}/#/admin/content-rules`);
    await s.page.getByTestId("moderation-rules").waitFor();
    const tag = `${locale === "zh-CN" ? "zh" : "en"}-${width}`;
    await ctx.screens.shot(s.page, `moderation-rules-${tag}`);
    await s.page.goto(`${ctx.server.url}/#/admin/flagged`);
    await s.page.getByTestId("admin-flagged").waitFor();
    await s.page.locator("#admin-flagged-loaded, [data-testid=admin-flagged] p, [data-testid=moderation-flags]").first().waitFor();
    await ctx.screens.shot(s.page, `moderation-flagged-${tag}`);
  }
}
