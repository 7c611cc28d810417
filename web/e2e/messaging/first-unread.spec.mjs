// Issue 20: opening a conversation with unread messages lands on the first unread one, under the "New messages"
// line, not at the bottom; even when it is more than a page (50) back.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Backlog");
  // Within the server's per-user send rate (10/s, burst 30).
  let sent = 0;
  const post = async (text) => {
    if (++sent > 25) await new Promise((r) => setTimeout(r, 105));
    return alice.api.call("POST", `/conversations/${conv.id}/messages`, { text });
  };
  let last;
  for (let i = 1; i <= 10; i++) last = await post(`Read ${i}`);
  await bob.api.call("POST", `/conversations/${conv.id}/read`, { seq: last.seq });
  for (let i = 1; i <= 65; i++) await post(`Unread ${i}`);

  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(b.page, conv.id);
  const list = b.page.getByTestId("message-list");
  const line = list.getByRole("separator", { name: "New messages" });
  await eventually("the New messages line is near the top of the list, with Unread 1 right under it", async () => {
    if ((await line.count()) === 0) return "no line yet";
    const box = await list.boundingBox();
    const at = await line.boundingBox();
    const first = await messageWith(b.page, /^\s*Unread 1\s*$/).boundingBox().catch(() => null);
    if (!at || !first) return "not rendered";
    return at.y >= box.y - 2 && at.y < box.y + box.height / 3 && first.y > at.y && first.y < box.y + box.height ? true : `line at ${at.y}, list ${box.y}..${box.y + box.height}`;
  });
  if ((await messageWith(b.page, /^\s*Unread 65\s*$/).count()) > 0 && (await messageWith(b.page, /^\s*Unread 65\s*$/).isVisible())) {
    const box = await list.boundingBox();
    const lastBox = await messageWith(b.page, /^\s*Unread 65\s*$/).boundingBox();
    if (lastBox && lastBox.y < box.y + box.height) throw new Error("the list opened at the bottom, not at the first unread message");
  }
  await b.page.getByTestId("jump-latest").waitFor();
  await ctx.screens.shot(b.page, "first-unread");
  await b.page.getByTestId("jump-latest").click();
  await messageWith(b.page, /^\s*Unread 65\s*$/).waitFor();
}
