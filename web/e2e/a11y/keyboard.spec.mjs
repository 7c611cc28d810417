// Issue 22, keyboard: opening a conversation puts focus in the message box; the message list is one Tab stop with
// arrow keys between messages and the message's actions one Tab further; the skip link; focus goes into the thread and
// the switcher and comes back to the control that opened them; "?" / Ctrl+/ list the shortcuts; on a phone the thread
// panel is a modal dialog that keeps Tab inside.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { postPatiently, seedHistory } from "../harness/seed.mjs";

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? null,
      testid: el?.getAttribute("data-testid") ?? null,
      message: el?.closest("article[data-message-id]")?.getAttribute("data-message-id") ?? null,
      isMessage: el?.matches("article[data-message-id]") ?? false,
      inThread: Boolean(el?.closest('[data-testid="thread-panel"]')),
      inList: Boolean(el?.closest('[data-testid="message-list"]')),
      text: el?.textContent?.slice(0, 40) ?? "",
    };
  });

async function expectFocus(page, what, predicate) {
  await eventually(what, async () => {
    const f = await focused(page);
    return predicate(f) || JSON.stringify(f);
  }, 5000);
}

export async function run(ctx) {
  const [ana, ben] = await ctx.team("ana", "ben");
  const group = await ctx.group(ana, [ben], "键盘 Keyboard");
  const other = await ctx.group(ana, [ben], "Elsewhere 别处");
  await seedHistory(group.id, [ana.api, ben.api], 40);
  await postPatiently(ana.api, other.id, { text: "over here", clientMsgId: "kb-other" });

  const { page } = await signIn(ctx, ben.username, ben.password);

  // Opening a conversation from the sidebar puts the focus in its message box.
  await page.getByTestId(`conversation-${group.id}`).click();
  await page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor();
  await expectFocus(page, "the message box has the focus after opening the conversation", (f) => f.testid === "composer");

  // From the conversation's sidebar link to the message box: the list is passed as one stop (one message and its
  // actions), not 40 messages with their buttons.
  await page.getByTestId(`conversation-${group.id}`).focus();
  const visited = new Set();
  let presses = 0;
  for (; presses < 40; presses++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.message) visited.add(f.message);
    if (f.testid === "composer") break;
  }
  if (presses >= 40) throw new Error("Tab from the sidebar never reached the message box");
  if (visited.size !== 1) throw new Error(`Tab visited ${visited.size} messages on the way to the message box (one stop expected)`);
  if (presses > 25) throw new Error(`${presses} Tab presses from the sidebar to the message box`);
  const tabbedMessage = [...visited][0];

  // Shift+Tab back into the list lands on that message; arrows move between messages, End to the newest.
  const ids = await page.locator('[data-testid="message-list"] article[data-message-id]').evaluateAll((els) => els.map((e) => e.getAttribute("data-message-id")));
  await shiftTabToMessage(page);
  await expectFocus(page, "Shift+Tab returns to the list's one stop", (f) => f.isMessage && f.message === tabbedMessage);
  const index = (id) => ids.indexOf(id);
  await page.keyboard.press("ArrowUp");
  await expectFocus(page, "ArrowUp moves to the previous message", (f) => f.isMessage && index(f.message) === index(tabbedMessage) - 1);
  await page.keyboard.press("ArrowUp");
  await expectFocus(page, "ArrowUp again", (f) => f.isMessage && index(f.message) === index(tabbedMessage) - 2);
  await page.keyboard.press("ArrowDown");
  await expectFocus(page, "ArrowDown moves to the next message", (f) => f.isMessage && index(f.message) === index(tabbedMessage) - 1);
  const downOne = await focused(page);
  // The roving stop follows: leave the list and come back with Shift+Tab.
  await page.getByTestId("composer").focus();
  await shiftTabToMessage(page);
  await expectFocus(page, "the list's stop is the message last focused", (f) => f.message === downOne.message);
  await page.keyboard.press("End");
  await expectFocus(page, "End goes to the newest message", (f) => f.isMessage && f.message === ids[ids.length - 1]);

  // "?" on a message opens the shortcut list; Escape closes it and gives the focus back.
  await page.keyboard.press("?");
  await page.getByTestId("shortcuts").waitFor();
  await ctx.screens.shot(page, "a11y-shortcuts-1280-en");
  await page.keyboard.press("Escape");
  await expectFocus(page, "focus is back on the message after the shortcut list", (f) => f.isMessage && f.message === ids[ids.length - 1]);
  // Ctrl+/ works inside the message box, where "?" is just a character.
  await page.getByTestId("composer").focus();
  await page.keyboard.press("Control+/");
  await page.getByTestId("shortcuts").waitFor();
  await page.keyboard.press("Escape");
  await expectFocus(page, "focus is back in the message box", (f) => f.testid === "composer");

  // The message's actions are reachable from it: Tab to "reply in thread", Enter opens the thread with its message box
  // focused; Escape closes it and focus returns to the button that opened it.
  await page.keyboard.press("Shift+Tab");
  await shiftTabToMessage(page);
  const target = (await focused(page)).message;
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.message !== target) throw new Error(`Tab left the message before reaching its actions: ${JSON.stringify(f)}`);
    reached = f.testid === "reply-thread";
  }
  if (!reached) throw new Error("the reply-in-thread action was not reachable with Tab from the focused message");
  await page.keyboard.press("Enter");
  await page.getByTestId("thread-panel").waitFor();
  await expectFocus(page, "the thread's message box has the focus", (f) => f.testid === "thread-composer");
  await page.keyboard.press("Escape");
  await page.getByTestId("thread-panel").waitFor({ state: "detached" });
  await expectFocus(page, "focus returns to the reply button after the thread closes", (f) => f.testid === "reply-thread" && f.message === target);

  // Ctrl+K: the switcher takes the focus; Escape returns it; choosing a conversation puts it in that message box.
  await page.getByTestId("composer").focus();
  await page.keyboard.press("Control+k");
  await expectFocus(page, "the switcher's field has the focus", (f) => f.tag === "INPUT");
  await page.keyboard.press("Escape");
  await expectFocus(page, "focus is back in the message box after the switcher", (f) => f.testid === "composer");
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Elsewhere");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`#/c/${other.id}$`));
  await expectFocus(page, "the chosen conversation's message box has the focus (not <body>)", (f) => f.testid === "composer");

  // The skip link is the first Tab stop on a freshly loaded page and jumps past the sidebar: to the main region at
  // home, to the message box in a conversation.
  await page.goto(`${ctx.server.url}/#/`);
  await page.reload();
  await page.getByTestId("me-name").waitFor();
  await page.keyboard.press("Tab");
  await expectFocus(page, "the skip link is the first stop", (f) => f.testid === "skip-link");
  await page.keyboard.press("Enter");
  await expectFocus(page, "the skip link moved the focus to the main region", (f) => f.tag === "MAIN");
  await page.getByTestId(`conversation-${group.id}`).click();
  await page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor();
  await page.getByTestId("skip-link").focus();
  await ctx.screens.shot(page, "a11y-skip-link-1280-en");
  await page.keyboard.press("Enter");
  await expectFocus(page, "the skip link moved the focus to the message box", (f) => f.testid === "composer");

  // Phone: the thread covers the screen, so it is a modal dialog and Tab stays inside it.
  const phone = await signIn(ctx, ben.username, ben.password, { viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  await phone.page.goto(`${ctx.server.url}/#/c/${group.id}`);
  await phone.page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor();
  const last = phone.page.locator('[data-testid="message-list"] article[data-message-id]').last();
  await last.focus();
  await last.getByTestId("reply-thread").click();
  const panel = phone.page.getByTestId("thread-panel");
  await panel.waitFor();
  if ((await panel.getAttribute("role")) !== "dialog" || (await panel.getAttribute("aria-modal")) !== "true") throw new Error("the full-screen thread panel on a phone is not a modal dialog");
  for (let i = 0; i < 25; i++) {
    await phone.page.keyboard.press("Tab");
    const f = await focused(phone.page);
    if (!f.inThread) throw new Error(`Tab left the phone's modal thread panel after ${i + 1} presses: ${JSON.stringify(f)}`);
  }
}

/** Shift+Tab until a message has the focus (from the message box: past its attach button and the active message's footer). */
async function shiftTabToMessage(page) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Shift+Tab");
    if ((await focused(page)).isMessage) return;
  }
  throw new Error("Shift+Tab from the message box never reached a message");
}
