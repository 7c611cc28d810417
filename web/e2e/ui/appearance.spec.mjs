// Language and theme switch live from settings; the layout holds at phone width.
import { openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [mei, lei] = await ctx.team("mei", "lei");
  const conv = await ctx.group(mei, [lei], "产品周会");
  await lei.api.call("POST", `/conversations/${conv.id}/messages`, { text: "@" + mei.username + " 周五的评审准备好了吗？", clientMsgId: `z-${Date.now()}` });
  const m = await signIn(ctx, mei.username, mei.password, { locale: "en-US" });
  await eventually("a mention badge shows", async () => (await m.page.getByTestId("mention-badge").count()) === 1);
  await m.page.getByRole("button", { name: "Settings" }).click();
  await m.page.getByTestId("language-select").selectOption("zh-CN");
  await m.page.getByTestId("theme-select").selectOption("dark");
  await m.page.keyboard.press("Escape");
  await m.page.getByRole("heading", { name: "私信" }).waitFor();
  await openConversation(m.page, conv.id);
  await send(m.page, "准备好了，稍后发 **文档**");
  await m.page.getByText("准备好了，稍后发").waitFor();
  await ctx.screens.shot(m.page, "13-zh-dark");

  const phone = await signIn(ctx, lei.username, lei.password, { viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  await ctx.screens.shot(phone.page, "14-phone-sidebar");
  await openConversation(phone.page, conv.id);
  await phone.page.getByText("准备好了，稍后发").waitFor();
  await ctx.screens.shot(phone.page, "15-phone-conversation");
  
  // Ctrl+K switcher.
  await m.page.getByRole("heading", { name: "私信" }).click();
  await m.page.keyboard.press("Control+k");
  const switcher = m.page.getByRole("dialog", { name: "跳转到会话" });
  await switcher.getByRole("combobox").fill("产品");
  await switcher.getByRole("option", { name: "产品周会" }).waitFor();
  await ctx.screens.shot(m.page, "16-switcher");
  await m.page.keyboard.press("Enter");
  await switcher.waitFor({ state: "detached" });
}
