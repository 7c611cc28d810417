// An administrator subscribes a URL to a channel's messages in Admin console → Webhooks: the signing secret is shown
// once, a URL on a loopback address is refused (target_forbidden), a message sent to the channel appears in the
// webhook's delivery log (its target, under the reserved .invalid domain, cannot be reached, so the log shows the
// failed attempt and its error), and the webhook is deleted. The screens in en and zh-CN at 390 and 1280 px.
import { uniqueName } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const channelName = uniqueName("hooked");
  const channel = await ctx.admin.api.call("POST", "/conversations", { kind: "channel", name: channelName });
  const variants = [
    { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
    { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
  ];
  for (const [i, v] of variants.entries()) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const { page } = await signIn(ctx, ctx.admin.username, ctx.password, v);
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-console").waitFor();
    await page.getByTestId("admin-nav-webhooks").click();
    const form = page.getByTestId("webhook-form");

    if (i === 0) {
      // The SSRF guard at registration: a loopback target is refused with its own message.
      await form.locator('input[name="url"]').fill("http://127.0.0.1:8080/hook");
      await page.getByTestId("webhook-create").click();
      await page.getByRole("status").getByText("Parley:Webhooks:AllowedHosts").waitFor();
    }

    const url = `https://hooks.parley.invalid/${tag}`;
    await form.locator('input[name="url"]').fill(url);
    await form.getByTestId("webhook-conversations").selectOption({ label: channelName });
    await form.locator('input[name="triggerWords"]').fill("");
    await page.getByTestId("webhook-create").click();
    const secret = (await page.getByTestId("webhook-secret").locator("code").innerText()).trim();
    if (!secret.startsWith("whsec_")) throw new Error(`no signing secret shown: ${secret}`);
    const row = page.getByTestId("webhook-list").locator("tr", { hasText: url });
    await row.waitFor();
    await ctx.screens.shot(page, `admin-webhooks-${tag}`);

    await ctx.admin.api.call("POST", `/conversations/${channel.id}/messages`, { text: `for the webhook ${tag}`, clientMsgId: uniqueName("wh") });
    await row.getByRole("button", { name: v.lang === "en" ? "Deliveries" : "投递记录" }).click();
    const log = page.getByTestId("webhook-delivery-log");
    await eventually("the failed attempt in the delivery log", async () => {
      await log.getByTestId("webhook-log-refresh").click();
      // allInnerTexts does not wait: the log may still be empty (the subscriber reads commits in batches), and a
      // waiting innerText would spend the whole budget on the first try.
      return ((await log.locator("tbody tr").allInnerTexts())[0] ?? "").includes("target_unreachable");
    });
    await ctx.screens.shot(page, `admin-webhook-deliveries-${tag}`);

    await row.getByRole("button", { name: v.lang === "en" ? "Delete" : "删除" }).click();
    await eventually("the webhook to be gone", async () => (await page.getByTestId("webhook-list").locator("tr", { hasText: url }).count()) === 0);
    await page.context().close();
  }
}
