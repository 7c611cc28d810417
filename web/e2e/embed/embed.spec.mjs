// Embedding (issue 17): a host application on another origin (a tiny server started here, with its own "back end"
// that exchanges the application's secret for tokens) embeds a conversation with the SDK (/sdk/parley-embed.iife.js);
// the embedded user posts, and the message shows in another user's normal client. A page on an origin the application
// does not list cannot frame /embed (the browser refuses: frame-ancestors), and a token used twice is refused.
import { createServer } from "node:http";
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

/** The host application: GET / is its page (embedding Parley), GET /token its back end asking Parley for a token. */
async function startHost(parley, app) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://host");
    if (url.pathname === "/token") {
      const answer = await fetch(`${parley}/api/v1/embed/tokens`, {
        method: "POST",
        headers: { Authorization: `Bearer ${app.secret}`, "Content-Type": "application/json" },
        body: JSON.stringify({ user: app.user, scope: { conversationId: app.conversationId } }),
      });
      res.writeHead(answer.status, { "Content-Type": "application/json" });
      res.end(await answer.text());
      return;
    }
    if (url.pathname !== "/") {
      res.writeHead(404).end();
      return;
    }
    const locale = url.searchParams.get("locale") ?? "en";
    const reuse = url.searchParams.get("token");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>OA portal</title>
<style>body{margin:0;font-family:sans-serif}header{padding:8px 12px;background:#234;color:#fff}#chat{height:calc(100vh - 40px)}</style>
<header>OA · <span id="badge">0</span></header><div id="chat"></div>
<script src="${parley}/sdk/parley-embed.iife.js"></script>
<script>
  window.events = [];
  const getToken = () => fetch("/token").then((r) => r.json()).then((t) => t.token);
  (${JSON.stringify(reuse)} ? Promise.resolve(${JSON.stringify(reuse)}) : getToken()).then((token) => {
    const chat = Parley.embed({ element: "#chat", serverUrl: ${JSON.stringify(parley)}, token, locale: ${JSON.stringify(locale)}, getToken });
    for (const type of ["ready", "unread", "message", "expired", "error"]) chat.on(type, (e) => window.events.push(e));
    chat.on("unread", (e) => (document.getElementById("badge").textContent = String(e.count)));
  });
</script>`);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: server.address().port };
}

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(bob, [alice], "OA 审批讨论");
  await bob.api.call("POST", `/conversations/${conv.id}/messages`, { text: "请看一下报销单 #1024", clientMsgId: null });

  const sdk = await fetch(`${ctx.server.url}/sdk/parley-embed.iife.js`);
  equal(sdk.status, 200, "the server serves the SDK (web build: npm run build:embed)");

  // The host is served on two origins by one server: localhost:<port> is the listed one, 127.0.0.1:<port> is not.
  // Its back end holds the secret the administrator got once, when registering the application.
  const backend = { secret: "", user: alice.username, conversationId: conv.id };
  const { server: hostServer, port } = await startHost(ctx.server.url, backend);
  const allowed = `http://localhost:${port}`;
  try {
    // The administrator registers the application in the console and hands its secret (shown once) to the back end.
    const admin = await signIn(ctx, ctx.admin.username, ctx.password);
    await admin.page.goto(`${ctx.server.url}/#/admin/embedding`);
    await admin.page.getByTestId("admin-embedding").waitFor();
    await admin.page.locator('[data-testid="embed-app-form"] input[name="name"]').fill("OA 系统");
    await admin.page.getByTestId("embed-app-origins").fill(allowed);
    await admin.page.getByTestId("embed-app-create").click();
    backend.secret = (await admin.page.locator('[data-testid="embed-app-secret"] code').innerText()).trim();
    equal(backend.secret.startsWith("pes_"), true, "the console showed the application's secret");
    await admin.page.getByTestId("embed-app-list").getByText(allowed).waitFor();
    await ctx.screens.shot(admin.page, "embed-admin-en-1280");
    const adminZh = await signIn(ctx, ctx.admin.username, ctx.password, { viewport: { width: 390, height: 760 }, locale: "zh-CN" });
    await adminZh.page.goto(`${ctx.server.url}/#/admin/embedding`);
    await adminZh.page.getByTestId("embed-app-list").getByText(allowed).waitFor();
    await ctx.screens.shot(adminZh.page, "embed-admin-zh-CN-390");

    // The embedded user posts; bob, in his normal client, sees it.
    const b = await signIn(ctx, bob.username, bob.password);
    await openConversation(b.page, conv.id);
    const context = await ctx.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${allowed}/?locale=en`);
    const frame = page.frameLocator("#chat iframe");
    await frame.getByTestId("embed-conversation").waitFor();
    await messageWith(frame, "请看一下报销单 #1024").waitFor();
    await eventually("the SDK heard the frame is ready", async () => (await page.evaluate(() => window.events.map((e) => e.type))).includes("ready"));
    await send(frame, "已审批，同意报销");
    await messageWith(b.page, "已审批，同意报销").waitFor();
    await eventually("the SDK heard the message was posted", async () =>
      (await page.evaluate(() => window.events)).some((e) => e.type === "message" && e.conversationId === conv.id));
    equal(await frame.locator("nav.sidebar").count(), 0, "a conversation scope shows the conversation alone");

    // Bob answers: the frame shows it live.
    await send(b.page, "收到，谢谢");
    await messageWith(frame, "收到，谢谢").waitFor();

    // Screenshots: the embedded conversation in both languages, phone and desktop widths.
    for (const locale of ["en", "zh-CN"]) {
      for (const width of [390, 1280]) {
        const shot = await context.newPage();
        await shot.setViewportSize({ width, height: width === 390 ? 760 : 800 });
        await shot.goto(`${allowed}/?locale=${locale}`);
        const f = shot.frameLocator("#chat iframe");
        await messageWith(f, "收到，谢谢").waitFor();
        await shot.waitForTimeout(300);
        await ctx.screens.shot(shot, `embed-conversation-${locale}-${width}`);
        await shot.close();
      }
    }

    // A token used twice: spent once by its first exchange, the frame opened with it is refused.
    const { token } = await (await fetch(`${allowed}/token`)).json();
    const first = await fetch(`${ctx.server.url}/api/v1/embed/sessions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
    equal(first.status, 201, "the first exchange starts a session");
    const reused = await context.newPage();
    await reused.goto(`${allowed}/?token=${encodeURIComponent(token)}`);
    await reused.frameLocator("#chat iframe").getByTestId("embed-ended").waitFor();
    await eventually("the SDK heard the reused token was refused", async () =>
      (await reused.evaluate(() => window.events)).some((e) => e.type === "error" && e.code === "embed_token_invalid"));

    // An origin the application does not list: the browser refuses to render /embed in its frame. A context of its
    // own: the refusal is reported as a CSP violation, which the runner would count against this spec.
    const foreign = await ctx.browser.newContext();
    ctx.contexts.push(foreign);
    const evil = await foreign.newPage();
    await evil.goto(`http://127.0.0.1:${port}/?locale=en`);
    await evil.locator("#chat iframe").waitFor();
    await evil.waitForTimeout(1500);
    const framed = evil.frames().find((f) => f !== evil.mainFrame());
    equal(framed?.url().startsWith("chrome-error://"), true, `Chromium refused the frame on an unlisted origin (frame url: ${framed?.url()})`);
    equal(await evil.frameLocator("#chat iframe").getByTestId("embed-conversation").count(), 0, "nothing of the conversation rendered there");
  } finally {
    hostServer.close();
  }
}
