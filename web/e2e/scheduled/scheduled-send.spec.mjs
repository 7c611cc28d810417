// Issue 20: scheduled send and reminders in the browser. Alice schedules from the composer's picker, sees the
// conversation's "scheduled" bar and list, and the server sends it at its time (moved to a few seconds ahead through the
// API, because the picker works in minutes); "Send now" from the list. Bob sets "Remind me" on a message; when it is
// due a toast appears, "Open message" jumps to it, and the reminders list (sidebar) dismisses it.
// Screenshots of the picker, the list, the reminders and the toast in en and zh-CN at 1280 and 390 px.
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

const soon = (ms) => new Date(Date.now() + ms).toISOString();

async function typeInComposer(page, text) {
  await page.getByTestId("composer").fill(text);
}

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Schedule 定时");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);

  // Schedule from the composer: the picker's quick choice "In 1 hour".
  await typeInComposer(a.page, "Morning update 早报");
  await a.page.getByTestId("schedule-send").click();
  await a.page.getByTestId("schedule-picker").waitFor();
  await a.page.getByTestId("preset-in1h").click();
  await a.page.getByTestId("schedule-picker").waitFor({ state: "detached" });
  equal(await a.page.getByTestId("composer").inputValue(), "", "the composer is cleared once scheduled");
  await a.page.getByTestId("scheduled-bar").getByText("1 scheduled message").waitFor();
  equal(await messageWith(b.page, "Morning update 早报").count(), 0, "nothing is sent yet");

  // The list shows it; its time is moved to a few seconds ahead, and it arrives for Bob then.
  await a.page.getByTestId("scheduled-bar").click();
  await a.page.getByTestId("scheduled-list").getByText("Morning update 早报").waitFor();
  const [scheduled] = (await alice.api.call("GET", "/scheduled-messages")).items;
  equal(scheduled.status, "pending", "listed as pending");
  await alice.api.call("PATCH", `/scheduled-messages/${scheduled.id}`, { sendAt: soon(3000) });
  await messageWith(b.page, "Morning update 早报").waitFor({ timeout: 20_000 });
  await eventually("the sent message leaves Alice's list, which closes", async () => (await a.page.getByTestId("scheduled-list").count()) === 0);
  await eventually("the bar is gone", async () => (await a.page.getByTestId("scheduled-bar").count()) === 0);

  // "Send now" from the list, by keyboard.
  await typeInComposer(a.page, "Right away 立即");
  await a.page.getByTestId("schedule-send").focus();
  await a.page.keyboard.press("Enter");
  await a.page.getByTestId("preset-tomorrow9").click();
  await a.page.getByTestId("scheduled-bar").click();
  await a.page.getByTestId("send-now").click();
  await messageWith(b.page, "Right away 立即").waitFor();
  await a.page.getByTestId("scheduled-list").waitFor({ state: "detached" });

  // Bob: "Remind me" on Alice's message, then the reminder comes due.
  const target = messageWith(b.page, "Morning update 早报");
  await target.hover();
  await target.getByTestId("remind-me").click();
  await b.page.getByTestId("reminder-picker").waitFor();
  await ctx.screens.shot(b.page, "scheduled-reminder-picker-en-1280");
  await b.page.getByTestId("preset-in20m").click();
  await b.page.getByTestId("reminder-picker").waitFor({ state: "detached" });
  const [reminder] = (await bob.api.call("GET", "/reminders")).items;
  equal(reminder.status, "pending", "the reminder waits");
  await bob.api.call("POST", `/messages/${reminder.messageId}/reminder`, { at: soon(2500) });
  const toast = b.page.getByTestId("reminder-toast");
  await toast.getByText("Morning update 早报").waitFor({ timeout: 20_000 });
  equal(await a.page.getByTestId("reminder-toast").count(), 0, "Alice gets no toast for Bob's reminder");
  await ctx.screens.shot(b.page, "scheduled-reminder-toast-en-1280");
  await toast.getByTestId("toast-open").click();
  await eventually("Open jumps to the message", async () => b.page.url().includes(`/m/${reminder.messageId}`) || b.page.url());

  // Screens in both languages and widths: the picker and the list (Alice, one waiting message), the reminders list
  // and the toast (Bob, whose reminder is still due: it shows again at sign-in).
  await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text: "Weekly report 周报 — please review before the meeting", clientMsgId: "e2e-shot", sendAt: soon(3 * 3600_000) });
  for (const [locale, width, height, name] of [["en-US", 1280, 800, "en-1280"], ["en-US", 390, 844, "en-390"], ["zh-CN", 1280, 800, "zh-1280"], ["zh-CN", 390, 844, "zh-390"]]) {
    const viewport = { width, height };
    const av = await signIn(ctx, alice.username, alice.password, { locale, viewport });
    await av.page.goto(`${ctx.server.url}/#/c/${conv.id}`);
    await av.page.getByTestId("scheduled-bar").waitFor();
    await typeInComposer(av.page, "Draft 草稿");
    await av.page.getByTestId("schedule-send").click();
    await av.page.getByTestId("schedule-picker").waitFor();
    await ctx.screens.shot(av.page, `scheduled-picker-${name}`);
    await av.page.keyboard.press("Escape");
    await av.page.getByTestId("scheduled-bar").click();
    await av.page.getByTestId("scheduled-item").first().waitFor();
    await ctx.screens.shot(av.page, `scheduled-list-${name}`);
    await av.context.close();

    const bv = await signIn(ctx, bob.username, bob.password, { locale, viewport });
    await bv.page.getByTestId("reminder-toast").waitFor();
    await ctx.screens.shot(bv.page, `scheduled-reminder-toast-${name}`);
    await bv.page.getByTestId("open-reminders").click();
    await bv.page.getByTestId("reminder-item").waitFor();
    await ctx.screens.shot(bv.page, `scheduled-reminders-${name}`);
    await bv.context.close();
  }

  // Dismissed from the reminders list: gone for Bob everywhere.
  await b.page.getByTestId("open-reminders").click();
  await b.page.getByTestId("reminder-item").getByTestId("delete-reminder").click();
  await eventually("the reminder is deleted", async () => (await bob.api.call("GET", "/reminders")).items.length === 0);
  await eventually("and its toast is gone", async () => (await b.page.getByTestId("reminder-toast").count()) === 0);
}
