// "2 unread" on my message becomes "1 unread" when one member reads it; the popover lists who has and hasn't.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob, carol] = await ctx.team("alice", "bob", "carol");
  const conv = await ctx.group(alice, [bob, carol], "Receipts");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await send(a.page, "Please review the contract by noon");
  const receipt = messageWith(a.page, "Please review the contract by noon").getByTestId("receipt");
  await eventually("Alice sees 2 unread", async () => (await receipt.textContent()) === "2 unread");

  await openConversation(b.page, conv.id);
  await messageWith(b.page, "Please review the contract by noon").waitFor();
  await eventually("Alice sees 1 unread after Bob reads", async () => (await receipt.textContent()) === "1 unread");

  await receipt.click();
  const popover = a.page.getByTestId("receipts-popover");
  await popover.getByText("Read by 1", { exact: true }).waitFor();
  await popover.getByText("Not read by 1", { exact: true }).waitFor();
  await popover.getByText("Bob").waitFor();
  await popover.getByText("Carol").waitFor();
  await ctx.screens.shot(a.page, "08-read-receipts");
}
