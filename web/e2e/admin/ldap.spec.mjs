// Admin console → LDAP / AD against a real slapd started by this spec: the administrator saves the connection, tests
// it (success, then an unreachable server with the clear error), previews the sync (users and departments with
// Chinese names, nothing changed) — screenshots in zh-CN and en at 390 and 1280 px; a member is refused.
import { signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";
import { freePort } from "../harness/server.mjs";
import { Slapd, adminDn, adminPassword, baseDn } from "../harness/slapd.mjs";

const seed = `dn: ou=技术中心,${baseDn}
objectClass: organizationalUnit
ou: 技术中心

dn: ou=研发部,ou=技术中心,${baseDn}
objectClass: organizationalUnit
ou: 研发部

dn: uid=zhangsan,ou=研发部,ou=技术中心,${baseDn}
objectClass: inetOrgPerson
uid: zhangsan
cn: 张三
sn: 张
title: 高级工程师
userPassword: Zs-directory-pw1

dn: uid=lisi,ou=技术中心,${baseDn}
objectClass: inetOrgPerson
uid: lisi
cn: 李四
sn: 李
userPassword: Ls-directory-pw2
`;

async function openSection(ctx, locale, width) {
  const { page } = await signIn(ctx, ctx.admin.username, ctx.password, { locale, viewport: { width, height: width < 600 ? 844 : 900 } });
  await page.goto(`${ctx.server.url}/#/admin/ldap`);
  await page.getByTestId("ldap-form").waitFor();
  return page;
}

async function testConnection(page, expectOk) {
  await page.getByTestId("ldap-test").click();
  const result = page.locator(`[data-testid="ldap-test-result"][data-ok="${expectOk}"]`);
  await result.waitFor();
  return result.innerText();
}

/** Screens show the connection test's answer and the report below it (the section scrolls inside the console). */
async function shot(ctx, page, name) {
  await page.getByTestId("ldap-test-result").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await ctx.screens.shot(page, name);
}

async function preview(page) {
  await page.getByTestId("ldap-preview").click();
  const summary = page.getByTestId("ldap-preview-report-summary");
  await summary.waitFor();
  return summary.innerText();
}

export async function run(ctx) {
  const slapd = await Slapd.start(seed);
  try {
    // zh-CN, wide: fill in and save the connection, test it, preview the sync.
    const zh = await openSection(ctx, "zh-CN", 1280);
    await zh.getByTestId("ldap-enabled").check();
    await zh.getByTestId("ldap-url").fill(slapd.url);
    await zh.getByTestId("ldap-baseDn").fill(baseDn);
    await zh.getByTestId("ldap-bindDn").fill(adminDn);
    await zh.getByTestId("ldap-bindPassword").fill(adminPassword);
    // Only on demand: with an interval, the scheduled sync (checked once a minute, due at once when none has run) may
    // create the accounts between the previews below, which then find nothing to create.
    await zh.getByTestId("ldap-syncIntervalMinutes").fill("0");
    await zh.getByTestId("ldap-save").click();
    await zh.getByText("LDAP 设置已保存。").waitFor();
    await zh.getByTestId("admin-ldap").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await ctx.screens.shot(zh, "admin-ldap-form-zh-CN-1280");
    const ok = await testConnection(zh, true);
    if (!ok.includes("连接成功") || !ok.includes("2")) throw new Error("test connection (zh-CN): " + ok);
    const summary = await preview(zh);
    if (!summary.includes("新建 2") || !summary.includes("新部门 2")) throw new Error("preview summary (zh-CN): " + summary);
    const departments = await zh.getByTestId("ldap-preview-report-departments").innerText();
    if (!departments.includes("技术中心 / 研发部")) throw new Error("preview departments: " + departments);
    const created = await zh.getByTestId("ldap-preview-report-created").innerText();
    if (!created.includes("张三") || !created.includes("李四")) throw new Error("preview accounts: " + created);
    await shot(ctx, zh, "admin-ldap-zh-CN-1280");

    // The preview changed nothing: no 张三 in the directory, no department, no stored report.
    const state = await ctx.admin.api.call("GET", "/admin/ldap");
    if (state.lastSync !== null && state.lastSync !== undefined) throw new Error("a preview stored a report: " + JSON.stringify(state.lastSync));
    if (JSON.stringify(state).includes(adminPassword)) throw new Error("the bind password came back to the client");
    // (Other specs on this shared server have their own 张三, zhangsan<suffix>: only the directory's accounts count.)
    const found = await ctx.admin.api.call("GET", "/directory/search?q=zhangsan");
    const synced = found.items.filter((u) => u.username === "zhangsan" || u.username === "lisi");
    if (synced.length > 0) throw new Error("a preview created users: " + JSON.stringify(synced));

    // zh-CN, phone width: preview again.
    const zhPhone = await openSection(ctx, "zh-CN", 390);
    await testConnection(zhPhone, true);
    await preview(zhPhone);
    await shot(ctx, zhPhone, "admin-ldap-zh-CN-390");

    // en: an unreachable server (a closed port, not saved) gives the clear error; the saved settings still preview.
    const closed = await freePort();
    for (const width of [1280, 390]) {
      const en = await openSection(ctx, "en-US", width);
      await en.getByTestId("ldap-url").fill(`ldap://127.0.0.1:${closed}`);
      const bad = await testConnection(en, false);
      if (!bad.includes("cannot be reached") || !bad.includes(`127.0.0.1:${closed}`)) throw new Error("unreachable (en): " + bad);
      const text = await preview(en);
      if (!text.includes("2 to create")) throw new Error("preview summary (en): " + text);
      await shot(ctx, en, `admin-ldap-en-${width}`);
    }

    // A member sees no LDAP section and the API refuses.
    const [member] = await ctx.team("ldapmember");
    const refused = await member.api.call("GET", "/admin/ldap").then(() => null, (err) => String(err));
    if (!refused || !refused.includes("→ 403")) throw new Error(`GET /admin/ldap as a member was not refused with 403: ${refused}`);
  } finally {
    // Later specs sign in without a directory: switch LDAP off again before the directory goes away.
    const current = await ctx.admin.api.call("GET", "/admin/ldap").catch(() => null);
    if (current) await ctx.admin.api.call("PUT", "/admin/ldap", { ...current.settings, enabled: false, bindPassword: null, timeoutSeconds: current.settings.timeoutSeconds }).catch(() => undefined);
    slapd.stop();
  }
  await eventually("LDAP is off again", async () => (await ctx.admin.api.call("GET", "/admin/ldap")).settings.enabled === false);
}
