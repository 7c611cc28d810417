// Single sign-on through a real OpenID Provider (oidc-provider from tests/oidc, started here by PID on a loopback
// port): the administrator configures it in the console (no restart), the sign-in page shows the company's button,
// a person signs in through the provider's own login and consent pages and lands in Parley (provisioned just in
// time, with a Chinese name), and a cancel at the provider comes back as a clear message. Screenshots of the sign-in
// page and the admin SSO section in zh-CN and en at 390 and 1280 px.
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { signIn } from "../harness/browser.mjs";

const idpFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../tests/oidc");

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

async function startProvider() {
  if (!existsSync(resolve(idpFolder, "node_modules/oidc-provider"))) execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: idpFolder, stdio: "inherit" });
  const port = await freePort();
  const child = spawn("node", ["start.js", String(port)], { cwd: idpFolder, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("oidc-provider did not start")), 30_000);
    child.stdout.on("data", (d) => {
      if (String(d).includes(`ready ${port}`)) {
        clearTimeout(timer);
        ok();
      }
    });
    child.on("exit", (code) => fail(new Error(`oidc-provider exited with ${code}`)));
  });
  child.stderr.resume();
  return { issuer: `http://127.0.0.1:${port}`, child };
}

const looks = [
  { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
  { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
  { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
  { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
];

export async function run(ctx) {
  const idp = await startProvider();
  try {
    await ctx.admin.api.call("PUT", "/admin/sso/oidc", {
      enabled: true, authority: idp.issuer, clientId: "parley", clientSecret: "parley-test-secret", scopes: ["openid", "profile", "email"],
      buttonLabel: null, linkClaim: "preferred_username", linkExisting: false, autoProvision: true, trustIdpMfa: false, requireHttpsMetadata: false,
    });

    // The sign-in page with the SSO button, in both languages and both widths.
    for (const look of looks) {
      const context = await ctx.newContext({ viewport: look.viewport, locale: look.locale });
      const page = await context.newPage();
      await page.goto(ctx.server.url);
      await page.getByTestId("sso-login").waitFor();
      await ctx.screens.shot(page, `sso-login-${look.lang}-${look.viewport.width}`);
      await context.close();
    }

    // A person signs in through the provider's pages and is provisioned with their Chinese name.
    const context = await ctx.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(ctx.server.url);
    await page.getByTestId("sso-login").click();
    await page.locator('input[name="login"]').waitFor();
    if (!page.url().startsWith(idp.issuer)) throw new Error("the SSO button did not lead to the provider: " + page.url());
    await page.locator('input[name="login"]').fill("wang");
    await page.locator('input[name="password"]').fill("any-password");
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // the provider's consent page
    await page.getByTestId("me-name").waitFor();
    const shown = await page.getByTestId("me-name").innerText();
    if (!shown.includes("王芳")) throw new Error("signed in, but the name shown is " + shown);
    if (page.url().includes("sso_code")) throw new Error("the one-time code stayed in the address bar: " + page.url());
    await ctx.screens.shot(page, "sso-signed-in");

    // Cancel at the provider: back on the sign-in page with a sentence, in the page's language.
    const other = await ctx.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const visitor = await other.newPage();
    await visitor.goto(ctx.server.url);
    await visitor.getByTestId("sso-login").click();
    await visitor.locator('a[href$="/abort"]').click();
    await visitor.locator("#login-title").waitFor();
    const error = await visitor.locator(".auth-card .error").innerText();
    if (!error.includes("取消")) throw new Error("expected the cancelled message, saw: " + error);
    await ctx.screens.shot(visitor, "sso-cancelled-zh-CN-390");

    // The administrator's SSO section, with a successful connection test.
    for (const look of looks) {
      const { page: admin } = await signIn(ctx, ctx.admin.username, ctx.password, { viewport: look.viewport, locale: look.locale });
      await admin.goto(`${ctx.server.url}/#/admin/sso`);
      await admin.getByTestId("admin-sso").waitFor();
      await admin.getByTestId("sso-test").click();
      const result = await admin.getByTestId("sso-test-result").innerText();
      if (!result.includes(idp.issuer)) throw new Error("connection test: " + result);
      await admin.getByTestId("sso-test-result").scrollIntoViewIfNeeded();
      await ctx.screens.shot(admin, `admin-sso-${look.lang}-${look.viewport.width}`);
    }
  } finally {
    // Switch it off again for the specs after this one, and stop the provider by its PID.
    await ctx.admin.api.call("PUT", "/admin/sso/oidc", {
      enabled: false, authority: idp.issuer, clientId: "parley", clientSecret: null, scopes: ["openid"], buttonLabel: null,
      linkClaim: "preferred_username", linkExisting: false, autoProvision: false, trustIdpMfa: false, requireHttpsMetadata: false,
    }).catch(() => undefined);
    idp.child.kill("SIGTERM");
  }
}
