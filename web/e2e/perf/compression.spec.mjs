// Issue 22: every script and stylesheet goes out compressed. The page's own references (index.html) are fetched with
// each encoding a client may accept; then a real sign-in loads the sign-in page and the chat screens, and every
// script and stylesheet the browser received must have come compressed, hashed ones with a one-year immutable cache.
import { signIn } from "../harness/browser.mjs";

export async function run(ctx) {
  const html = await (await fetch(ctx.server.url, { headers: { "accept-encoding": "identity" } })).text();
  const referenced = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  if (!referenced.some((p) => p.endsWith(".js")) || !referenced.some((p) => p.endsWith(".css"))) throw new Error(`index.html references no script or stylesheet: ${html}`);
  for (const path of referenced) {
    for (const encoding of ["br", "gzip"]) {
      const res = await fetch(ctx.server.url + path, { headers: { "accept-encoding": encoding } });
      await res.arrayBuffer();
      if (res.headers.get("content-encoding") !== encoding) throw new Error(`${path} asked with Accept-Encoding: ${encoding} came as '${res.headers.get("content-encoding")}'`);
      if (!/accept-encoding/i.test(res.headers.get("vary") ?? "")) throw new Error(`${path}: no Vary: Accept-Encoding, so a cache could hand the ${encoding} copy to a client that cannot read it`);
      if (!/immutable/.test(res.headers.get("cache-control") ?? "")) throw new Error(`${path}: hashed asset without an immutable cache (${res.headers.get("cache-control")})`);
    }
  }

  const [user] = await ctx.team("zip");
  const seen = [];
  const record = (response) => {
    const type = response.request().resourceType();
    if (type === "script" || type === "stylesheet") seen.push(response);
  };
  const original = ctx.newContext;
  // Listen from the very first request of the context that signIn creates.
  ctx.newContext = async (options) => {
    const context = await original.call(ctx, options);
    context.on("response", record);
    return context;
  };
  let page;
  try {
    ({ page } = await signIn(ctx, user.username, user.password));
  } finally {
    ctx.newContext = original;
  }
  await page.getByTestId("me-name").waitFor();
  const failures = [];
  for (const response of seen) {
    const headers = await response.allHeaders();
    if (!["br", "gzip"].includes(headers["content-encoding"])) failures.push(`${response.url()} (${headers["content-encoding"] ?? "identity"})`);
  }
  if (seen.length < referenced.length) throw new Error(`the browser loaded only ${seen.length} scripts and stylesheets`);
  if (failures.length > 0) throw new Error(`served uncompressed to the browser:\n  ${failures.join("\n  ")}`);
}
