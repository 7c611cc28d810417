// Two people in two browsers: one starts a group from the UI, both see each other's messages and typing live,
// unread badges move.
import { openConversation, send, signIn, messageWith } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  // Alice creates a group with Bob from the "New group" dialog.
  await a.page.getByTestId("new-group").click();
  await a.page.getByTestId("group-name").fill("Launch team");
  await a.page.getByTestId("user-search").fill(bob.username);
  await a.page.getByTestId(`user-option-${bob.username}`).click();
  await a.page.getByTestId("create-group").click();
  await a.page.getByTestId("composer").waitFor();
  const conversationId = Number(new URL(a.page.url()).hash.split("/")[2]);

  // It appears in Bob's sidebar without a reload.
  await b.page.getByTestId(`conversation-${conversationId}`).waitFor({ timeout: 15_000 });

  await send(a.page, "Hello Bob, first message");
  await eventually("Bob's sidebar shows 1 unread", async () => (await b.page.getByTestId(`conversation-${conversationId}`).getByTestId("unread-badge").textContent()) === "1");
  await ctx.screens.shot(b.page, "04-sidebar-unread-badge");

  await openConversation(b.page, conversationId);
  await messageWith(b.page, "Hello Bob, first message").waitFor();
  await b.page.getByRole("separator", { name: "New messages" }).waitFor();
  await b.page.getByTestId("composer").pressSequentially("Hi Al");
  await eventually("Alice sees Bob typing", async () => (await a.page.getByTestId("typing").textContent()) === "Bob is typing…");
  await send(b.page, "Hi Alice! Got it.");
  await messageWith(a.page, "Hi Alice! Got it.").waitFor();
  await send(a.page, "**Markdown** works, with `code`:\n```\nconst x = 1;\n```");
  await messageWith(b.page, "const x = 1;").waitFor();
  await eventually("each message shows exactly once for Alice", async () => (await messageWith(a.page, "Hi Alice! Got it.").count()) === 1);
  await ctx.screens.shot(a.page, "05-conversation");
}
