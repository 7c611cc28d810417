// Merge-forward (合并转发, issue 20): Alice selects three messages in a group (checkbox mode), merge-forwards them to her
// direct conversation with Bob; Bob, who is not in the group, opens the card, reads the transcript and downloads the
// file inside it through the bundle. Then the selection mode, the card and the transcript are shot in en and zh-CN at
// 1280 and 390 px, with a geometry check that nothing in the selection bar or the card spills out of its box.
import { readFileSync } from "node:fs";
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

export async function run(ctx) {
  const [alice, bob, carol] = await ctx.team("alice", "bob", "carol");
  const group = await ctx.group(alice, [carol], "Design review"); // Bob is not in it
  const direct = await alice.api.call("POST", "/conversations", { kind: "direct", memberIds: [bob.id] });
  await carol.api.call("POST", `/conversations/${group.id}/messages`, { text: "first: the layout is agreed", clientMsgId: "bf-1" });
  const specBytes = Buffer.from("spec v2: margins 12px, colours per brand sheet\n".repeat(40));
  await share(ctx, carol, group.id, "spec-v2.txt", specBytes, "here is the spec");
  await alice.api.call("POST", `/conversations/${group.id}/messages`, { text: "**third**: ship it on Friday", clientMsgId: "bf-3" });
  await alice.api.call("POST", `/conversations/${group.id}/messages`, { text: "not part of the bundle", clientMsgId: "bf-4" });

  // Alice: "Select" on one message enters checkbox mode; two more checkboxes (keyboard: Space on a focused checkbox).
  const a = await signIn(ctx, alice.username, alice.password, { viewport: WIDE });
  await openConversation(a.page, group.id);
  await selectThree(a.page);
  await ctx.screens.shot(a.page, "bundle-01-selection-en-1280");
  await a.page.getByTestId("forward-merge").click();
  const dialog = a.page.getByRole("dialog", { name: "Merge forward 3 messages" });
  await dialog.waitFor();
  await dialog.locator("li.row", { hasText: "Bob" }).getByRole("button", { name: "Send" }).click();
  await dialog.waitFor({ state: "detached" });
  // The forward dialog opens the target; the card is there for Alice too, and checkbox mode is over.
  await a.page.getByTestId("bundle-card").waitFor();
  equal(await a.page.getByTestId("bundle-card").locator(".bundle-title").textContent(), "Chat history of Design review", "the card's title names the group");

  // Bob reads it without being in the group.
  const b = await signIn(ctx, bob.username, bob.password, { viewport: WIDE });
  await openConversation(b.page, direct.id);
  const card = b.page.getByTestId("bundle-card");
  await card.waitFor();
  equal(await card.locator(".bundle-line").allTextContents(),
    ["Carol: first: the layout is agreed", "Carol: here is the spec", "Alice: **third**: ship it on Friday"], "the preview shows the first lines in conversation order");
  await ctx.screens.shot(b.page, "bundle-02-card-en-1280");
  await card.click();
  const transcript = b.page.getByRole("dialog", { name: "Chat history of Design review" });
  const items = transcript.getByTestId("transcript-item");
  await eventually("the transcript lists the three messages", async () => (await items.count()) === 3);
  // Text goes through the message renderer: markdown, no raw HTML.
  equal(await items.nth(2).locator(".message-body strong").textContent(), "third", "markdown renders as in messages");
  await ctx.screens.shot(b.page, "bundle-03-transcript-en-1280");
  const [download] = await Promise.all([b.page.waitForEvent("download"), items.nth(1).getByTestId("bundle-file-download").click()]);
  equal(download.suggestedFilename(), "spec-v2.txt", "the download keeps the file's name");
  if (!readFileSync(await download.path()).equals(specBytes)) throw new Error("the downloaded bytes differ from the uploaded file");
  // The file's own route stays closed to Bob (he is not in the group).
  const ownRoute = await fetch(`${ctx.server.url}/api/v1/files/${await fileIdIn(bob, direct.id)}`, { headers: { Authorization: `Bearer ${bob.api.token}` } });
  equal(ownRoute.status, 404, "GET /files/{id} is closed to someone outside the group");
  // Forward on the transcript offers to re-forward the whole bundle.
  await transcript.getByTestId("transcript-forward").click();
  await b.page.getByRole("dialog", { name: "Forward" }).waitFor();
  await b.page.keyboard.press("Escape");
  await b.context.close();

  // The other screens: en at 390 px, zh-CN at 1280 and 390 px.
  for (const [locale, viewport, tag] of [["en-US", PHONE, "en-390"], ["zh-CN", WIDE, "zh-1280"], ["zh-CN", PHONE, "zh-390"]]) {
    const as = await signIn(ctx, alice.username, alice.password, { viewport, locale });
    await openConversation(as.page, group.id);
    await selectThree(as.page);
    await noSpill(as.page, '[data-testid="selection-bar"]', tag);
    await ctx.screens.shot(as.page, `bundle-01-selection-${tag}`);
    await as.page.getByTestId("selection-cancel").click();
    await as.page.getByTestId("selection-bar").waitFor({ state: "detached" });
    await as.context.close();

    const bs = await signIn(ctx, bob.username, bob.password, { viewport, locale });
    await openConversation(bs.page, direct.id);
    await bs.page.getByTestId("bundle-card").waitFor();
    await noSpill(bs.page, '[data-testid="bundle-card"]', tag);
    await ctx.screens.shot(bs.page, `bundle-02-card-${tag}`);
    await bs.page.getByTestId("bundle-card").click();
    await eventually("the transcript opens", async () => (await bs.page.getByTestId("transcript-item").count()) === 3);
    await ctx.screens.shot(bs.page, `bundle-03-transcript-${tag}`);
    await bs.context.close();
  }
}

async function selectThree(page) {
  const first = messageWith(page, "first: the layout is agreed");
  await first.hover();
  await first.getByTestId("select").click();
  await page.getByTestId("selection-bar").waitFor();
  await messageWith(page, "here is the spec").getByTestId("select-message").focus();
  await page.keyboard.press("Space");
  await messageWith(page, "ship it on Friday").getByTestId("select-message").check();
  await eventually("three are selected", async () => /3/.test(await page.getByTestId("selection-count").textContent()));
}

/** Every child of the element stays inside its box (no text or button spilling over its neighbours). */
async function noSpill(page, selector, tag) {
  const spills = await page.locator(selector).first().evaluate((root) => {
    const box = root.getBoundingClientRect();
    return [...root.querySelectorAll("*")]
      .map((el) => ({ el: el.className || el.tagName, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1))
      .map(({ el }) => String(el));
  });
  if (spills.length) throw new Error(`${selector} at ${tag}: children outside the box: ${spills.join(", ")}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (width > 0) throw new Error(`${tag}: the page scrolls sideways by ${width}px`);
}

/** The id of the file inside the bundle, as the transcript gives it to Bob. */
async function fileIdIn(user, directId) {
  const page = await user.api.call("GET", `/conversations/${directId}/messages`);
  const bundle = page.items.find((m) => m.bundle);
  const transcript = await user.api.call("GET", `/messages/${bundle.id}/bundle`);
  return transcript.items[1].files[0].id;
}

/** Setup through the API: upload a text file and send it with a caption. */
async function share(ctx, user, conversationId, name, bytes, text) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "text/plain" }), name);
  const response = await fetch(`${ctx.server.url}/api/v1/files`, { method: "POST", headers: { Authorization: `Bearer ${user.api.token}` }, body: form });
  if (!response.ok) throw new Error(`upload → ${response.status} ${await response.text()}`);
  const file = await response.json();
  await user.api.call("POST", `/conversations/${conversationId}/messages`, { text, fileIds: [file.id] });
}
