// Group settings: the owner renames the group, posts an announcement and makes a member admin; the member sees each
// change live, mutes the group (badge goes grey; screenshots in en and zh-CN at 1280 and 390 px), and signs out.
import { localeVariants, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [owner, member] = await ctx.team("olga", "mark");
  const conv = await ctx.group(owner, [member], "Ops");
  const o = await signIn(ctx, owner.username, owner.password);
  const m = await signIn(ctx, member.username, member.password);
  await openConversation(o.page, conv.id);
  await openConversation(m.page, conv.id);

  await o.page.getByTestId("open-members").click();
  const panel = o.page.getByTestId("members-panel");
  await panel.locator('input[name="name"]').fill("Ops on-call");
  await panel.locator('textarea[name="announcement"]').fill("Deploy freeze until Monday");
  await panel.getByRole("button", { name: "Save" }).click();
  await panel.getByLabel("Role of Mark").selectOption("admin");

  await eventually("Mark sees the new name", async () => (await m.page.getByTestId("conversation-title").textContent())?.includes("Ops on-call") === true);
  await m.page.getByRole("note").getByText("Deploy freeze until Monday").waitFor();
  await m.page.getByTestId("open-members").click();
  const theirPanel = m.page.getByTestId("members-panel");
  await eventually("Mark is shown as admin", async () => (await theirPanel.getByLabel("Role of Olga").count()) === 1 || (await theirPanel.locator(".member-row", { hasText: "Mark" }).textContent()));
  await ctx.screens.shot(o.page, "24-group-settings");

  await theirPanel.getByTestId("mute-toggle").check();
  await m.page.getByRole("button", { name: "Back" }).click().catch(() => undefined);
  await m.page.goto(`${ctx.server.url}/#/`);
  await owner.api.call("POST", `/conversations/${conv.id}/messages`, { text: "while muted", clientMsgId: `mute-${Date.now()}` });
  await eventually("the muted group's badge is quiet", async () => (await m.page.getByTestId(`conversation-${conv.id}`).locator(".badge.quiet").count()) === 1);
  // The quiet badge (white on #5f6673) as the member sees it in each language and width.
  for (const v of localeVariants) {
    const { page } = await signIn(ctx, member.username, member.password, v);
    await page.getByTestId(`conversation-${conv.id}`).locator(".badge.quiet").waitFor();
    await ctx.screens.shot(page, `muted-badge-${v.lang}-${v.viewport.width}`);
    await page.context().close();
  }

  await m.page.getByRole("button", { name: "Settings" }).click();
  await m.page.getByTestId("logout").click();
  await m.page.locator("#login-title").waitFor();
}
