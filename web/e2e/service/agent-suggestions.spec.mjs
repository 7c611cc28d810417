// Reply suggestions for agents (issue 18's assistant in the workspace). A CONTRACT check of the browser path, not of a
// model's quality: a server of its own with the assistant enabled and a recording stand-in for an OpenAI-compatible
// provider (harness/openai-recorder.mjs). The agent holding a service conversation allows the assistant there from
// the panel, asks for suggestions, and sends one with a click: the provider received the visitor's message, and the
// visitor's side receives the suggestion as the agent's reply. Screens in zh-CN and en at 390 and 1280 px.
import { rmSync } from "node:fs";
import { Api, uniqueName } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { ParleyServer } from "../harness/server.mjs";
import { startOpenAiRecorder } from "../harness/openai-recorder.mjs";

const SUGGESTIONS = ["我来帮您查一下包裹 4471 的位置。", "Could you confirm the postcode on the order?"];

export async function run(ctx) {
  const recorder = await startOpenAiRecorder(SUGGESTIONS.join("\n"));
  const server = await ParleyServer.create(ctx.server.logDir, [
    "--Parley:Ai:Enabled=true", `--Parley:Ai:Endpoint=${recorder.endpoint}`, "--Parley:Ai:Model=e2e-model", "--Parley:Ai:Assistant:Enabled=true",
  ]);
  await server.start();
  try {
    await new Api(server.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const admin = await new Api(server.url).login("admin", ctx.password);
    const username = uniqueName("mei");
    const mei = await admin.call("POST", "/users", { username, password: ctx.password, displayName: "Mei", roles: ["service_agent"] });
    const queue = await admin.call("POST", "/service/queues", { name: "Parcels", routing: "round_robin" });
    const widget = await admin.call("POST", "/service/widgets", { name: "Parcel help", queueId: queue.id });
    await admin.call("PUT", `/service/queues/${queue.id}/agents/${mei.id}`, { capacity: 3 });
    // The visitor comes through the API (the widget and visitor page have their own specs) and asks for a person.
    const session = await new Api(server.url).call("POST", "/visitor/sessions", { widgetId: widget.id, name: "Lena" });
    const visitor = new Api(server.url, session.token);
    const id = session.conversationId;
    await visitor.call("POST", `/service/conversations/${id}/handoff`);
    const agent = await new Api(server.url).login(username, ctx.password);
    await agent.call("POST", `/service/conversations/${id}/accept`);
    await visitor.call("POST", `/conversations/${id}/messages`, { text: "Where is my parcel 4471?" });

    const there = { ...ctx, server };
    const m = await signIn(there, username, ctx.password);
    await m.page.goto(`${server.url}/#/service/c/${id}`);
    // Not allowed yet: the holder allows it (signIn accepts the consent dialog), then asks.
    await m.page.getByTestId("service-assistant-allow").click();
    // One consent, one state: the header's button follows the panel without a reload.
    await m.page.getByTestId("summarize-unread").waitFor();
    const before = recorder.requests.length;
    await m.page.getByTestId("service-suggest").click();
    const list = m.page.getByTestId("service-suggestions");
    await list.getByRole("button", { name: SUGGESTIONS[1] }).waitFor();
    if (recorder.requests.length !== before + 1) throw new Error(`expected one request to the provider, got ${recorder.requests.length - before}`);
    const sent = recorder.requests.at(-1).body.messages.map((x) => x.content).join("\n");
    if (!sent.includes("Where is my parcel 4471?")) throw new Error("the visitor's message was not sent to the provider: " + sent);
    await ctx.screens.shot(m.page, "service-suggestions-en-1280");

    await list.getByRole("button", { name: SUGGESTIONS[0] }).click();
    await list.waitFor({ state: "detached" });
    for (let i = 0; ; i++) {
      const page = await visitor.call("GET", `/conversations/${id}/messages`);
      if (page.items.some((x) => x.senderId === mei.id && x.text === SUGGESTIONS[0])) break;
      if (i === 50) throw new Error("the visitor never received the suggestion the agent sent");
      await new Promise((r) => setTimeout(r, 200));
    }
    await m.context.close();

    for (const [locale, width, height] of [["en-US", 390, 844], ["zh-CN", 1280, 800], ["zh-CN", 390, 844]]) {
      const s = await signIn(there, username, ctx.password, { locale, viewport: { width, height } });
      await s.page.goto(`${server.url}/#/service/c/${id}`);
      await s.page.getByTestId("service-suggest").click();
      const shown = s.page.getByTestId("service-suggestions");
      await shown.getByRole("button", { name: SUGGESTIONS[1] }).waitFor();
      await shown.scrollIntoViewIfNeeded();
      await ctx.screens.shot(s.page, `service-suggestions-${locale === "zh-CN" ? "zh-CN" : "en"}-${width}`);
      await s.context.close();
    }
  } finally {
    await server.kill("SIGTERM");
    rmSync(server.dataDir, { recursive: true, force: true });
    await recorder.stop();
  }
}
