// Issue 17, external slash commands: an administrator registers one in the admin console (Bots section), copies its
// signing secret (shown once), sees it listed and removes it. Screenshots in en and zh-CN at 390 and 1280 px.
import { localeVariants, signIn } from "../harness/browser.mjs";

export async function run(ctx) {
  for (const v of localeVariants) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const { page } = await signIn(ctx, ctx.admin.username, ctx.password, v);
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-console").waitFor();
    await page.getByTestId("admin-nav-bots").click();
    const name = `weather${Math.random().toString(36).slice(2, 7)}`;
    await page.getByTestId("slash-command").fill(`/${name}`);
    await page.getByTestId("slash-url").fill("https://cmd.example.com/weather");
    await page.getByTestId("slash-description").fill(v.lang === "en" ? "Weather for a city" : "查询城市天气");
    await page.getByTestId("slash-create").click();
    const secret = (await page.getByTestId("slash-secret").locator("code").innerText()).trim();
    if (!secret.startsWith("whsec_")) throw new Error(`no signing secret shown: ${secret}`);
    await page.getByTestId(`slash-${name}`).waitFor();
    await page.getByTestId("admin-slash-commands").scrollIntoViewIfNeeded();
    await ctx.screens.shot(page, `admin-slash-commands-${tag}`);

    await page.getByTestId(`slash-remove-${name}`).click();
    await page.getByTestId(`slash-${name}`).waitFor({ state: "detached" });
    await page.context().close();
  }
}
