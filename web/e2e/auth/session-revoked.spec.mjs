// A session signed out from another device: the next request it makes is refused and it returns to the sign-in
// screen saying why, instead of failing silently.
import { signIn } from "../harness/browser.mjs";

export async function run(ctx) {
  const [user] = await ctx.team("sam");
  const laptop = await signIn(ctx, user.username, user.password);
  const phone = await signIn(ctx, user.username, user.password, { viewport: { width: 390, height: 844 } });

  await laptop.page.getByRole("button", { name: "Settings" }).click();
  const devices = laptop.page.getByRole("dialog").getByRole("listitem").filter({ has: laptop.page.getByRole("button", { name: "Sign out" }) });
  await devices.first().waitFor();
  const others = await devices.count();
  for (let i = 0; i < others; i++) await devices.first().getByRole("button", { name: "Sign out" }).click();

  await phone.page.getByTestId("browse-channels").click();
  await phone.page.getByText("Your session has expired. Please sign in again.").waitFor();
  await ctx.screens.shot(phone.page, "26-session-expired");
}
