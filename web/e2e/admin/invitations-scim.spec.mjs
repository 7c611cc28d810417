// An administrator creates an invitation link and a SCIM token in the admin console; the token answers on /scim/v2;
// the invitee opens the link in another browser, chooses a username, display name and password, and lands signed in.
// The same screens in en and zh-CN at 390 and 1280 px.
import { uniqueName } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const variants = [
    { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
    { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
  ];
  for (const v of variants) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const admin = await signIn(ctx, ctx.admin.username, ctx.password, v);
    const page = admin.page;
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-console").waitFor();

    // A SCIM token: shown once, and it opens /scim/v2 (and only that).
    await page.getByTestId("admin-nav-provisioning").click();
    const tokenForm = page.getByTestId("scim-token-form");
    await tokenForm.locator('input[name="name"]').fill(`Okta ${tag}`);
    await page.getByTestId("scim-token-create").click();
    const secret = (await page.getByTestId("scim-token-secret").locator("code").innerText()).trim();
    if (!secret.startsWith("pscim_")) throw new Error(`no SCIM token shown: ${secret}`);
    await page.getByTestId("scim-token-list").getByText(`Okta ${tag}`).waitFor();
    const scim = await fetch(`${ctx.server.url}/scim/v2/ServiceProviderConfig`, { headers: { Authorization: `Bearer ${secret}` } });
    if (scim.status !== 200 || !(scim.headers.get("content-type") ?? "").startsWith("application/scim+json")) throw new Error(`SCIM answered ${scim.status}`);
    const api = await fetch(`${ctx.server.url}/api/v1/users/me`, { headers: { Authorization: `Bearer ${secret}` } });
    if (api.status !== 401) throw new Error(`a SCIM token must not open /api/v1, got ${api.status}`);
    await ctx.screens.shot(page, `admin-provisioning-${tag}`);

    // An invitation link.
    await page.getByTestId("admin-nav-invitations").click();
    const form = page.getByTestId("invitation-form");
    const invitee = v.lang === "en" ? "Wang Fang" : "王芳";
    await form.locator('input[name="displayName"]').fill(invitee);
    await form.locator('input[name="email"]').fill(`wang.fang.${v.viewport.width}@example.com`);
    await page.getByTestId("invitation-create").click();
    const link = (await page.getByTestId("invitation-link").locator("code").innerText()).trim();
    if (!link.startsWith(`${ctx.server.url}/invite/pli_`)) throw new Error(`unexpected link ${link}`);
    await page.getByTestId("invitation-list").getByText(invitee).first().waitFor();
    await ctx.screens.shot(page, `admin-invitations-${tag}`);

    // The invitee, in a browser of their own.
    const context = await ctx.newContext({ viewport: v.viewport, locale: v.locale });
    const guest = await context.newPage();
    await guest.goto(link);
    await guest.getByTestId("invite-form").waitFor();
    if ((await guest.locator("#displayName").inputValue()) !== invitee) throw new Error("the display name is not prefilled");
    const username = uniqueName("wangfang");
    await guest.locator("#username").fill(username);
    await guest.locator("#password").fill(ctx.password);
    await guest.locator("#confirm").fill(ctx.password);
    await ctx.screens.shot(guest, `invite-${tag}`);
    await guest.getByTestId("invite-accept").click();
    await guest.getByTestId("me-name").waitFor();
    await eventually("the address bar leaves the spent link", async () => new URL(guest.url()).pathname === "/");
    await ctx.screens.shot(guest, `invite-signed-in-${tag}`);

    // The link is spent: opening it again says so.
    const again = await (await ctx.newContext({ viewport: v.viewport, locale: v.locale })).newPage();
    await again.goto(link);
    await again.getByTestId("invite-dead").waitFor();
    if (v.viewport.width === 390) await ctx.screens.shot(again, `invite-used-${tag}`);
  }
}
