// Issue 16, personal data: a user downloads a copy of their data from Settings (only their own messages, hashes that
// match the manifest); an administrator previews the erasure of another user (dry-run counts), cannot erase before
// typing the username exactly, erases, and the account is anonymised. Screenshots in en and zh-CN at 1280 and 390 px.
import { execFileSync } from "node:child_process";
import { uniqueName } from "../harness/api.mjs";
import { signIn } from "../harness/browser.mjs";
import { equal } from "../harness/expect.mjs";

const CHECK = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
manifest = json.loads(z.read("manifest.json"))
bad = [e["path"] for e in manifest["entries"] if hashlib.sha256(z.read(e["path"])).hexdigest() != e["sha256"]]
texts = [json.loads(l)["text"] for l in z.read("messages.jsonl").decode().splitlines() if l]
print(json.dumps({"names": sorted(z.namelist()), "texts": texts, "bad": bad}))
`;

async function openMyData(page, zh) {
  await page.getByRole("button", { name: zh ? "设置" : "Settings" }).click();
  const section = page.getByTestId("my-data");
  await section.waitFor();
  await section.scrollIntoViewIfNeeded();
  return section;
}

async function preview(page, username) {
  await page.getByTestId("personal-data-username").fill(username);
  await page.getByTestId("personal-data-find").locator("button[type=submit]").click();
  await page.getByTestId("personal-data-preview").click();
  await page.getByTestId("erasure-preview").waitFor();
}

export async function run(ctx) {
  const [alice, bob, carl] = await ctx.team("alice", "bob", "carl");
  const conv = await ctx.group(alice, [bob, carl], "个人数据 Personal");
  for (const [who, text] of [[alice, "我的第一条 mine"], [bob, "bob's words"], [alice, "second of mine"], [carl, "carl was here"]])
    await who.api.call("POST", `/conversations/${conv.id}/messages`, { text, clientMsgId: uniqueName("m") });

  // Alice: Settings → Your data → Download my data.
  const a = await signIn(ctx, alice.username, alice.password);
  const mine = await openMyData(a.page, false);
  await mine.getByTestId("download-my-data").click();
  const ready = mine.locator('[data-testid="personal-exports"] li[data-status="done"]').first();
  await ready.waitFor({ timeout: 30_000 });
  await ctx.screens.shot(a.page, "personal-data-settings-en-1280");
  const [download] = await Promise.all([a.page.waitForEvent("download"), ready.getByRole("button").click()]);
  const zip = JSON.parse(execFileSync("python3", ["-c", CHECK, await download.path()], { encoding: "utf8" }));
  equal(JSON.stringify(zip.texts), JSON.stringify(["我的第一条 mine", "second of mine"]), "alice's export holds her two messages, nobody else's");
  equal(zip.bad.length, 0, "every entry matches its SHA-256 in the manifest");
  for (const name of ["profile.json", "sessions.json", "manifest.json"]) if (!zip.names.includes(name)) throw new Error(`${name} missing: ${zip.names.join(", ")}`);

  // An administrator erases carl: preview, type-to-confirm, erase.
  const adminName = uniqueName("dpo");
  await ctx.admin.api.call("POST", "/users", { username: adminName, password: ctx.password, displayName: "Dana", roles: ["system_admin"] });
  const d = await signIn(ctx, adminName, ctx.password);
  await d.page.goto(`${ctx.server.url}/#/admin/personal-data`);
  await preview(d.page, carl.username);
  equal(await d.page.locator('[data-count="messages"] dd').textContent(), "1", "the preview counts carl's one message");
  await ctx.screens.shot(d.page, "personal-data-admin-en-1280");
  await d.page.getByTestId("erasure-go").scrollIntoViewIfNeeded();
  await ctx.screens.shot(d.page, "personal-data-confirm-en-1280");
  const go = d.page.getByTestId("erasure-go");
  await d.page.getByTestId("erasure-confirm").fill(carl.username.toUpperCase());
  if (!(await go.isDisabled())) throw new Error("the erase button must stay disabled until the username is typed exactly");
  await d.page.getByTestId("erasure-confirm").fill(carl.username);
  await go.click();
  await d.page.getByRole("status").filter({ hasText: `@${carl.username}` }).waitFor();
  const after = await ctx.admin.api.call("GET", `/users/${carl.id}`);
  equal(after.username, `deleted-user-${carl.id}`, "carl's account is anonymised");
  equal(after.isActive, false, "and deactivated");
  const texts = (await alice.api.call("GET", `/conversations/${conv.id}/messages`)).items.map((m) => m.text);
  equal(JSON.stringify(texts), JSON.stringify(["我的第一条 mine", "bob's words", "second of mine", ""]), "carl's message is a tombstone; the others are untouched");

  // Screenshots: the settings section and the erasure preview, in both languages and both widths.
  for (const [locale, width, tag] of [["zh-CN", 1280, "zh-1280"], ["zh-CN", 390, "zh-390"], ["en-US", 390, "en-390"]]) {
    const zh = locale === "zh-CN";
    const s = await signIn(ctx, alice.username, alice.password, { locale, viewport: { width, height: 844 } });
    await (await openMyData(s.page, zh)).locator('[data-testid="personal-exports"] li').first().waitFor();
    await ctx.screens.shot(s.page, `personal-data-settings-${tag}`);
    const v = await signIn(ctx, adminName, ctx.password, { locale, viewport: { width, height: 844 } });
    await v.page.goto(`${ctx.server.url}/#/admin/personal-data`);
    await preview(v.page, bob.username);
    await ctx.screens.shot(v.page, `personal-data-admin-${tag}`);
    await v.page.getByTestId("erasure-go").scrollIntoViewIfNeeded();
    await ctx.screens.shot(v.page, `personal-data-confirm-${tag}`);
  }
}
