// A conversation with 600 messages: only what is on screen is in the DOM, scrolling up loads history page by page,
// and reading from the top back down shows every message once, in order. A message arriving while the reader is
// scrolled up doesn't yank the view; "Jump to latest" brings them down.
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

const PER_SENDER = 100;

/** Send `count` messages as one user, within the server's per-user rate limit (10/s, burst 30). */
async function post(user, conversationId, count, tag) {
  for (let i = 0; i < count; i++) {
    await user.api.call("POST", `/conversations/${conversationId}/messages`, { text: `${tag} ${i}`, clientMsgId: `${tag}-${i}` });
    if (i >= 25) await new Promise((r) => setTimeout(r, 105));
  }
}

export async function run(ctx) {
  const senders = await ctx.team("ann", "ben", "cai", "dan", "eve", "fay");
  const [reader] = await ctx.team("reader");
  const conv = await ctx.group(senders[0], [...senders.slice(1), reader], "Long history");
  await Promise.all(senders.map((s, n) => post(s, conv.id, PER_SENDER, `h${n}`)));
  const total = senders.length * PER_SENDER;

  const r = await signIn(ctx, reader.username, reader.password);
  await openConversation(r.page, conv.id);
  const list = r.page.getByTestId("message-list");
  const rendered = await list.locator('[data-testid="message"]').count();
  if (rendered === 0 || rendered > 80) throw new Error(`expected a virtualized window of messages, found ${rendered} in the DOM`);

  // Scroll to the top until the beginning of the conversation shows, collecting every seq seen on the way.
  const seen = new Set();
  const collect = async () => {
    for (const seq of await list.locator('[data-testid="message"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))))) seen.add(seq);
  };
  await eventually(
    "history loads back to the first message",
    async () => {
      await collect();
      await list.evaluate((el) => el.scrollBy(0, -2500));
      return (await r.page.getByText("This is the beginning of the conversation.").count()) === 1 || `${seen.size} seen`;
    },
    90_000,
  );
  await ctx.screens.shot(r.page, "23-history-top");

  // Read back down: every message once, in seq order.
  const order = [];
  await eventually(
    "scrolled back to the bottom",
    async () => {
      for (const seq of await list.locator('[data-testid="message"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))))) {
        if (order[order.length - 1] !== seq && !order.includes(seq)) order.push(seq);
      }
      const atBottom = await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 5);
      // Less than a screen at a time: rows more than a few beyond the screen are not rendered (virtual list overscan).
      await list.evaluate((el) => el.scrollBy(0, Math.floor(el.clientHeight * 0.9)));
      return atBottom;
    },
    60_000,
  );
  equal(order.length, total, "messages seen reading down");
  equal([...order].sort((x, y) => x - y), order, "messages appear in seq order");

  // Scrolled up, a new message shows the jump button instead of moving the view.
  await list.evaluate((el) => el.scrollBy(0, -3000));
  await senders[0].api.call("POST", `/conversations/${conv.id}/messages`, { text: "newest while scrolled up", clientMsgId: "newest" });
  await r.page.getByTestId("jump-latest").waitFor();
  await r.page.getByTestId("jump-latest").click();
  await r.page.getByText("newest while scrolled up").waitFor();
}
