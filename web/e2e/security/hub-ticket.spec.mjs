// The hub's WebSocket URL carries a one-minute hub ticket, never the bearer token: proxies and access logs keep URLs.
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [carol] = await ctx.team("carol");
  const context = await ctx.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  const sockets = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto(ctx.server.url);
  await page.locator("#username").fill(carol.username);
  await page.locator("#password").fill(carol.password);
  await page.locator("form button[type=submit]").click();
  await page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor();
  await eventually("the hub's WebSocket was opened", async () => sockets.some((u) => u.includes("/api/v1/hub")));
  const token = await page.evaluate(() => Object.values(localStorage).find((v) => typeof v === "string" && v.includes("plt_")) ?? "");
  for (const url of sockets.filter((u) => u.includes("/api/v1/hub"))) {
    const accessToken = new URL(url).searchParams.get("access_token") ?? "";
    if (!accessToken.startsWith("plh_")) throw new Error(`the hub URL carries ${accessToken.slice(0, 4)}… instead of a hub ticket`);
    if (token && url.includes(token)) throw new Error("the bearer token appears in the hub URL");
  }
}
