// The page's Content-Security-Policy in the real browser: a normal session (sign in, live hub, send and read Markdown
// with a table and an external image) reports no violation; an external image is not fetched until the reader opens
// it, and then without a Referer; a foreign site that frames the client gets nothing.
// The runner also fails any spec whose pages report a violation, so the whole suite runs under the policy.
import { messageWith, openConversation, send, signIn } from "../harness/browser.mjs";
import { eventually, equal } from "../harness/expect.mjs";

const TRACKER = "https://images.example.test";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Policy");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);

  const document = await b.page.goto(ctx.server.url);
  const csp = document.headers()["content-security-policy"] ?? "";
  if (!/frame-ancestors 'none'/.test(csp) || !/script-src 'self'/.test(csp)) throw new Error(`the page's CSP is missing or weak: '${csp}'`);
  await b.page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor();

  // Every request bob's browser makes to the image host, and what it sent.
  const trackerRequests = [];
  await b.context.route(`${TRACKER}/**`, (route) => {
    trackerRequests.push({ url: route.request().url(), referer: route.request().headers()["referer"] ?? null });
    return route.fulfill({ status: 200, contentType: "image/png", body: PNG });
  });

  await openConversation(a.page, conv.id);
  await openConversation(b.page, conv.id);
  await send(a.page, "| left | centre | right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |");
  await send(a.page, `look ![build status](${TRACKER}/pixel.png?reader=bob)`);
  const table = messageWith(b.page, "centre");
  await table.waitFor();
  equal(await table.locator("td.align-right").count(), 1, "table alignment rendered as a class");
  const message = messageWith(b.page, "look");
  await message.waitFor();
  const placeholder = message.locator("a.external-image");
  await placeholder.waitFor();
  equal((await placeholder.innerText()).includes("Load external image"), true, "the placeholder says what clicking it does");
  equal(await message.locator(".message-body img").count(), 0, "no <img> for an external image");
  await b.page.waitForTimeout(500);
  equal(trackerRequests.length, 0, "rendering the message fetched nothing from the image's host (no tracking pixel)");
  await ctx.screens.shot(b.page, "13-external-image-placeholder");

  // The reader opens it on purpose: a new tab, no Referer (the chat server's address stays private).
  const [tab] = await Promise.all([b.context.waitForEvent("page"), placeholder.click()]);
  await tab.waitForLoadState();
  await eventually("the image host got exactly the reader's request", async () => trackerRequests.length === 1);
  equal(trackerRequests[0], { url: `${TRACKER}/pixel.png?reader=bob`, referer: null }, "the opened image is requested without a Referer");
  await tab.close();

  await b.page.waitForTimeout(300);
  equal(ctx.cspViolations, [], "no CSP violation in a normal session (sign-in, hub, Markdown, table, external image)");

  // A foreign site frames the client: the browser refuses to render it (frame-ancestors 'none', X-Frame-Options DENY).
  // A context of its own: the refusal is reported as a violation, which the runner would count against this spec.
  const foreign = await ctx.browser.newContext();
  ctx.contexts.push(foreign);
  await foreign.route("http://evil.example.test/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: `<!doctype html><title>evil</title><iframe id="victim" src="${ctx.server.url}/" width="800" height="600"></iframe>` }),
  );
  const evil = await foreign.newPage();
  await evil.goto("http://evil.example.test/");
  await evil.locator("#victim").waitFor();
  await evil.waitForTimeout(1500);
  const frame = evil.frames().find((f) => f !== evil.mainFrame());
  const rendered = frame ? await frame.locator("#username, [data-testid='me-name']").count().catch(() => 0) : 0;
  equal(rendered, 0, "the framed client rendered nothing (clickjacking refused)");
  equal(frame?.url().startsWith("chrome-error://"), true, `Chromium replaced the frame with its error page (frame url: ${frame?.url()})`);
}
