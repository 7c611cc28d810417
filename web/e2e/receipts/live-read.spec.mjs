// Issue 20 regression: a message that arrives while the recipient has the conversation open and visible is reported
// as read to the server (not just shown as read locally): within 2 s Bob's readSeq equals the message's seq, Alice's
// receipt says "Read", and after a reload Bob has no unread badge.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const dm = await alice.api.call("POST", "/conversations", { kind: "direct", memberIds: [bob.id] });
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(b.page, dm.id);
  await openConversation(a.page, dm.id);

  for (const text of ["Lunch at 12?", "Or 12:30 works too"]) {
    await send(a.page, text);
    await messageWith(b.page, text).waitFor();
    const sent = (await alice.api.call("GET", `/conversations/${dm.id}`)).lastSeq;
    await eventually(`Bob's readSeq on the server reaches ${sent} (the live message's seq) within 2 s`, async () => {
      const conv = await bob.api.call("GET", `/conversations/${dm.id}`);
      return conv.readSeq === sent && conv.lastSeq === sent ? true : `readSeq ${conv.readSeq}, lastSeq ${conv.lastSeq}`;
    }, 2_000);
    const receipt = messageWith(a.page, text).getByTestId("receipt");
    await eventually("Alice's receipt shows Bob has read it", async () => ((await receipt.textContent()) === "Read" ? true : await receipt.textContent()));
  }

  // After a reload Bob's unread badge must not come back: look at the sidebar from the home screen.
  await b.page.goto(`${ctx.server.url}/#/`);
  await b.page.reload();
  await b.page.getByTestId(`conversation-${dm.id}`).waitFor();
  await b.page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor();
  const badges = await b.page.getByTestId(`conversation-${dm.id}`).getByTestId("unread-badge").count();
  if (badges !== 0) throw new Error("Bob sees an unread badge after reloading, though he read every message live");
  const list = await bob.api.call("GET", "/conversations");
  const summary = (list.items ?? list).find((c) => c.id === dm.id);
  if (summary.unreadCount !== 0) throw new Error(`the server counts ${summary.unreadCount} unread for Bob`);
}
