// A user turns on two-factor sign-in in settings (QR code, a code from the app, recovery codes), signs out, and
// signs in again: the login page asks for the code after the password.
import { signIn } from "../harness/browser.mjs";
import { totp } from "../harness/totp.mjs";

export async function run(ctx) {
  const [user] = await ctx.team("otp");
  const { context, page } = await signIn(ctx, user.username, user.password);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByTestId("totp-enable").click();
  await page.getByTestId("totp-qr").waitFor();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  const qrLoaded = await page.getByTestId("totp-qr").evaluate((img) => img.complete && img.naturalWidth > 100);
  if (!qrLoaded) throw new Error("the QR code image did not render");
  await ctx.screens.shot(page, "totp-enrolment");
  await page.getByTestId("totp-confirm-code").fill(totp(secret));
  await page.getByTestId("totp-confirm-code").press("Enter");
  await page.getByTestId("recovery-codes").waitFor();
  const codes = await page.getByTestId("recovery-codes").locator("li").count();
  if (codes !== 10) throw new Error(`expected 10 recovery codes, saw ${codes}`);
  await ctx.screens.shot(page, "totp-recovery-codes");
  await page.getByTestId("totp-done").click();
  await page.getByTestId("totp-disable").waitFor();
  await page.getByTestId("logout").click();

  await page.locator("#login-title").waitFor();
  await page.locator("#username").fill(user.username);
  await page.locator("#password").fill(user.password);
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("totp-code").waitFor();
  await ctx.screens.shot(page, "login-totp-code");
  // The confirmation used this 30-second step's code; the next step's is accepted (one step of drift) and not a replay.
  await page.getByTestId("totp-code").fill(totp(secret, Date.now() + 30_000));
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("me-name").waitFor();
  await context.close();
}
