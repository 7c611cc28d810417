// Installable shell: the manifest and icons are served, the service worker takes control, and with the network gone
// a reload still opens the app (from the worker's cache), showing that it is offline rather than a browser error page.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const manifest = await (await fetch(`${ctx.server.url}/manifest.webmanifest`)).json();
  if (manifest.display !== "standalone" || !manifest.icons.some((i) => i.sizes === "512x512")) throw new Error(`manifest incomplete: ${JSON.stringify(manifest)}`);
  const icon = await fetch(`${ctx.server.url}/icon-192.png`);
  if (icon.headers.get("content-type") !== "image/png") throw new Error(`icon served as ${icon.headers.get("content-type")}`);

  const [user] = await ctx.team("pia");
  const { page, context } = await signIn(ctx, user.username, user.password);
  await eventually("the service worker controls the page", async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!controlled) await page.reload();
    return controlled;
  }, 30_000);

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId("me-name").waitFor();
  await eventually("the shell shows it is offline", async () => (await page.getByTestId("connection-state").getAttribute("data-status")) !== "connected");
  await ctx.screens.shot(page, "25-offline-shell");
  await context.setOffline(false);
  await page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor({ timeout: 30_000 });
}
