// Issue 17, slash commands: typing "/" in the composer lists the commands with their descriptions; "/topic …" changes
// the conversation's topic for everyone, stores no message, and answers the sender alone ("only visible to you").
// Screenshots of the list and of the reply in en and zh-CN at 390 and 1280 px.
import { localeVariants, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Slash");
  for (const v of localeVariants) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const { page } = await signIn(ctx, alice.username, alice.password, v);
    await openConversation(page, conv.id);
    const box = page.getByTestId("composer");

    // "/" opens the list; typing narrows it; Tab completes the name.
    await box.fill("/");
    const list = page.getByTestId("command-list");
    await list.waitFor();
    for (const name of ["/invite", "/leave", "/mute", "/topic", "/remind", "/poll"]) await list.getByText(name, { exact: true }).waitFor();
    await list.getByText(v.lang === "en" ? "Set this conversation's topic" : "设置本会话的主题").waitFor();
    await ctx.screens.shot(page, `slash-list-${tag}`);
    await box.fill("/to");
    await eventually("the list narrows to /topic", async () => (await list.locator("li").count()) === 1);
    await box.press("Tab");
    await eventually("Tab completes the command", async () => (await box.inputValue()) === "/topic ");

    const topic = `Q3 plan ${tag}`;
    await box.fill(`/topic ${topic}`);
    await box.press("Enter");
    const note = page.getByTestId("ephemeral-note").filter({ hasText: topic });
    await note.waitFor();
    await note.getByText(v.lang === "en" ? "Only visible to you" : "仅你可见").waitFor();
    await ctx.screens.shot(page, `slash-reply-${tag}`);

    // Everyone sees the new topic; nobody sees the command or its reply as a message.
    // On a miss, say what each side reads: a stale read shows as alice and bob differing, a reverted write as both old.
    await eventually("bob's conversation has the topic", async () => {
      const seen = (await bob.api.call("GET", `/conversations/${conv.id}`)).topic;
      if (seen === topic) return true;
      const alices = (await alice.api.call("GET", `/conversations/${conv.id}`)).topic;
      return `bob reads ${JSON.stringify(seen)}, alice reads ${JSON.stringify(alices)}`;
    });
    const page1 = await bob.api.call("GET", `/conversations/${conv.id}/messages`);
    if (page1.items.some((m) => (m.text ?? "").includes("/topic"))) throw new Error("the command's text was stored as a message");
    await page.context().close();
  }
}
