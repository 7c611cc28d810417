// A reply in a thread shows in the thread panel for both people and the root's reply count goes up.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Threads");
  await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text: "Release plan for Friday?", clientMsgId: `t-${Date.now()}` });
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  const root = messageWith(b.page, "Release plan for Friday?");
  await root.hover();
  await root.getByTestId("reply-thread").click();
  await b.page.getByTestId("thread-panel").waitFor();
  await send(b.page, "Friday works, I'll prepare the notes", "thread-composer");
  await b.page.getByTestId("thread-panel").getByText("Friday works, I'll prepare the notes").waitFor();

  const aliceRoot = messageWith(a.page, "Release plan for Friday?");
  await eventually("Alice sees 1 reply on the root", async () => (await aliceRoot.getByTestId("thread-replies").textContent()) === "1 reply");
  // The reply stays out of the main list.
  await eventually("the reply is not in the main list", async () => (await messageWith(a.page, "Friday works").count()) === 0);
  await aliceRoot.getByTestId("thread-replies").click();
  await a.page.getByTestId("thread-panel").getByText("Friday works, I'll prepare the notes").waitFor();
  await ctx.screens.shot(a.page, "06-thread-panel");
}
