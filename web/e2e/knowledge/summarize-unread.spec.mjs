// "Summarize unread" (issue 18, assistant). A CONTRACT check of the browser path, not of a model's quality: a server of
// its own with the assistant enabled and a recording stand-in for an OpenAI-compatible provider (harness/
// openai-recorder.mjs). The owner allows the assistant in a group; a member opens it with unread messages and asks for
// a summary: the request carries exactly the messages that were unread when the member opened the conversation, and the
// scripted summary shows (Markdown through the safe renderer). Screens in zh-CN and en at 390 and 1280 px.
import { rmSync } from "node:fs";
import { Api, uniqueName } from "../harness/api.mjs";
import { openConversation, signIn } from "../harness/browser.mjs";
import { ParleyServer } from "../harness/server.mjs";
import { startOpenAiRecorder } from "../harness/openai-recorder.mjs";

export async function run(ctx) {
  const recorder = await startOpenAiRecorder("- **周五**发布新版本\n- 李四负责写发布说明");
  const server = await ParleyServer.create(ctx.server.logDir, [
    "--Parley:Ai:Enabled=true", `--Parley:Ai:Endpoint=${recorder.endpoint}`, "--Parley:Ai:Model=e2e-model", "--Parley:Ai:Assistant:Enabled=true",
  ]);
  await server.start();
  try {
    await new Api(server.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const admin = await new Api(server.url).login("admin", ctx.password);
    const names = [uniqueName("zhang"), uniqueName("li")];
    const [zhang, li] = await Promise.all(names.map((username, i) => admin.call("POST", "/users", { username, password: ctx.password, displayName: ["张三", "李四"][i] })));
    const owner = await new Api(server.url).login(names[0], ctx.password);
    const group = await owner.call("POST", "/conversations", { kind: "group", name: "发布", memberIds: [li.id] });
    await owner.call("PUT", `/conversations/${group.id}/assistant`, { consent: true });
    const there = { ...ctx, server };
    for (const [locale, width, height] of [["zh-CN", 1280, 800], ["zh-CN", 390, 844], ["en-US", 1280, 800], ["en-US", 390, 844]]) {
      const marker = `${locale}-${width}`;
      await owner.call("POST", `/conversations/${group.id}/messages`, { text: `我们周五发布新版本 ${marker}` });
      await owner.call("POST", `/conversations/${group.id}/messages`, { text: `李四，请写发布说明 ${marker}` });
      const before = recorder.requests.length;
      const s = await signIn(there, names[1], ctx.password, { locale, viewport: { width, height } });
      if (width < 600) await s.page.getByTestId(`conversation-${group.id}`).waitFor();
      await openConversation(s.page, group.id);
      await s.page.getByTestId("summarize-unread").click();
      const summary = s.page.getByTestId("assistant-summary");
      await summary.locator("strong").waitFor();
      if ((await summary.locator("strong").innerText()) !== "周五") throw new Error("the summary's Markdown was not rendered");
      if (recorder.requests.length !== before + 1) throw new Error(`expected one request to the provider, got ${recorder.requests.length - before}`);
      const sent = recorder.requests.at(-1).body.messages.map((m) => m.content).join("\n");
      if (!sent.includes(`我们周五发布新版本 ${marker}`) || !sent.includes(`请写发布说明 ${marker}`)) throw new Error("the unread messages were not sent: " + sent);
      if (marker !== "zh-CN-1280" && sent.includes("zh-CN-1280")) throw new Error("messages read earlier were sent again: " + sent);
      if (recorder.requests.at(-1).body.model !== "e2e-model") throw new Error("the configured model was not asked");
      await ctx.screens.shot(s.page, `summarize-unread-${locale === "zh-CN" ? "zh-CN" : "en"}-${width}`);
      await s.context.close();
    }
  } finally {
    await server.kill("SIGTERM");
    rmSync(server.dataDir, { recursive: true, force: true });
    await recorder.stop();
  }
}
