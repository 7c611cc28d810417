// Issue 16: a compliance officer sets a 30-day retention policy, puts one user under legal hold and runs the purge
// from the admin console; a member watching the conversation sees the due message turn into a deleted one at once,
// while the held user's equally old message and a recent one stay. Messages are aged in the SQLite file directly.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Api, uniqueName } from "../harness/api.mjs";
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

const AGE = `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("UPDATE messages SET created_at = created_at - 40 * 86400000 WHERE id IN (%s)" % ",".join("?" * (len(sys.argv) - 2)), [int(a) for a in sys.argv[2:]])
c.commit()
`;

export async function run(ctx) {
  const [alice, bob, carol] = await ctx.team("alice", "bob", "carol");
  const conv = await ctx.group(alice, [bob, carol], "Retention 保留");
  const send = (who, text) => who.api.call("POST", `/conversations/${conv.id}/messages`, { text, clientMsgId: uniqueName("r") });
  const due = await send(alice, "old and due 到期");
  const held = await send(carol, "old but held 保全");
  await send(bob, "recent 最近");
  execFileSync("python3", ["-c", AGE, join(ctx.server.dataDir, "parley.db"), String(due.id), String(held.id)]);

  const username = uniqueName("officer");
  await ctx.admin.api.call("POST", "/users", { username, password: ctx.password, displayName: "Olivia", roles: ["compliance_officer"] });
  const o = await signIn(ctx, username, ctx.password);
  await o.page.goto(`${ctx.server.url}/#/admin/retention`);
  const section = o.page.getByTestId("admin-retention");
  await section.waitFor();

  const global = o.page.getByTestId("retention-edit-global");
  await global.locator("select").selectOption("days");
  await global.locator("input").fill("30");
  await global.locator("button[type=submit]").click();
  await eventually("the global policy reads 30 days", async () => (await o.page.locator('tr[data-scope="global"] td').first().innerText()).includes("30"));

  const hold = o.page.getByTestId("retention-place-hold");
  await hold.locator("select").selectOption("user");
  await hold.locator("input").nth(0).fill(carol.username);
  await hold.locator("input").nth(1).fill("Case 2026-17");
  await hold.locator("button[type=submit]").click();
  await o.page.getByTestId("retention-holds").getByText("Case 2026-17").waitFor();

  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(b.page, conv.id);
  await messageWith(b.page, "old and due 到期").waitFor();

  await o.page.getByTestId("retention-run").click(); // the confirm dialog is accepted by the harness
  await eventually("the last run is reported", async () => (await o.page.getByTestId("retention-last-run").innerText()).includes("messages removed: 1,"));
  await ctx.screens.shot(o.page, "retention-en-1280");

  // Bob sees the purged message go, live; the held and the recent one stay.
  await eventually("the due message disappears from bob's view", async () => (await messageWith(b.page, "old and due 到期").count()) === 0);
  await messageWith(b.page, "old but held 保全").waitFor();
  await messageWith(b.page, "recent 最近").waitFor();
  const officer = await new Api(ctx.server.url).login(username, ctx.password);
  const audit = await ctx.admin.api.call("GET", "/audit?limit=50");
  equal(audit.items.filter((e) => e.action === "retention.purged").length, 1, "the purge is in the audit log once");
  const state = await officer.call("GET", "/compliance/retention");
  equal(state.lastRun.messages, 1, "one message was due");

  for (const [locale, width, height, name] of [["zh-CN", 1280, 800, "zh-1280"], ["zh-CN", 390, 844, "zh-390"], ["en-US", 390, 844, "en-390"]]) {
    const v = await signIn(ctx, username, ctx.password, { locale, viewport: { width, height } });
    await v.page.goto(`${ctx.server.url}/#/admin/retention`);
    await v.page.getByTestId("retention-holds").waitFor();
    await ctx.screens.shot(v.page, `retention-${name}`);
    await v.context.close();
  }
}
