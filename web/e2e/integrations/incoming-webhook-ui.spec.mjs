// Issue 17, incoming webhooks in the web client: a group's owner adds a webhook in the members panel (Integrations),
// copies the URL shown once, and an integration posting Slack's JSON to it appears in the conversation with its
// mrkdwn rendered (bold, link). A plain member is not offered the part. Revoking in the panel makes the URL answer 404.
// Screenshots of the part and of the once-shown URL and secret in en and zh-CN at 390 and 1280 px.
import { localeVariants, messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

const postToHook = (url, body) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function openIntegrations(page, conversationId) {
  await openConversation(page, conversationId);
  await page.getByTestId("open-members").click();
  await page.getByTestId("members-panel").waitFor();
}

/** At 390 px nothing may push the page sideways (a long URL or secret must wrap). */
async function assertNoOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${what} overflows the viewport by ${overflow}px`);
}

export async function run(ctx) {
  const [owner, member] = await ctx.team("olga", "mark");
  const conv = await ctx.group(owner, [member], "Builds");

  // A plain member sees the panel but not its Integrations part.
  const m = await signIn(ctx, member.username, member.password);
  await openIntegrations(m.page, conv.id);
  await m.page.getByTestId("members-panel").getByTestId("mute-toggle").waitFor();
  if ((await m.page.getByTestId("integrations-part").count()) !== 0) throw new Error("a plain member is offered the Integrations part");
  await m.context.close();

  for (const [i, v] of localeVariants.entries()) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const { page, context } = await signIn(ctx, owner.username, owner.password, v);
    await openIntegrations(page, conv.id);
    const part = page.getByTestId("integrations-part");
    await part.waitFor();
    await part.getByTestId("incoming-webhook-add").click();
    const form = part.getByTestId("incoming-webhook-form");
    await form.locator('input[name="name"]').fill(v.lang === "en" ? `CI builds ${tag}` : `CI 构建 ${tag}`);
    if (i === 0) {
      // A loopback action URL is refused (422 target_forbidden) and the panel says why in words, not the code.
      await form.locator('input[name="actionUrl"]').fill("http://127.0.0.1:9/actions");
      await form.getByTestId("incoming-webhook-create").click();
      await part.getByRole("alert").getByText("Parley:Webhooks:AllowedHosts").waitFor();
      await form.locator('input[name="actionUrl"]').fill("");
    }
    await form.getByTestId("incoming-webhook-create").click();

    const secretBox = part.getByTestId("incoming-webhook-secret");
    await secretBox.waitFor();
    const url = (await secretBox.locator("code").first().innerText()).trim();
    if (!url.startsWith(`${ctx.server.url}/api/v1/hooks/`)) throw new Error(`the shown URL is not the hook's: ${url}`);
    const signingSecret = (await secretBox.getByTestId("incoming-webhook-signing-secret").innerText()).trim();
    if (signingSecret.length < 16) throw new Error(`no signing secret shown: "${signingSecret}"`);
    const curl = await secretBox.getByTestId("incoming-webhook-curl").innerText();
    if (!curl.includes(`'${url}'`)) throw new Error(`the curl example does not post to the shown URL: ${curl}`);
    await secretBox.scrollIntoViewIfNeeded();
    if (v.viewport.width === 390) await assertNoOverflow(page, "the once-shown URL and secret");
    await ctx.screens.shot(page, `incoming-webhook-secret-${tag}`);

    if (i === 0) {
      const posted = await postToHook(url, { text: "Build *passed* <https://ci.example.com/1|#1>" });
      if (posted.status !== 200) throw new Error(`posting to the shown URL gave ${posted.status}`);
      const message = messageWith(page, "Build");
      await message.waitFor();
      await message.locator(".message-body strong", { hasText: "passed" }).waitFor();
      const link = message.locator('.message-body a[href="https://ci.example.com/1"]');
      await link.waitFor();
      if ((await link.innerText()).trim() !== "#1") throw new Error("the Slack link <url|#1> is not rendered as a link labelled #1");
    }

    await secretBox.getByRole("button").click();
    const row = part.getByTestId("incoming-webhook").filter({ hasText: tag });
    await row.waitFor();
    await row.scrollIntoViewIfNeeded();
    if (v.viewport.width === 390) await assertNoOverflow(page, "the Integrations part");
    await ctx.screens.shot(page, `incoming-webhook-panel-${tag}`);

    // Revoke (the confirm is accepted by signIn's dialog handler): the row goes and the URL answers 404.
    await row.getByRole("button").click();
    await eventually("the revoked hook leaves the list", async () => (await row.count()) === 0);
    const after = await postToHook(url, { text: "after revoke" });
    if (after.status !== 404) throw new Error(`the revoked hook's URL answered ${after.status}, not 404`);
    await context.close();
  }

  // At the server's maximum (Parley:IncomingWebhooks:MaxPerConversation, 20) the 409 is explained, not "already exists".
  for (let n = 0; n < 20; n++) await owner.api.call("POST", `/conversations/${conv.id}/incoming-webhooks`, { name: `bulk ${n}` });
  const o = await signIn(ctx, owner.username, owner.password);
  await openIntegrations(o.page, conv.id);
  const part = o.page.getByTestId("integrations-part");
  await eventually("the 20 hooks are listed", async () => (await part.getByTestId("incoming-webhook").count()) === 20);
  await part.getByTestId("incoming-webhook-add").click();
  await part.locator('input[name="name"]').fill("one too many");
  await part.getByTestId("incoming-webhook-create").click();
  await part.getByRole("alert").getByText("Revoke one first").waitFor();
  await o.context.close();
}
