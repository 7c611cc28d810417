// Saved messages and synced drafts (issue 20): bookmark a message, find it in the Saved panel and jump to it; a draft
// typed in one browser appears in another of the same user (the list's [Draft] marker, then the restored message box)
// and sending it clears it everywhere. Screenshots of the panel and the marker in en and zh-CN at 1280 and 390 px.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Saved demo");
  const other = await ctx.group(alice, [bob], "Roadmap");
  const sent = await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: "Quarterly numbers are in: revenue up 12%" });
  for (let i = 1; i <= 3; i++) await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: `filler ${i}` });

  // Bookmark from the message's toolbar; the button shows the saved state.
  const a = await signIn(ctx, alice.username, alice.password);
  await openConversation(a.page, conv.id);
  const target = messageWith(a.page, "Quarterly numbers are in");
  await target.hover();
  await target.getByTestId("bookmark").click();
  await target.locator('[data-testid="bookmark"][aria-pressed="true"]').waitFor();
  await ctx.screens.shot(a.page, "saved-message-action-en-1280");
  await eventually("the bookmark is stored", async () => (await alice.api.call("GET", "/bookmarks")).items.some((b) => b.messageId === sent.id));

  // A draft typed here, saved after a pause while the box stays open.
  await openConversation(a.page, other.id);
  await a.page.getByTestId("composer").fill("Ship the beta on Friday?");
  await eventually("the draft reached the server", async () => (await alice.api.call("GET", "/drafts")).items.some((d) => d.conversationId === other.id && d.text === "Ship the beta on Friday?"));

  // The Saved panel lists the message; jumping opens its conversation at it.
  await openConversation(a.page, conv.id);
  await a.page.getByTestId("open-saved").click();
  const panel = a.page.getByTestId("saved-panel");
  await panel.getByTestId("saved-item").filter({ hasText: "Quarterly numbers are in" }).waitFor();
  await openConversation(a.page, other.id);
  await panel.getByTestId("saved-jump").first().click();
  await eventually("the jump opened the message", async () => a.page.url().endsWith(`#/c/${conv.id}/m/${sent.id}`));
  await a.page.locator(`[data-message-id="${sent.id}"].highlighted`).waitFor();
  await a.page.getByTestId(`conversation-${other.id}`).getByTestId("draft-preview").filter({ hasText: "[Draft]" }).waitFor();
  await ctx.screens.shot(a.page, "saved-panel-en-1280");

  // Alice's other devices: the marker in the list (the message box's draft is not the list's) and the Saved panel.
  for (const [locale, width, height, name] of [["zh-CN", 1280, 800, "zh-1280"], ["en-US", 390, 844, "en-390"]]) {
    const v = await signIn(ctx, alice.username, alice.password, { locale, viewport: { width, height } });
    const marker = v.page.getByTestId(`conversation-${other.id}`).getByTestId("draft-preview");
    await marker.filter({ hasText: locale === "zh-CN" ? "[草稿]" : "[Draft]" }).waitFor();
    await ctx.screens.shot(v.page, `saved-draft-${name}`);
    await v.page.getByTestId("open-saved").click();
    await v.page.getByTestId("saved-panel").getByTestId("saved-item").first().waitFor();
    await ctx.screens.shot(v.page, `saved-panel-${name}`);
    await v.context.close();
  }

  // The phone (zh-CN, 390 px): the draft is in the list, and in the message box once the conversation opens.
  const p = await signIn(ctx, alice.username, alice.password, { locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const phoneMarker = p.page.getByTestId(`conversation-${other.id}`).getByTestId("draft-preview");
  await phoneMarker.filter({ hasText: "[草稿] Ship the beta on Friday?" }).waitFor();
  await ctx.screens.shot(p.page, "saved-draft-zh-390");
  await p.page.getByTestId("open-saved").click();
  await p.page.getByTestId("saved-panel").getByTestId("saved-item").first().waitFor();
  await ctx.screens.shot(p.page, "saved-panel-zh-390");
  await p.page.getByTestId("saved-panel").getByRole("button", { name: "关闭" }).click();
  await openConversation(p.page, other.id);
  await eventually("the draft is restored in the phone's message box", async () => (await p.page.getByTestId("composer").inputValue()) === "Ship the beta on Friday?");

  // Sending it clears the draft on the server and the marker on the laptop (which shows another conversation).
  await p.page.getByTestId("composer").press("Enter");
  await messageWith(p.page, "Ship the beta on Friday?").waitFor();
  await a.page.getByTestId(`conversation-${other.id}`).getByTestId("draft-preview").waitFor({ state: "detached" });
  equal((await alice.api.call("GET", "/drafts")).items, [], "no draft is left after sending");

  // Removing from the panel clears the toolbar state too.
  await panel.getByTestId("saved-remove").first().click();
  await panel.getByText("Nothing saved yet", { exact: false }).waitFor();
  // Toolbars render on first hover (issue 22).
  await a.page.locator(`[data-message-id="${sent.id}"]`).hover();
  await a.page.locator(`[data-message-id="${sent.id}"] [data-testid="bookmark"][aria-pressed="false"]`).waitFor();
}
