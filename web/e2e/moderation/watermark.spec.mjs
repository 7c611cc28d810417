// Issue 16: with Parley:Compliance:Watermark on, every conversation carries the viewer's name, username and today's
// date faintly over it (screenshots name who took them) without blocking a click; with it off (the shared server) none.
import { rmSync } from "node:fs";
import { Api, uniqueName } from "../harness/api.mjs";
import { openConversation, send, signIn, messageWith } from "../harness/browser.mjs";
import { ParleyServer } from "../harness/server.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const plain = await ctx.group(alice, [bob], "No watermark");
  const a = await signIn(ctx, alice.username, alice.password);
  await openConversation(a.page, plain.id);
  if ((await a.page.getByTestId("watermark").count()) !== 0) throw new Error("a watermark shows although Parley:Compliance:Watermark is off");

  const marked = await ParleyServer.create(ctx.server.logDir, ["--Parley:Compliance:Watermark=true"]);
  await marked.start();
  try {
    await new Api(marked.url).call("POST", "/setup", { username: "admin", password: ctx.password, displayName: "Admin" });
    const admin = await new Api(marked.url).login("admin", ctx.password);
    const username = uniqueName("zhang");
    const zhang = await admin.call("POST", "/users", { username, password: ctx.password, displayName: "张三" });
    const conv = await admin.call("POST", "/conversations", { kind: "group", name: "财务部", memberIds: [zhang.id] });
    const there = { ...ctx, server: marked };
    for (const [locale, width, height] of [["zh-CN", 390, 844], ["en-US", 1280, 800]]) {
      const z = await signIn(there, username, ctx.password, { locale, viewport: { width, height } });
      if (width < 600) await z.page.getByTestId(`conversation-${conv.id}`).waitFor();
      await openConversation(z.page, conv.id);
      const mark = z.page.getByTestId("watermark");
      await mark.waitFor({ state: "attached" });
      const label = await mark.locator("span").first().innerText();
      if (!label.includes("张三") || !label.includes(username)) throw new Error(`the watermark reads "${label}", not the viewer's name and username`);
      if (!label.includes(String(new Date().getFullYear()))) throw new Error(`the watermark "${label}" carries no date`);
      if ((await mark.getAttribute("aria-hidden")) !== "true") throw new Error("the watermark is not hidden from assistive technology");
      // It lies over the messages but takes no clicks: sending and reading still work through it.
      await send(z.page, `through the watermark ${locale}`);
      await messageWith(z.page, `through the watermark ${locale}`).waitFor();
      await ctx.screens.shot(z.page, `watermark-${locale === "zh-CN" ? "zh" : "en"}-${width}`);
      await z.context.close();
    }
  } finally {
    await marked.kill("SIGTERM");
    rmSync(marked.dataDir, { recursive: true, force: true });
  }
}
