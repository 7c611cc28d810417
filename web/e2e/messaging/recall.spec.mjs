// Recalling a message replaces it with "X recalled a message" for everyone, text gone.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Recall");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  await send(a.page, "Oops, wrong channel secret");
  await messageWith(b.page, "Oops, wrong channel secret").waitFor();
  const mine = messageWith(a.page, "Oops, wrong channel secret");
  await mine.hover();
  await mine.getByTestId("recall").click();
  await b.page.getByText("Alice recalled a message").waitFor();
  await a.page.getByText("You recalled a message").waitFor();
  await eventually("the text is gone for Bob", async () => (await b.page.getByText("Oops, wrong channel secret").count()) === 0);
  await ctx.screens.shot(b.page, "09-recalled");
}
