// The server is SIGKILLed and restarted on the same data folder and port. Both clients show the outage, a message
// typed meanwhile waits in the outbox, and afterwards both catch up: every message exactly once, none lost.
import { Api } from "../harness/api.mjs";
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

async function countTexts(page, texts) {
  const counts = {};
  for (const text of texts) counts[text] = await messageWith(page, text).count();
  return counts;
}

export async function run(ctx) {
  const [alice, bob, carol] = await ctx.team("alice", "bob", "carol");
  const conv = await ctx.group(alice, [bob, carol], "Resilience");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  await send(a.page, "before the crash");
  await messageWith(b.page, "before the crash").waitFor();

  await ctx.server.kill("SIGKILL");
  for (const page of [a.page, b.page]) {
    await eventually("the client shows it is not connected", async () => (await page.getByTestId("connection-state").getAttribute("data-status")) !== "connected");
  }
  await send(a.page, "typed while offline");
  await a.page.locator('[data-testid="pending-message"]', { hasText: "typed while offline" }).waitFor();
  await ctx.screens.shot(a.page, "17-offline-pending");

  await ctx.server.start();
  // Someone else posts the moment the server is back, before the browsers have reconnected: only catch-up can deliver these.
  const carolApi = await new Api(ctx.server.url).login(carol.username, carol.password);
  const fromCarol = ["carol 1 during reconnect", "carol 2 during reconnect", "carol 3 during reconnect"];
  for (const text of fromCarol) await carolApi.call("POST", `/conversations/${conv.id}/messages`, { text, clientMsgId: `c-${text}` });

  for (const page of [a.page, b.page]) {
    await page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor({ timeout: 60_000 });
  }
  await send(b.page, "after the restart");
  const expected = ["before the crash", "typed while offline", ...fromCarol, "after the restart"];
  for (const [name, page] of [["Alice", a.page], ["Bob", b.page]]) {
    await eventually(`${name} shows every message exactly once`, async () => {
      const counts = await countTexts(page, expected);
      return Object.values(counts).every((n) => n === 1) || JSON.stringify(counts);
    }, 30_000);
  }
  await eventually("Alice's outbox is empty", async () => (await a.page.getByTestId("pending-message").count()) === 0);

  // The server stored the offline message once, despite any retries.
  const { items } = await alice.api.call("GET", `/conversations/${conv.id}/messages?limit=50`).catch(async () => {
    const fresh = await new Api(ctx.server.url).login(alice.username, alice.password);
    return fresh.call("GET", `/conversations/${conv.id}/messages?limit=50`);
  });
  const stored = items.filter((m) => m.text === "typed while offline").length;
  if (stored !== 1) throw new Error(`server stored the offline message ${stored} times`);
  await ctx.screens.shot(b.page, "18-after-restart");
}
