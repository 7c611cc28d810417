// Issue 17, interactive cards with the worked example examples/approval-bot (a real Node service): it posts an
// approval card through an incoming webhook; bob fills in a comment and clicks Approve in his browser; Parley calls the
// bot signed (it verifies with npm standardwebhooks) and the bot's updated card ("Approved by Bob") reaches alice
// live. A server of its own, because the bot listens on loopback, which only Parley:Webhooks:AllowedHosts lets
// Parley call. Screenshots of the card in zh-CN and en at 390 and 1280 px.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Api, uniqueName } from "../harness/api.mjs";
import { openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { ParleyServer, freePort } from "../harness/server.mjs";

const botFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../examples/approval-bot");

function startBot(env) {
  if (!existsSync(resolve(botFolder, "node_modules/standardwebhooks"))) {
    const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: botFolder, stdio: "inherit" });
    if (ci.status !== 0) throw new Error("npm ci in examples/approval-bot failed");
  }
  const bot = spawn("node", ["start.js"], { cwd: botFolder, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ready, fail) => {
    bot.stdout.on("data", (chunk) => String(chunk).includes("ready ") && ready(bot));
    bot.on("exit", (code) => fail(new Error(`the approval bot exited with ${code}`)));
  });
}

const card = (page) => page.getByTestId("message-card").filter({ hasText: "Expense claim" });

export async function run(ctx) {
  const server = await ParleyServer.create(ctx.server.logDir, ["--Parley:Webhooks:AllowedHosts:0=127.0.0.1"]);
  await server.start();
  let bot = null;
  try {
    await new Api(server.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const admin = await new Api(server.url).login("admin", ctx.password);
    const [alice, bob] = [uniqueName("alice"), uniqueName("bob")];
    await admin.call("POST", "/users", { username: alice, password: ctx.password, displayName: "Alice" });
    const bobUser = await admin.call("POST", "/users", { username: bob, password: ctx.password, displayName: "Bob" });
    const aliceApi = await new Api(server.url).login(alice, ctx.password);
    const conv = await aliceApi.call("POST", "/conversations", { kind: "group", name: "Approvals 审批", memberIds: [bobUser.id] });
    const port = await freePort();
    const hook = await aliceApi.call("POST", `/conversations/${conv.id}/incoming-webhooks`, { name: "Approval bot", actionUrl: `http://127.0.0.1:${port}/actions` });
    bot = await startBot({ PARLEY_HOOK_URL: hook.url, PARLEY_SIGNING_SECRET: hook.signingSecret, PORT: String(port) });
    const posted = await fetch(`http://127.0.0.1:${port}/requests`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Expense claim: client dinner 客户晚餐", requester: "Zhang San 张三", amount: "¥860" }),
    });
    if (!posted.ok) throw new Error(`the bot could not post its card: ${posted.status} ${await posted.text()}`);

    const there = { ...ctx, server };
    // The card as everyone first sees it, in both languages and both widths.
    for (const [locale, width, height] of [["zh-CN", 390, 844], ["zh-CN", 1280, 800], ["en-US", 390, 844]]) {
      const s = await signIn(there, alice, ctx.password, { locale, viewport: { width, height } });
      if (width < 600) await s.page.getByTestId(`conversation-${conv.id}`).waitFor();
      await openConversation(s.page, conv.id);
      await card(s.page).getByTestId("card-button").first().waitFor();
      await card(s.page).scrollIntoViewIfNeeded();
      const fits = await s.page.evaluate(() => (document.scrollingElement ? document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth : true));
      if (!fits) throw new Error(`the card makes the page scroll sideways at ${locale} ${width}`);
      await ctx.screens.shot(s.page, `cards-approval-${locale === "zh-CN" ? "zh" : "en"}-${width}`);
      await s.context.close();
    }

    const a = await signIn(there, alice, ctx.password);
    const b = await signIn(there, bob, ctx.password);
    await openConversation(a.page, conv.id);
    await openConversation(b.page, conv.id);
    await card(b.page).getByRole("textbox").fill("OK within budget");
    await ctx.screens.shot(b.page, "cards-approval-en-1280");
    await card(b.page).locator('[data-action-id="approve"]').click();
    // Alice did nothing: the updated card arrives on her page live.
    await eventually("alice sees the card approved by bob", async () => ((await card(a.page).textContent()) ?? "").includes("Approved by Bob"));
    await eventually("the buttons are gone for bob too", async () => (await card(b.page).getByTestId("card-button").count()) === 0);
    if (!((await card(a.page).textContent()) ?? "").includes("Comment: OK within budget")) throw new Error("the comment typed on the card did not reach the bot");
    const log = await (await fetch(`http://127.0.0.1:${port}/log`)).json();
    if (log.length !== 1 || !log[0].verified) throw new Error(`the bot must have verified one signed click: ${JSON.stringify(log)}`);
    await ctx.screens.shot(a.page, "cards-approved-en-1280");
  } finally {
    bot?.kill("SIGTERM");
    await server.kill("SIGTERM");
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}
