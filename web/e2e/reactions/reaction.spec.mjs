// A reaction added by one person appears for the other, and toggling it off removes it for both.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Reactions");
  await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: "Shipped the new build", clientMsgId: `r-${Date.now()}` });
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  const mine = messageWith(a.page, "Shipped the new build");
  await mine.hover();
  await mine.getByTestId("add-reaction").click();
  await a.page.getByTestId("emoji-picker").getByTestId("emoji-🎉").first().click();
  const theirs = messageWith(b.page, "Shipped the new build");
  await eventually("Bob sees 🎉 1", async () => (await theirs.getByTestId("reaction").textContent())?.replace(/\s+/g, " ").trim() === "🎉 1");
  await ctx.screens.shot(b.page, "07-reaction");
  await mine.getByTestId("reaction").click();
  await eventually("the reaction is gone for Bob", async () => (await theirs.getByTestId("reaction").count()) === 0);
}
