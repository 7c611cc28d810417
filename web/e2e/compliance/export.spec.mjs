// Issue 16: a compliance officer exports today's messages of one conversation from the admin console, watches it
// become ready and downloads the zip: it holds the messages, a transcript and a manifest (checked with Python's zipfile).
import { execFileSync } from "node:child_process";
import { uniqueName } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { equal } from "../harness/expect.mjs";

const LIST = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
manifest = json.loads(z.read("manifest.json"))
lines = [json.loads(l) for l in z.read("messages.jsonl").decode().splitlines() if l]
print(json.dumps({"names": names, "messages": manifest["messages"], "texts": [l["message"]["text"] for l in lines]}))
`;

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Export 导出");
  for (const text of ["报价单 v1", "quote accepted"])
    await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text, clientMsgId: uniqueName("x") });

  const username = uniqueName("officer");
  await ctx.admin.api.call("POST", "/users", { username, password: ctx.password, displayName: "Olivia", roles: ["compliance_officer"] });
  const o = await signIn(ctx, username, ctx.password);
  await o.page.goto(`${ctx.server.url}/#/admin/exports`);
  const form = o.page.getByTestId("exports-form");
  await form.waitFor();
  await form.getByLabel("Conversation ids").fill(String(conv.id));
  await form.locator("button[type=submit]").click();
  const row = o.page.locator('[data-testid="exports-list"] tr[data-status="done"]').first();
  await row.waitFor({ timeout: 30_000 });
  await ctx.screens.shot(o.page, "exports-en-1280");

  const [download] = await Promise.all([o.page.waitForEvent("download"), row.getByRole("button").click()]);
  const path = await download.path();
  const zip = JSON.parse(execFileSync("python3", ["-c", LIST, path], { encoding: "utf8" }));
  equal(zip.messages, 2, "the export holds the conversation's two messages");
  equal(JSON.stringify(zip.texts), JSON.stringify(["报价单 v1", "quote accepted"]), "in order, with their text");
  if (!zip.names.includes(`transcripts/${conv.id}.html`)) throw new Error(`no transcript in ${zip.names.join(", ")}`);

  for (const [locale, width, height, name] of [["zh-CN", 1280, 800, "zh-1280"], ["zh-CN", 390, 844, "zh-390"], ["en-US", 390, 844, "en-390"]]) {
    const v = await signIn(ctx, username, ctx.password, { locale, viewport: { width, height } });
    await v.page.goto(`${ctx.server.url}/#/admin/exports`);
    await v.page.getByTestId("exports-list").waitFor();
    await ctx.screens.shot(v.page, `exports-${name}`);
    await v.context.close();
  }
}
