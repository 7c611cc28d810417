// Issue 17, bots: an administrator creates a bot in the admin console and copies its token (shown once); the token
// acts as the bot on the REST API within its scope, and the bot's message carries the "bot" badge in the conversation.
// Screenshots of the section and of the badge in en and zh-CN at 390 and 1280 px.
import { Api, uniqueName } from "../harness/api.mjs";
import { localeVariants, messageWith, openConversation, signIn } from "../harness/browser.mjs";

export async function run(ctx) {
  const [alice] = await ctx.team("alice");
  for (const v of localeVariants) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const { page } = await signIn(ctx, ctx.admin.username, ctx.password, v);
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-console").waitFor();
    await page.getByTestId("admin-nav-bots").click();
    const username = uniqueName("cibot");
    await page.getByTestId("bot-username").fill(username);
    await page.getByTestId("bot-form").locator('input[name="displayName"]').fill(v.lang === "en" ? "CI" : "构建机器人");
    await page.getByTestId("bot-create").click();
    const token = (await page.getByTestId("bot-token").locator("code").innerText()).trim();
    if (!token.startsWith("plt_")) throw new Error(`no bot token shown: ${token}`);
    await page.getByTestId("bot-list").getByText(`@${username}`).waitFor();
    await ctx.screens.shot(page, `admin-bots-${tag}`);

    // The token is the bot's: it may send (messages:write, the default) but not read.
    const bot = new Api(ctx.server.url, token);
    const me = await bot.call("GET", "/users/me");
    if (!me.isBot) throw new Error("the bot's token does not act as a bot");
    const conv = await ctx.group(alice, [me], `Builds ${tag}`);
    const text = `build ${tag} passed`;
    await bot.call("POST", `/conversations/${conv.id}/messages`, { text });
    const read = await fetch(`${ctx.server.url}/api/v1/conversations/${conv.id}/messages`, { headers: { Authorization: `Bearer ${token}` } });
    if (read.status !== 403 || (await read.json()).code !== "scope_missing") throw new Error(`reading without messages:read gave ${read.status}`);
    await page.context().close();

    const a = await signIn(ctx, alice.username, alice.password, v);
    await openConversation(a.page, conv.id);
    const message = messageWith(a.page, text);
    await message.waitFor();
    await message.getByTestId("bot-badge").getByText(v.lang === "en" ? "Bot" : "机器人").waitFor();
    await ctx.screens.shot(a.page, `bot-message-${tag}`);
    await a.context.close();
  }
}
