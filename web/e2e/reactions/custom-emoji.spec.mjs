// Issue 20: an administrator adds a custom emoji in the admin console; a member finds it in the reaction picker,
// reacts with it, and the other member sees its image.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

// A 2×2 PNG (red), small enough to write inline.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR42mP8z8DwnwEJMBIWAA37A/3qOUiCAAAAAElFTkSuQmCC", "base64");

export async function run(ctx) {
  const name = `party-parrot${Date.now() % 1000}`;
  const admin = await signIn(ctx, "admin", ctx.password);
  await admin.page.goto(`${ctx.server.url}/#/admin/emoji`);
  const form = admin.page.getByTestId("admin-emoji-form");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="file"]').setInputFiles({ name: "parrot.png", mimeType: "image/png", buffer: PNG });
  await form.locator("button[type=submit]").click();
  const row = admin.page.getByTestId("admin-emoji-row").filter({ hasText: `:${name}:` });
  await row.locator("img.custom-emoji").waitFor();
  await ctx.screens.shot(admin.page, "admin-emoji");

  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Custom emoji");
  await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: "The release is out" });
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  const message = messageWith(a.page, "The release is out");
  await message.hover();
  await message.getByTestId("add-reaction").click();
  const picker = a.page.getByTestId("emoji-picker");
  await picker.getByRole("group", { name: "Custom" }).getByTestId(`emoji-:${name}:`).waitFor();
  await a.page.getByTestId("emoji-search").fill(name.slice(0, 5));
  await eventually("the custom emoji is the first search result", async () => (await picker.locator('[role="option"]').first().getAttribute("data-emoji")) === `:${name}:`);
  await a.page.keyboard.press("Enter");
  const theirs = messageWith(b.page, "The release is out").getByTestId("reaction");
  await theirs.locator("img.custom-emoji").waitFor();
  const loaded = await theirs.locator("img.custom-emoji").evaluate((img) => img.complete && img.naturalWidth === 2);
  if (!loaded) throw new Error("the custom emoji's image did not load for Bob");
}
