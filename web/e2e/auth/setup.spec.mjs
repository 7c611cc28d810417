// First run: the setup screen creates the administrator, who then creates a user in the admin console; that user can sign in.
import { Api } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const context = await ctx.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(ctx.server.url);
  await page.locator("#setup-title").waitFor();
  await page.locator("#displayName").fill("Ada Admin");
  await page.locator("#username").fill("admin");
  // The rule is shown before the user chooses, and the server's refusal is worded by it (issue 13, item 10).
  const rule = await page.getByTestId("password-rule").innerText();
  if (!/common password/.test(rule) || !/username/.test(rule)) throw new Error(`the setup screen does not show the password rule: '${rule}'`);
  for (const weak of ["12345678", "admin-2026"]) {
    await page.locator("#password").fill(weak);
    await page.locator("#confirm").fill(weak);
    await page.locator("form button[type=submit]").click();
    await page.getByRole("alert").filter({ hasText: "too easy to guess" }).waitFor();
  }
  await page.locator("#password").fill(ctx.password);
  await page.locator("#confirm").fill(ctx.password);
  await ctx.screens.shot(page, "01-setup");
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("me-name").waitFor();
  await eventually("the admin's name shows in the sidebar", async () => (await page.getByTestId("me-name").textContent()) === "Ada Admin");
  ctx.admin = { username: "admin", api: await new Api(ctx.server.url).login("admin", ctx.password) };

  // Create a user in the admin console (no longer in personal settings).
  // The console opens on the dashboard (its first section for a system administrator).
  await page.getByTestId("open-admin").click();
  await page.getByTestId("admin-dashboard").waitFor();
  await page.getByTestId("admin-nav-users").click();
  await page.getByTestId("admin-users").waitFor();
  await page.getByTestId("admin-new-user").click();
  const form = page.getByTestId("create-user-form");
  await form.locator('input[name="mustChangePassword"]').uncheck();
  await form.locator('input[name="displayName"]').fill("Grace");
  await form.locator('input[name="username"]').fill("grace");
  await form.locator('input[name="password"]').fill("grace12345");
  await form.locator("button[type=submit]").click();
  await page.getByText("too easy to guess").waitFor();
  await form.locator('input[name="password"]').fill(ctx.password);
  await form.locator("button[type=submit]").click();
  await page.getByText("Created Grace.").waitFor();
  await ctx.screens.shot(page, "02-admin-create-user");
  await page.getByTestId("admin-user-grace").waitFor();

  // The setup endpoint is closed now: a fresh visitor gets the login screen.
  const visitor = await ctx.newContext();
  const fresh = await visitor.newPage();
  await fresh.goto(ctx.server.url);
  await fresh.locator("#login-title").waitFor();
  
  const grace = await signIn(ctx, "grace", ctx.password);
  await ctx.screens.shot(grace.page, "03-empty-home");
  }
