// Script-bearing messages render as inert text: no <img> element, no javascript: link, no dialog.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Security");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  let dialogs = 0;
  b.page.on("dialog", () => {
    dialogs += 1;
  });
  await b.page.addInitScript(() => {
    window.__xss = 0;
  });
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  await send(a.page, "<img src=x onerror=alert(1)>");
  await send(a.page, "[x](javascript:alert(1))");
  await send(a.page, '<script>window.__xss = 1</script><a href="javascript:alert(2)">click</a>');
  const img = messageWith(b.page, "<img src=x onerror=alert(1)>");
  await img.waitFor();
  await messageWith(b.page, "[x](javascript:alert(1))").waitFor();
  await messageWith(b.page, "<script>window.__xss = 1</script>").waitFor();

  const bodies = b.page.locator('[data-testid="message-list"] .message-body');
  equal(await bodies.locator("img, script, iframe").count(), 0, "no active elements inside message bodies");
  const hrefs = await bodies.locator("a").evaluateAll((links) => links.map((l) => l.getAttribute("href")));
  equal(hrefs.filter((h) => h && /^\s*javascript:/i.test(h)).length, 0, "no javascript: links");
  // Clicking where the link text is does nothing.
  await messageWith(b.page, "[x](javascript:alert(1))").locator(".message-body").click();
  await eventually("no dialog opened and no script ran", async () => dialogs === 0 && (await b.page.evaluate(() => window.__xss ?? 0)) === 0, 1500);
  await ctx.screens.shot(b.page, "12-xss-inert");
}
