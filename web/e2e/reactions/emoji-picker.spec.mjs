// Issue 20: the reaction picker offers every emoji, searchable in Chinese and English, recently used first, and is
// operated from the keyboard (arrows, Enter, Escape). Reactions draw with the app's own emoji font, and the message
// toolbar's icons are SVG, not emoji characters.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Picker");
  await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: "Release 2.0 is out" });
  const a = await signIn(ctx, alice.username, alice.password, { locale: "zh-CN" });
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  const mine = messageWith(a.page, "Release 2.0 is out");
  const picker = a.page.getByTestId("emoji-picker");
  const search = a.page.getByTestId("emoji-search");

  // The toolbar's icons are SVG (no emoji glyphs that show as boxes without an emoji font).
  await mine.hover();
  const glyphs = await mine.getByRole("toolbar").evaluate((bar) => [...bar.querySelectorAll("button")].map((b) => ({ svg: !!b.querySelector("svg"), text: b.textContent.trim() })));
  if (glyphs.length < 4 || glyphs.some((g) => !g.svg || g.text !== "")) throw new Error(`toolbar buttons are not SVG icons: ${JSON.stringify(glyphs)}`);

  // Keyboard only: focus the add-reaction button, Enter opens the picker with the search box focused.
  await mine.getByTestId("add-reaction").focus();
  await a.page.keyboard.press("Enter");
  await picker.waitFor();
  await eventually("the search box has focus", async () => (await search.evaluate((el) => el === document.activeElement)) === true);
  await eventually("the full set is loaded", async () => (await picker.locator('[role="option"]').count()) > 1500);
  await ctx.screens.shot(a.page, "picker-01-open-zh");
  // A Chinese keyword finds 👍; Enter picks the active (first) result.
  await search.fill("赞");
  await eventually("赞 finds 👍 first", async () => (await picker.locator('[role="option"]').first().getAttribute("data-emoji")) === "👍");
  await a.page.keyboard.press("Enter");
  await picker.waitFor({ state: "detached" });
  await eventually("Bob sees 👍 1", async () => (await messageWith(b.page, "Release 2.0 is out").getByTestId("reaction").first().textContent())?.replace(/\s+/g, " ").trim() === "👍 1");
  await eventually("focus is back on the add-reaction button", async () => (await a.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "add-reaction");

  // Reopened: 👍 is first among the recently used. An English search, arrow right, Enter picks the second match.
  await a.page.keyboard.press("Enter");
  await picker.waitFor();
  await eventually("👍 leads the recent row", async () => (await picker.locator('[role="option"]').first().getAttribute("data-emoji")) === "👍");
  await search.fill("party");
  await eventually("party has results", async () => (await picker.locator('[role="option"]').count()) >= 2);
  const second = await picker.locator('[role="option"]').nth(1).getAttribute("data-emoji");
  await a.page.keyboard.press("ArrowRight");
  const active = await search.getAttribute("aria-activedescendant");
  if (active !== "emoji-option-1") throw new Error(`ArrowRight should make the second result active, got ${active}`);
  await a.page.keyboard.press("Enter");
  await eventually(`Bob sees ${second}`, async () => (await messageWith(b.page, "Release 2.0 is out").getByTestId("reaction").count()) === 2);

  // Escape closes without picking.
  await a.page.keyboard.press("Enter");
  await picker.waitFor();
  await a.page.keyboard.press("Escape");
  await picker.waitFor({ state: "detached" });
  if ((await messageWith(b.page, "Release 2.0 is out").getByTestId("reaction").count()) !== 2) throw new Error("Escape added a reaction");

  // The reactions are drawn with the app's own emoji font, loaded from the app (CSP allows fonts from 'self' only).
  const font = await a.page.evaluate(async () => {
    const emoji = document.querySelector('[data-testid="reaction"] .emoji');
    await document.fonts.ready;
    const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Parley Emoji").map((f) => f.status);
    return { family: getComputedStyle(emoji).fontFamily, faces };
  });
  if (!font.family.startsWith('"Parley Emoji"') || !font.faces.includes("loaded")) throw new Error(`the emoji font is not in use: ${JSON.stringify(font)}`);
  await ctx.screens.shot(a.page, "picker-02-reactions");
}
