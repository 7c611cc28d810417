// Customer service abuse control (issue 18): a widget "under attack". On a server of its own with
// Parley:Service:ChallengeAboveSessionsPerMinute=0 every visitor session must solve the proof-of-work challenge: the
// visitor page gets 428 visitor_challenge_required, shows "Checking your browser…" while a Web Worker solves it,
// sends the request again with the solution and the visitor is in the chat. The solved request is held back until the
// "checking" state is photographed (en and zh-CN, 390 and 1280 px).
import { rmSync } from "node:fs";
import { Api } from "../harness/api.mjs";
import { localeVariants, messageWith, send } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";
import { ParleyServer } from "../harness/server.mjs";

export async function run(ctx) {
  const busy = await ParleyServer.create(ctx.server.logDir, ["--Parley:Service:ChallengeAboveSessionsPerMinute=0", "--Parley:Service:ChallengeDifficulty=14"]);
  await busy.start();
  try {
    await new Api(busy.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const admin = await new Api(busy.url).login("admin", ctx.password);
    const widget = await admin.call("POST", "/service/widgets", { name: "Tea shop" });

    for (const [index, variant] of localeVariants.entries()) {
      const context = await ctx.newContext({ viewport: variant.viewport, locale: variant.locale });
      const page = await context.newPage();
      const answers = [];
      page.on("response", (response) => {
        if (response.url().endsWith("/api/v1/visitor/sessions")) answers.push(response.status());
      });
      // Hold the solved request back until the screenshot is taken (the 14-bit solve itself takes a fraction of a second).
      let release;
      const released = new Promise((resolve) => (release = resolve));
      const solved = [];
      await page.route("**/api/v1/visitor/sessions", async (route) => {
        const body = route.request().postDataJSON();
        if (body?.challengeToken) {
          solved.push(body);
          await released;
        }
        await route.continue();
      });

      await page.goto(`${busy.url}/visitor/${widget.id}?lang=${variant.lang}`);
      await page.getByTestId("visitor-name").fill(variant.lang === "en" ? "Sam" : "王先生");
      await page.getByTestId("visitor-start").click();
      const checking = page.getByTestId("visitor-checking");
      await checking.waitFor();
      const expected = variant.lang === "en" ? "Checking your browser" : "正在检查您的浏览器";
      equal((await checking.innerText()).includes(expected), true, `the ${variant.lang} page says it is checking the browser`);
      await eventually("the worker solves the challenge and the page sends the solution", async () => solved.length > 0, 20_000);
      await ctx.screens.shot(page, `service-visitor-checking-${variant.lang}-${variant.viewport.width}`);
      equal(solved.length, 1, "the page sent the solution once");
      equal(/^\d{1,32}$/.test(solved[0].challengeNonce) && solved[0].challengeToken.startsWith("pvc_"), true, `a decimal nonce with the token: ${JSON.stringify(solved[0])}`);
      release();

      await page.getByTestId("embed-conversation").waitFor();
      equal(answers.join(","), "428,201", "the first request was challenged, the solved one created the session");
      equal(await checking.count(), 0, "the checking state is gone once the chat is open");
      if (index === 0) {
        await send(page, "Do you ship oolong to Canada?");
        await messageWith(page, "Do you ship oolong to Canada?").waitFor();
      }
      await context.close();
    }
  } finally {
    await busy.kill("SIGTERM");
    rmSync(busy.dataDir, { recursive: true, force: true });
  }
}
