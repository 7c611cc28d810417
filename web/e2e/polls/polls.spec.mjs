// Issue 20, polls and sign-up chains (接龙): alice posts a poll from the composer, bob votes in his browser and alice
// sees the count change live; a chain gets two entries in sign-up order; closing stops voting for everyone.
// Screenshots of the create dialog, the poll card and the chain card in zh-CN and en at 390 and 1280 px.
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

const pollCard = (page, question) => page.locator('[data-testid="poll-card"]').filter({ hasText: question });
const chainCard = (page, question) => page.locator('[data-testid="signup-card"]').filter({ hasText: question });
const option = (card, text) => card.getByTestId("poll-option").filter({ hasText: text });

async function createFromComposer(page, { kind, question, options = [] }) {
  await page.getByTestId("open-poll-dialog").click();
  const dialog = page.getByTestId("poll-dialog");
  await dialog.getByTestId(kind === "signup" ? "poll-kind-signup" : "poll-kind-poll").click();
  await dialog.getByTestId("poll-question").fill(question);
  for (let i = 0; i < options.length; i++) {
    if (i >= 2) await dialog.getByTestId("poll-add-option").click();
    await dialog.getByTestId("poll-option-input").nth(i).fill(options[i]);
  }
  return dialog;
}

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Polls");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);

  // Alice creates a poll with the keyboard reachable dialog.
  const dialog = await createFromComposer(a.page, { kind: "poll", question: "Team lunch on Friday?", options: ["Noodles", "Dumplings", "Rice"] });
  await dialog.getByTestId("poll-create").click();
  await dialog.waitFor({ state: "detached" });
  const alicePoll = pollCard(a.page, "Team lunch on Friday?");
  const bobPoll = pollCard(b.page, "Team lunch on Friday?");
  await bobPoll.waitFor();

  // Bob votes; Alice's card follows live, and the bar's label tells a screen reader the numbers.
  await option(bobPoll, "Dumplings").click();
  await eventually("alice sees bob's vote", async () => (await option(alicePoll, "Dumplings").getByTestId("poll-count").textContent())?.trim() === "1 · 100%");
  await eventually("bob's choice is marked", async () => (await option(bobPoll, "Dumplings").getAttribute("aria-pressed")) === "true");
  equal(await option(bobPoll, "Dumplings").getAttribute("aria-label"), "Dumplings: 1 votes, 100% (your choice)", "the option's accessible name");
  await option(alicePoll, "Noodles").click();
  await eventually("bob sees the split", async () => (await option(bobPoll, "Noodles").getByTestId("poll-count").textContent())?.trim() === "1 · 50%");
  await eventually("two voters", async () => (await bobPoll.getByTestId("poll-voter-count").textContent())?.includes("2 people voted"));
  // Named poll: the voters show on request.
  await alicePoll.getByTestId("poll-show-voters").click();
  await eventually("voters listed", async () => (await alicePoll.getByTestId("poll-voters").allTextContents()).join("|") === "Alice|Bob|No one");

  // A sign-up chain: two entries, numbered in the order they came.
  const chainDialog = await createFromComposer(a.page, { kind: "signup", question: "Saturday hike 接龙" });
  await chainDialog.getByTestId("poll-create").click();
  await chainDialog.waitFor({ state: "detached" });
  const bobChain = chainCard(b.page, "Saturday hike 接龙");
  const aliceChain = chainCard(a.page, "Saturday hike 接龙");
  await bobChain.getByTestId("signup-input").fill("bringing snacks");
  await bobChain.getByTestId("signup-submit").click();
  await eventually("bob's entry reaches alice", async () => (await aliceChain.getByTestId("signup-entry").count()) === 1);
  await aliceChain.getByTestId("signup-input").fill("driver, 3 seats");
  await aliceChain.getByTestId("signup-input").press("Enter");
  await eventually("both entries in order at bob", async () =>
    (await bobChain.getByTestId("signup-entry").allTextContents()).map((s) => s.replace(/\s+/g, " ").trim()).join("|") === "1. Bob bringing snacks|2. Alice driver, 3 seats");
  // Bob edits his entry and keeps his place.
  await bobChain.getByTestId("signup-edit").click();
  await bobChain.getByTestId("signup-input").fill("bringing snacks and water");
  await bobChain.getByTestId("signup-submit").click();
  await eventually("the edit keeps bob first", async () => ((await aliceChain.getByTestId("signup-entry").first().textContent()) ?? "").includes("snacks and water"));

  await ctx.screens.shot(a.page, "polls-cards-en-1280");
  for (const [locale, width, height] of [["zh-CN", 1280, 800], ["zh-CN", 390, 844], ["en-US", 390, 844], ["en-US", 1280, 800]]) {
    const s = await signIn(ctx, alice.username, alice.password, { locale, viewport: { width, height } });
    const tag = `${locale === "zh-CN" ? "zh" : "en"}-${width}`;
    await openConversation(s.page, conv.id);
    const card = pollCard(s.page, "Team lunch on Friday?");
    await card.scrollIntoViewIfNeeded();
    await ctx.screens.shot(s.page, `polls-poll-card-${tag}`);
    const chain = chainCard(s.page, "Saturday hike 接龙");
    await chain.scrollIntoViewIfNeeded();
    await ctx.screens.shot(s.page, `polls-signup-card-${tag}`);
    const open = await createFromComposer(s.page, { kind: "poll", question: locale === "zh-CN" ? "周五团队午餐吃什么？" : "Where should we eat?", options: ["A", "B", "C"] });
    await ctx.screens.shot(s.page, `polls-create-dialog-${tag}`);
    await open.getByTestId("poll-kind-signup").click();
    await ctx.screens.shot(s.page, `polls-create-signup-${tag}`);
    await s.page.keyboard.press("Escape");
    await open.waitFor({ state: "detached" });
    const fits = await s.page.evaluate(() => {
      const body = document.scrollingElement;
      return body ? body.scrollWidth <= body.clientWidth : true;
    });
    if (!fits) throw new Error(`the page scrolls sideways at ${tag}`);
    await s.context.close();
  }

  // Alice closes both; bob can no longer vote or sign up.
  await alicePoll.getByTestId("poll-close").click();
  await eventually("bob sees the poll closed", async () => (await bobPoll.getByTestId("poll-closed").count()) === 1);
  equal(await option(bobPoll, "Rice").isDisabled(), true, "a closed poll's options are disabled");
  await aliceChain.getByTestId("poll-close").click();
  await eventually("bob sees the chain closed", async () => (await bobChain.getByTestId("poll-closed").count()) === 1 && (await bobChain.getByTestId("signup-input").count()) === 0);
  await ctx.screens.shot(b.page, "polls-closed-en-1280");
}
