// A channel created by one person is found and joined by another from the channel browser; a direct message
// started from "New message" reaches the other person with a presence dot.
import { messageWith, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const channelName = `general-${Date.now().toString(36)}`;
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);

  await a.page.getByTestId("browse-channels").click();
  await a.page.getByRole("button", { name: "New channel" }).click();
  await a.page.getByPlaceholder("Channel name").fill(channelName);
  await a.page.getByPlaceholder("Topic (optional)").fill("Company-wide announcements");
  await a.page.getByRole("button", { name: "Create", exact: true }).click();
  await a.page.getByTestId("composer").waitFor();
  await send(a.page, "Welcome to the channel");

  await b.page.getByTestId("browse-channels").click();
  await b.page.getByPlaceholder("Search channels").fill(channelName);
  const row = b.page.getByRole("listitem").filter({ hasText: channelName });
  await row.waitFor();
  await ctx.screens.shot(b.page, "21-channel-browser");
  await row.getByRole("button", { name: "Join" }).click();
  await messageWith(b.page, "Welcome to the channel").waitFor();
  await eventually("the channel is in Bob's sidebar", async () => (await b.page.locator("nav").getByText(channelName).count()) === 1);

  // Direct message.
  await a.page.getByTestId("new-direct").click();
  await a.page.getByTestId("user-search").fill(bob.username);
  await a.page.getByTestId(`user-option-${bob.username}`).click();
  // The channel's composer is still on screen until the route changes: wait for the DM itself.
  await eventually("the direct conversation is open", async () => (await a.page.getByTestId("conversation-title").textContent())?.startsWith("Bob") === true);
  await send(a.page, "Quick question about the launch");
  await b.page.locator("nav").getByText("Alice").waitFor();
  await b.page.locator("nav").getByText("Alice").click();
  await messageWith(b.page, "Quick question about the launch").waitFor();
  await eventually("Alice shows as online in Bob's sidebar", async () => (await b.page.locator('nav .presence-dot.online').count()) >= 1);
  await ctx.screens.shot(b.page, "22-direct-message");
}
