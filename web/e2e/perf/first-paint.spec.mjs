// Issue 22: a conversation opened from its URL is painted by the boot entry before React and the chat chunk
// (app/firstPaint.ts). The chat chunk is held back here, as on a slow phone: the newest messages must show as text
// (markup in a message stays text), hidden from assistive technology and the keyboard; once the chunk is let through,
// React's rows take over on the same pixels and the static layer is gone. React itself is asked for only after the
// static paint (app/deferredEntry.ts). A conversation the reader cannot open
// paints nothing. Phone and desktop, zh-CN and en, screenshots during and after.
import { postPatiently, seedHistory } from "../harness/seed.mjs";

const HOSTILE = `<img src=x onerror="window.__pwned=1"> **bold** & <b>tags</b>`;

export async function run(ctx) {
  const [ana, ben, cy] = await ctx.team("ana", "ben", "cy");
  const group = await ctx.group(ana, [ben], "首屏 First paint");
  const secret = await ctx.group(ana, [cy], "Not for ben 不给 ben");
  await seedHistory(group.id, [ana.api, ben.api], 30);
  await postPatiently(ana.api, group.id, { text: HOSTILE, clientMsgId: "fp-hostile" });
  await postPatiently(ana.api, group.id, { text: "最新一条 the newest one", clientMsgId: "fp-last" });
  await postPatiently(ana.api, secret.id, { text: "ben must never see this", clientMsgId: "fp-secret" });
  const login = await ben.api.call("POST", "/auth/login", { username: ben.username, password: ben.password });
  // Ben has read everything (he lands at the newest messages, where the static paint is drawn).
  const { lastSeq } = await ben.api.call("GET", `/conversations/${group.id}`);
  await ben.api.call("POST", `/conversations/${group.id}/read`, { seq: lastSeq });

  const cases = [
    { viewport: { width: 390, height: 844 }, locale: "zh-CN" },
    { viewport: { width: 1280, height: 800 }, locale: "en-US" },
    { viewport: { width: 390, height: 844 }, locale: "en-US" },
    { viewport: { width: 1280, height: 800 }, locale: "zh-CN" },
  ];
  for (const [i, { viewport, locale }] of cases.entries()) {
    const where = `${locale} ${viewport.width}px`;
    const context = await ctx.newContext({ viewport, locale });
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route(/\/assets\/ChatSession-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${ctx.server.url}/healthz`);
    await page.evaluate((s) => localStorage.setItem("parley.session", s), JSON.stringify({ token: login.token, user: login.user, expiresAt: login.expiresAt }));

    if (i === 0) {
      // Not a member: no static paint (the answer is 404), nothing of that conversation on screen.
      await page.goto(`${ctx.server.url}/#/c/${secret.id}`);
      await page.waitForTimeout(1500);
      if ((await page.locator("#first-paint").count()) > 0) throw new Error(`${where}: a conversation ben cannot read was painted`);
      if ((await page.content()).includes("ben must never see this")) throw new Error(`${where}: another conversation's message reached the page`);
      await page.goto(`${ctx.server.url}/healthz`);
    }

    await page.goto(`${ctx.server.url}/#/c/${group.id}`);
    const layer = page.locator("#first-paint");
    await layer.waitFor({ timeout: 15_000 });
    if ((await layer.getAttribute("aria-hidden")) !== "true" || !(await layer.evaluate((el) => el.inert))) throw new Error(`${where}: the static paint is not aria-hidden and inert`);
    const newest = layer.locator("p", { hasText: "最新一条 the newest one" });
    await newest.waitFor();
    const hostile = layer.locator("p", { hasText: "**bold**" });
    if ((await hostile.textContent())?.trim() !== HOSTILE || (await layer.locator("img, b").count()) > 0) throw new Error(`${where}: a message's markup was parsed in the static paint`);
    const before = await newest.boundingBox();
    await ctx.screens.shot(page, `first-paint-static-${locale}-${viewport.width}`);

    release();
    await page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor({ timeout: 30_000 });
    await layer.waitFor({ state: "detached", timeout: 15_000 });
    // React (the main entry, held in the page's template) is asked for only once the static layer is on screen.
    const order = await page.evaluate(() => ({
      painted: performance.getEntriesByName("parley.first-paint")[0]?.startTime,
      main: performance.getEntriesByType("resource").filter((e) => /\/assets\/(index|react)-[^/]*\.js$/.test(e.name)).map((e) => e.startTime),
    }));
    if (order.painted === undefined || order.main.length !== 2 || order.main.some((t) => t < order.painted))
      throw new Error(`${where}: React was requested before the static paint: ${JSON.stringify(order)}`);
    const after = await page.getByTestId("message-list").locator("p", { hasText: "最新一条 the newest one" }).boundingBox();
    if (!before || !after || Math.abs(after.y - before.y) > 1 || Math.abs(after.x - before.x) > 1 || Math.abs(after.width - before.width) > 1)
      throw new Error(`${where}: the newest message moved at the handover: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    if (await page.evaluate(() => window.__pwned === 1)) throw new Error(`${where}: a message's markup ran as code`);
    await ctx.screens.shot(page, `first-paint-after-${locale}-${viewport.width}`);
    await context.close();
  }
}
