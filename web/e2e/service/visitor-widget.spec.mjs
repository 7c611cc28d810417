// Customer service (issue 18): a plain shop page on another origin (served here, listed in the widget's allowed
// origins) carries the one-line <script> of /sdk/widget.js. The visitor opens the bubble, starts a chat under a name
// with HTML in it (shown as text everywhere), asks a question the knowledge base answers (the AI first line), asks for
// a human; agent Ann accepts in the workspace, both chat live (Ann also with a canned reply), Ann transfers to agent
// Bob, who accepts and closes with a summary; the visitor rates the chat and the rating reaches the conversation.
// Screens: the widget closed and open, the visitor page en-390 and zh-CN-1280, the workspace en-1280 and zh-CN-390
// (and the admin section, a service conversation on a phone).
import { createServer } from "node:http";
import { messageWith, send, signIn } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";
import { Api, uniqueName } from "../harness/api.mjs";
import { audit } from "../a11y/axe.spec.mjs";

/** A 160×100 PNG (an empty inbox window): the visitor's "screenshot". */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAKAAAABkCAIAAACO1KzYAAAAwElEQVR42u3RsREAIAwDsey/ahoaarIG8enPE1jV51rwygWADbABNsAG2AAbYMAG2AAbYANsgA0wYANsy4GfIgIMWIAFWIAFWIAFGDBgwAIswAIswAIMGDBgARZgARZgARZgwAIswAIswAIswIABAxZgARZgARZgwIABC7AAC7AAC7AAAxZgARZgARZgAQYMGLAAC7AAC7AAAwYMWIAFWIAFWIAFGDBgwAIswAIswAIMGDBgAdYWYMsbYMAG2L7dACLp9soolI+HAAAAAElFTkSuQmCC";

/** The host site: one page with the snippet the admin console showed (set once it exists), nothing else. */
async function startShop(site) {
  const server = createServer((req, res) => {
    if (!req.url.startsWith("/shop")) {
      res.writeHead(404).end();
      return;
    }
    const lang = new URL(req.url, "http://shop").searchParams.get("lang") ?? "en";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Tea shop</title><style>body{margin:0;font:16px sans-serif}header{padding:16px;background:#2d3a2e;color:#fff}main{padding:16px}</style>
<header>Tea shop · 茶叶店</header><main><h1>Oolong 乌龙茶</h1><p>¥ 88 / 250 g</p></main>
${site.snippet}`);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: server.address().port };
}

async function agent(ctx, name) {
  const username = uniqueName(name.toLowerCase());
  const user = await ctx.admin.api.call("POST", "/users", { username, password: ctx.password, displayName: name, roles: ["service_agent"] });
  return { ...user, username, api: await new Api(ctx.server.url).login(username, ctx.password) };
}

/** Opens the shop page and the widget; returns the page and the visitor frame. */
async function openWidget(ctx, shopUrl, { width, lang }) {
  const context = await ctx.newContext({ viewport: { width, height: width < 600 ? 844 : 800 }, locale: lang === "zh-CN" ? "zh-CN" : "en-US" });
  const page = await context.newPage();
  await page.goto(`${shopUrl}?lang=${lang}`);
  const bubble = page.locator('[data-parley-widget] button[part="bubble"]');
  await bubble.waitFor();
  return { context, page, bubble, frame: page.frameLocator("[data-parley-widget] iframe") };
}

export async function run(ctx) {
  const [ann, bob] = [await agent(ctx, "Ann"), await agent(ctx, "Bob")];
  await ctx.admin.api.call("POST", "/knowledge/articles", {
    kind: "article", title: "Resetting your password", language: "en", tags: ["account"], published: true,
    body: "To reset your password, open **Settings → Security** and choose *Reset password*. The reset link arrives by email within five minutes.",
  });

  // The administrator creates the widget in the console: the snippet and the identity secret (shown once).
  const site = { snippet: "" };
  const { server: shop, port } = await startShop(site);
  const shopOrigin = `http://localhost:${port}`;
  try {
    const admin = await signIn(ctx, ctx.admin.username, ctx.password);
    await admin.page.goto(`${ctx.server.url}/#/admin/service`);
    await admin.page.getByTestId("service-widget-name").fill("Tea shop");
    await admin.page.getByTestId("service-widget-origins").fill(shopOrigin);
    await admin.page.getByTestId("service-widget-create").click();
    const snippet = (await admin.page.getByTestId("service-widget-snippet").innerText()).trim();
    const widgetId = /data-widget="([^"]+)"/.exec(snippet)?.[1];
    equal(Boolean(widgetId) && snippet.includes(`${ctx.server.url}/sdk/widget.js`), true, `the console showed the snippet (${snippet})`);
    equal((await admin.page.locator('[data-testid="service-widget-secret"] code').first().innerText()).trim().length >= 16, true, "the identity secret is shown once");
    await ctx.screens.shot(admin.page, "service-admin-en-1280");
    const { queueId } = (await ctx.admin.api.call("GET", "/service/widgets")).items.find((w) => String(w.id) === widgetId);
    for (const a of [ann, bob]) await ctx.admin.api.call("PUT", `/service/queues/${queueId}/agents/${a.id}`, { capacity: 3 });
    await ctx.admin.api.call("POST", "/service/canned-replies", { shortcut: "resend", text: "Checking the mail log for you — one moment." });
    const adminZh = await signIn(ctx, ctx.admin.username, ctx.password, { viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await adminZh.page.goto(`${ctx.server.url}/#/admin/service`);
    await adminZh.page.getByTestId(`service-agent-${queueId}-${bob.id}`).waitFor();
    await adminZh.page.getByTestId(`service-widget-${widgetId}`).scrollIntoViewIfNeeded();
    await ctx.screens.shot(adminZh.page, "service-admin-zh-CN-390");
    await adminZh.context.close();

    site.snippet = snippet;
    const shopUrl = `${shopOrigin}/shop`;
    const visitor = await openWidget(ctx, shopUrl, { width: 1280, lang: "en" });
    await ctx.screens.shot(visitor.page, "service-widget-closed-en-1280");
    await visitor.bubble.click();
    const frame = visitor.frame;
    await frame.getByTestId("visitor-intro").waitFor();
    await frame.getByTestId("visitor-name").fill("<b>Vera</b>");
    await frame.getByTestId("visitor-start").click();
    await frame.getByTestId("embed-conversation").waitFor();

    // The AI first line answers from the knowledge base.
    await send(frame, "How can I reset my password?");
    await messageWith(frame, "How can I reset my password?").getByText("<b>Vera</b>").waitFor();
    equal(await frame.locator('[data-testid="visitor-page"] b').count(), 0, "the visitor's name is text in the frame, not markup");
    await messageWith(frame, "Settings → Security").waitFor({ timeout: 15_000 });
    await ctx.screens.shot(visitor.page, "service-widget-open-en-1280");
    const problems = [];
    // The page's own parts (the message list is the shared one, audited by a11y/axe.spec.mjs).
    await audit(visitor.page.frames().find((f) => f.url().includes("/visitor/")), "visitor page", problems, [".visitor-header", '[data-testid="visitor-status"]']);

    // The visitor asks for a person; Ann sees the conversation waiting and accepts it.
    await frame.getByTestId("visitor-handoff").click();
    await frame.locator('[data-testid="visitor-status"][data-state="waiting"]').waitFor();
    const a = await signIn(ctx, ann.username, ctx.password);
    await a.page.getByTestId("open-service").click();
    const row = a.page.getByTestId("service-waiting").locator("li", { hasText: "<b>Vera</b>" });
    await row.waitFor();
    equal(await a.page.locator(".service-visitor-name b").count(), 0, "the visitor's name is text, not markup");
    await row.getByRole("button").click();
    await a.page.getByTestId("service-panel").waitFor();
    await eventually("the panel shows where the visitor came from", async () => (await a.page.getByTestId("service-visitor-page").innerText()).includes(shopUrl));
    await frame.locator('[data-testid="visitor-status"][data-state="assigned"]').waitFor();

    // Both chat live.
    await send(a.page, "Hello Vera, Ann here. Did the reset link arrive?");
    await messageWith(frame, "Ann here").waitFor();
    await send(frame, "No, nothing arrived yet.");
    await messageWith(a.page, "nothing arrived yet").waitFor();
    // The visitor sends a screenshot of the empty inbox: the agent sees the image.
    await frame.getByTestId("file-input").setInputFiles({ name: "inbox.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
    await frame.getByTestId("composer").fill("My inbox, still empty");
    await frame.locator('[data-testid="send"]:not([disabled])').click(); // enabled once the upload finished
    await messageWith(a.page, "My inbox, still empty").locator(".attachment-image img").waitFor();
    await a.page.getByTestId("service-canned-filter").fill("/resend");
    await a.page.getByTestId("service-canned-resend").click();
    await messageWith(frame, "Checking the mail log for you").waitFor();
    await a.page.getByTestId("service-note-text").fill("Mail delay? Check the outbound queue.");
    await a.page.getByTestId("service-note-add").click();
    await a.page.getByTestId("service-notes").getByText("outbound queue").waitFor();
    await ctx.screens.shot(a.page, "service-workspace-en-1280");
    await audit(a.page, "service conversation", problems, ['[data-testid="service-panel"]']);

    // Ann transfers to Bob, who accepts from the waiting list (offered to him) and closes with a summary.
    await a.page.getByTestId("service-transfer-target").selectOption(`agent:${bob.id}`);
    await a.page.getByTestId("service-transfer").click();
    const b = await signIn(ctx, bob.username, ctx.password, { viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await b.page.goto(`${ctx.server.url}/#/service`);
    const offered = b.page.getByTestId("service-waiting").locator("li", { hasText: "<b>Vera</b>" });
    await offered.waitFor();
    await ctx.screens.shot(b.page, "service-workspace-zh-CN-390");
    await audit(b.page, "workspace zh-CN 390", problems, ['[data-testid="service-workspace"]']);
    await offered.getByRole("button").click();
    await b.page.getByTestId("service-panel").waitFor();
    await frame.locator('[data-testid="visitor-status"][data-state="assigned"]', { hasText: "Bob" }).waitFor();
    await send(b.page, "Bob here: I resent the link, please check your inbox.");
    await messageWith(frame, "I resent the link").waitFor();
    await messageWith(b.page, "I resent the link").waitFor();
    await ctx.screens.shot(b.page, "service-conversation-zh-CN-390");
    await b.page.getByTestId("service-summary").fill("Reset link resent; mail was delayed.");
    await b.page.getByTestId("service-close").click();

    // The visitor rates the chat once.
    await frame.getByTestId("visitor-rating").waitFor();
    await audit(visitor.page.frames().find((f) => f.url().includes("/visitor/")), "rating form", problems, ['[data-testid="visitor-rating"]']);
    if (problems.length > 0) throw new Error(`axe found serious or critical violations:\n${problems.join("\n")}`);
    await frame.getByTestId("visitor-star-5").click();
    await frame.getByTestId("visitor-comment").fill("Quick and friendly");
    await frame.getByTestId("visitor-rate").click();
    await frame.getByTestId("visitor-thanks").waitFor();
    const closed = (await bob.api.call("GET", "/service/conversations?state=closed&mine=true")).items.find((c) => c.visitor.name === "<b>Vera</b>");
    equal(closed?.rating, 5, "the rating reached the service conversation");
    equal(closed?.summary, "Reset link resent; mail was delayed.", "the summary was kept");

    // A reload of the shop continues the same conversation, rated. This browser refuses storage to the third-party
    // frame, so the widget script keeps the session for it in the shop's storage.
    await visitor.page.reload();
    await visitor.bubble.click();
    await messageWith(frame, "I resent the link").waitFor();
    await frame.getByTestId("visitor-thanks").waitFor();

    // The supervisor (the administrator holds service.manage) sees the day's counts and the satisfaction.
    await admin.page.goto(`${ctx.server.url}/#/service/supervisor`);
    await admin.page.getByTestId("service-supervisor").getByText("5.0 / 5 (1)").waitFor();
    await ctx.screens.shot(admin.page, "service-supervisor-en-1280");

    // The visitor page at a phone's width (the widget covers the screen) and in Chinese on a desktop: each a new
    // visitor who starts a chat and asks for a person with the button.
    for (const [lang, width] of [["en", 390], ["zh-CN", 1280]]) {
      const v = await openWidget(ctx, shopUrl, { width, lang });
      await v.bubble.click();
      await v.frame.getByTestId("visitor-intro").waitFor();
      const introProblems = [];
      await audit(v.page.frames().find((f) => f.url().includes("/visitor/")), `intro ${lang} ${width}`, introProblems, ['[data-testid="visitor-intro"]']);
      equal(introProblems.join("\n"), "", "axe: no serious or critical violation in the visitor's form");
      await v.frame.getByTestId("visitor-name").fill(lang === "en" ? "Sam" : "王先生");
      await v.frame.getByTestId("visitor-start").click();
      await v.frame.getByTestId("embed-conversation").waitFor();
      await v.frame.getByTestId("visitor-handoff").click();
      await v.frame.locator('[data-testid="visitor-status"][data-state="waiting"]').waitFor();
      await send(v.frame, lang === "en" ? "Do you ship to Canada?" : "可以寄到上海吗？");
      await messageWith(v.frame, lang === "en" ? "Canada" : "上海").waitFor();
      await v.page.waitForTimeout(300);
      await ctx.screens.shot(v.page, `service-visitor-${lang}-${width}`);
    }
  } finally {
    shop.close();
  }
}

