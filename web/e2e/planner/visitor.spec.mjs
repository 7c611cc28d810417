// Issue 20: with Parley:Planner:AllowAnonymous on, a visitor without an account opens the cost planner from the
// sign-in screen and gets a plan; with it off (the shared e2e server) the link is not offered.
import { rmSync } from "node:fs";
import { Api } from "../harness/api.mjs";
import { ParleyServer } from "../harness/server.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const closed = await ctx.newContext({ locale: "en-US" });
  const page = await closed.newPage();
  await page.goto(ctx.server.url);
  await page.locator("#login-title").waitFor();
  if ((await page.getByTestId("visitor-planner-link").count()) !== 0) throw new Error("the planner link shows although visitors are not allowed");
  await page.goto(`${ctx.server.url}/#/planner`);
  await page.locator("#login-title").waitFor();

  const open = await ParleyServer.create(ctx.server.logDir, ["--Parley:Planner:AllowAnonymous=true"]);
  await open.start();
  try {
    await new Api(open.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const visitor = await ctx.newContext({ locale: "zh-CN" });
    const p = await visitor.newPage();
    await p.goto(open.url);
    await p.getByTestId("visitor-planner-link").click();
    await p.getByTestId("planner-page").waitFor();
    await p.getByTestId("planner-calculate").click();
    await eventually("the visitor gets a ranked plan", async () => (await p.locator('[data-testid="planner-summary"] tbody tr').count()) > 0, 30_000);
    // Form defaults follow the UI language: a Chinese reader starts in yuan.
    const currency = await p.getByTestId("planner-currency").inputValue();
    if (currency !== "CNY") throw new Error(`the zh-CN planner starts in ${currency}, not CNY`);
    await ctx.screens.shot(p, "planner-visitor-zh");
  } finally {
    await open.kill("SIGTERM");
    rmSync(open.dataDir, { recursive: true, force: true });
  }
}
