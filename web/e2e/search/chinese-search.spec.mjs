// Searching 部署 finds "我们明天讨论部署方案", highlights the hit, and opening it jumps to the message in context.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "部署讨论");
  // More messages after it than one page holds: jumping there must load older history, then scroll to it.
  // Two senders share the filler so neither exceeds the server's send burst (30).
  await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text: "我们明天讨论部署方案", clientMsgId: `s-${Date.now()}` });
  const form = new FormData();
  form.append("file", new Blob(["1. 数据库 2. 网关"], { type: "text/plain" }), "部署清单.txt");
  const upload = await fetch(`${ctx.server.url}/api/v1/files`, { method: "POST", headers: { Authorization: `Bearer ${alice.api.token}` }, body: form });
  if (!upload.ok) throw new Error(`upload → ${upload.status}`);
  await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text: "部署清单见附件", fileIds: [(await upload.json()).id] });
  for (let i = 0; i < 56; i++) {
    const sender = i % 2 === 0 ? bob : alice;
    await sender.api.call("POST", `/conversations/${conv.id}/messages`, { text: `filler message ${i}`, clientMsgId: `f-${Date.now()}-${i}` });
  }
  const b = await signIn(ctx, bob.username, bob.password, { locale: "zh-CN" });
  await b.page.getByTestId("open-search").click();
  await b.page.getByTestId("search-input").fill("部署");
  await b.page.getByTestId("search-input").press("Enter");
  const hit = b.page.getByTestId("search-hit").filter({ hasText: "我们明天讨论部署方案" });
  await hit.waitFor();
  await eventually("the hit is highlighted with <mark>", async () => (await hit.locator("mark").first().textContent()) === "部署");
  await ctx.screens.shot(b.page, "10-search-zh");
  // Issue 20: a hit shows the files its message carries.
  const withFile = b.page.getByTestId("search-hit").filter({ hasText: "部署清单见附件" });
  await withFile.getByTestId("search-hit-file").filter({ hasText: "部署清单.txt" }).waitFor();
  await hit.click();
  const target = b.page.locator('[data-testid="message"].highlighted', { hasText: "我们明天讨论部署方案" });
  await target.waitFor({ timeout: 15_000 });
  await ctx.screens.shot(b.page, "11-search-jump");
}
