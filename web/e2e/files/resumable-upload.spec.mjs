// A file larger than one chunk goes through the resumable protocol; the connection drops on the second chunk,
// and the client asks the server's offset and continues from there instead of starting again.
import { readFileSync } from "node:fs";
import { openConversation, signIn } from "../harness/browser.mjs";
import { equal } from "../harness/expect.mjs";

const CHUNK = 8 * 1024 * 1024; // the server's default Parley:Files:ChunkSize

export async function run(ctx) {
  const [carol] = await ctx.team("carol");
  const group = await ctx.group(carol, [], "Datasets");
  const { page } = await signIn(ctx, carol.username, carol.password);
  await openConversation(page, group.id);

  // Watch every upload request; intercept them only until the one drop.
  const upload = [];
  page.on("request", (request) => {
    if (/\/api\/v1\/uploads/.test(request.url())) upload.push(`${request.method()} ${request.headers()["upload-offset"] ?? ""}`.trim());
  });
  const uploads = /\/api\/v1\/uploads/;
  await page.route(uploads, async (route) => {
    if (route.request().method() === "PATCH" && route.request().headers()["upload-offset"] === String(CHUNK)) {
      await route.abort("connectionreset");
      await page.unroute(uploads);
      return;
    }
    await route.continue();
  });

  const bytes = Buffer.alloc(CHUNK + 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i); // not all zeros: a misplaced chunk would show
  await page.getByTestId("file-input").setInputFiles({ name: "dataset.bin", mimeType: "application/octet-stream", buffer: bytes });
  await page.locator('[data-testid="tray-item"][data-status="done"]').waitFor({ timeout: 60_000 });
  equal(upload, ["POST", "PATCH 0", `PATCH ${CHUNK}`, "GET", `PATCH ${CHUNK}`, "POST"], "create, chunk, dropped chunk, ask the offset, resume at it, complete");

  await page.getByTestId("send").click();
  const card = page.locator('[data-testid="message-list"] [data-testid="file-card"]', { hasText: "dataset.bin" });
  await card.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId("file-download").click()]);
  const received = readFileSync(await download.path());
  if (!received.equals(bytes)) throw new Error(`downloaded ${received.length} bytes differ from the ${bytes.length} uploaded`);
}
