// Urgent messages (DING / 加急): Alice asks Bob to acknowledge; Bob's banner survives a reload until he acknowledges;
// Alice sees "1/1 acknowledged" and who it was. Then the same screens in zh-CN and en at 390 and 1280 px.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { audit } from "../a11y/axe.spec.mjs";

const ACKED = { en: "1/1 acknowledged", "zh-CN": "1/1 已确认" };

async function sendUrgent(page, text, bobId) {
  await page.getByTestId("urgent-toggle").click();
  await page.getByTestId("urgent-picker").waitFor();
  await page.locator(`[data-testid="urgent-pick"][data-user-id="${bobId}"]`).check();
}

export async function run(ctx) {
  const [alice, bob, carol] = await ctx.team("alice", "bob", "carol");
  const conv = await ctx.group(alice, [bob, carol], "On call");

  const variants = [
    { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
    { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
  ];
  for (const [i, v] of variants.entries()) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const text = `Database is down, please check (${tag})`;
    const a = await signIn(ctx, alice.username, alice.password, v);
    await openConversation(a.page, conv.id);
    await sendUrgent(a.page, text, bob.id);
    await ctx.screens.shot(a.page, `urgent-picker-${tag}`);
    await a.page.getByTestId("urgent-confirm").click();
    await eventually("the toggle shows one chosen", async () => (await a.page.getByTestId("urgent-toggle").getAttribute("aria-pressed")) === "true");
    const box = a.page.getByTestId("composer");
    await box.fill(text);
    await box.press("Enter");
    const mine = messageWith(a.page, text);
    await eventually("Alice's message carries the marker", async () => (await mine.getByTestId("urgent-marker").count()) === 1);
    await eventually("the toggle is off after sending", async () => (await a.page.getByTestId("urgent-toggle").getAttribute("aria-pressed")) === "false");

    const b = await signIn(ctx, bob.username, bob.password, v);
    const banner = b.page.getByTestId("urgent-banner");
    await eventually("Bob sees the banner", async () => ((await banner.textContent()) ?? "").includes(text));
    if ((await banner.getAttribute("role")) !== "alert") throw new Error("the banner must be an alert");
    await ctx.screens.shot(b.page, `urgent-banner-${tag}`);
    const problems = [];
    await audit(b.page, `banner ${tag}`, problems, [[".urgent-banner"]]);
    if (problems.length > 0) throw new Error(`axe found serious problems with the banner:\n${problems.join("\n")}`);
    if (i === 0) {
      await b.page.reload();
      await b.page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor();
      await eventually("the banner survives a reload", async () => ((await b.page.getByTestId("urgent-banner").textContent()) ?? "").includes(text));
      // Open jumps to the message.
      await b.page.getByTestId("urgent-open").click();
      await eventually("Open shows the conversation with the message", async () => (await messageWith(b.page, text).count()) === 1);
    }
    // Carol was not asked: no banner for her (checked once).
    if (i === 0) {
      const c = await signIn(ctx, carol.username, carol.password, v);
      await c.page.waitForTimeout(500);
      if ((await c.page.getByTestId("urgent-banner").count()) !== 0) throw new Error("Carol was not asked, yet sees a banner");
    }
    await b.page.getByTestId("urgent-ack").click();
    await eventually("the banner is gone after acknowledging", async () => (await b.page.getByTestId("urgent-banner").count()) === 0);

    const marker = mine.getByTestId("urgent-marker");
    await eventually(`Alice sees ${ACKED[v.lang]}`, async () => ((await marker.textContent()) ?? "").trim() === ACKED[v.lang]);
    await marker.click();
    const acks = a.page.getByTestId("urgent-acks");
    await eventually("the list names Bob as acknowledged", async () => ((await acks.textContent()) ?? "").includes("Bob"));
    await ctx.screens.shot(a.page, `urgent-acks-${tag}`);
    await audit(a.page, `acknowledgements ${tag}`, problems, [[".urgent-marker"], ['[data-testid="urgent-acks"]'], [".composer"]]);
    if (problems.length > 0) throw new Error(`axe found serious problems with the acknowledgement list:\n${problems.join("\n")}`);
    await a.context.close();
    await b.context.close();
  }
}
