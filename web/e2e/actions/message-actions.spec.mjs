// The message menu end to end: @mention autocomplete, edit, quote-reply, pin and the pin list, forward, delete.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Actions");
  const other = await ctx.group(alice, [bob], "Elsewhere");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);

  // @mention autocomplete: type a prefix, pick with Enter.
  const composer = a.page.getByTestId("composer");
  await composer.pressSequentially(`ping @${bob.username.slice(0, 3)}`);
  await a.page.getByRole("option", { name: new RegExp(`@${bob.username}`) }).waitFor();
  await ctx.screens.shot(a.page, "19-mention-autocomplete");
  await composer.press("Enter");
  await eventually("the mention was completed", async () => (await composer.inputValue()) === `ping @${bob.username} `);
  await composer.press("Enter");
  await messageWith(b.page, "ping").locator(".mention").waitFor();

  // Edit.
  await send(a.page, "Meeting at 3pm");
  const meetingId = await messageWith(a.page, "Meeting at 3pm").getAttribute("data-message-id");
  const meeting = a.page.locator(`[data-message-id="${meetingId}"]`);
  await meeting.hover();
  await meeting.getByTestId("edit").click();
  await meeting.locator("textarea").fill("Meeting at 4pm");
  await meeting.locator("textarea").press("Enter");
  await messageWith(b.page, "Meeting at 4pm").getByText("(edited)").waitFor();

  // Quote-reply from Bob.
  const theirs = messageWith(b.page, "Meeting at 4pm");
  await theirs.hover();
  await theirs.getByTestId("quote").click();
  await send(b.page, "Works for me");
  await messageWith(a.page, "Works for me").locator("blockquote", { hasText: "Meeting at 4pm" }).waitFor();

  // Pin, then find it in the pin list.
  const pinTarget = messageWith(a.page, "Meeting at 4pm");
  await pinTarget.hover();
  await pinTarget.getByRole("button", { name: "Pin" }).click();
  await b.page.getByTestId("open-pins").click();
  await b.page.getByTestId("pins-panel").getByText("Meeting at 4pm").waitFor();
  await ctx.screens.shot(b.page, "20-pins");

  // Forward to another conversation.
  await pinTarget.hover();
  await pinTarget.getByTestId("forward").click();
  const dialog = a.page.getByRole("dialog");
  await dialog.getByRole("listitem").filter({ hasText: "Elsewhere" }).getByRole("button").click();
  await eventually("Alice is taken to the target", async () => a.page.url().endsWith(`#/c/${other.id}`));
  await messageWith(a.page, "Meeting at 4pm").getByText("Forwarded").waitFor();

  // Delete.
  await openConversation(a.page, conv.id);
  const doomed = messageWith(a.page, "Works for me");
  await send(a.page, "to be deleted");
  const mine = messageWith(a.page, "to be deleted");
  await mine.hover();
  await mine.getByTestId("delete").click();
  await b.page.getByText("This message was deleted.").waitFor();
  await eventually("the quote reply is untouched", async () => (await doomed.count()) === 1);
}
