// Files: Alice drops two images on the conversation and sends them with text; Bob sees the thumbnails, steps
// through them in the lightbox, downloads one (the bytes are the original's), and finds files in the Files panel.
import { readFileSync } from "node:fs";
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { equal, eventually } from "../harness/expect.mjs";

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const group = await ctx.group(alice, [bob], "Design review");
  // Another file shared earlier, so the panel's search has something to leave out.
  await shareText(ctx, alice, group.id, "meeting-notes.txt", "agenda: ship it");
  const a = await signIn(ctx, alice.username, alice.password);
  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(a.page, group.id);

  // Two real PNGs drawn in the page, dropped together on the conversation with a real DataTransfer, as a desktop drag would.
  const base64 = await a.page.evaluate(async () => {
    const png = async (width, height, from, to) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext("2d");
      const gradient = g.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, from);
      gradient.addColorStop(1, to);
      g.fillStyle = gradient;
      g.fillRect(0, 0, width, height);
      return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    };
    const mockup = await png(300, 200, "#3b5bdb", "#f08c00");
    const data = new DataTransfer();
    data.items.add(new File([mockup], "mockup.png", { type: "image/png" }));
    data.items.add(new File([await png(120, 160, "#2b8a3e", "#fab005")], "sketch.png", { type: "image/png" }));
    const zone = document.querySelector('[data-testid="conversation-drop-zone"]');
    for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    let binary = "";
    for (const byte of new Uint8Array(await mockup.arrayBuffer())) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  const original = Buffer.from(base64, "base64");
  await eventually("both uploads finish", async () => (await a.page.locator('[data-testid="tray-item"][data-status="done"]').count()) === 2);
  await ctx.screens.shot(a.page, "files-01-tray");
  await a.page.getByTestId("composer").fill("Here is the mockup");
  await a.page.getByTestId("send").click();
  await eventually("Alice's message shows both images", async () => (await messageWith(a.page, "Here is the mockup").getByTestId("attachment-image").count()) === 2);
  await a.page.getByTestId("attachment-tray").waitFor({ state: "detached" });

  // A refused type: the tray says why in the user's language, and Send stays off until it is removed.
  await a.page.getByTestId("file-input").setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
  const refused = a.page.locator('[data-testid="tray-item"][data-status="failed"]');
  await refused.getByRole("alert").filter({ hasText: "This type of file is not allowed here." }).waitFor();
  if (!(await a.page.getByTestId("send").isDisabled())) throw new Error("Send is enabled while an attachment failed");
  await refused.getByTestId("tray-remove").click();
  await a.page.getByTestId("attachment-tray").waitFor({ state: "detached" });

  // A screenshot pasted into the composer becomes an attachment too.
  await a.page.getByTestId("composer").evaluate(async (box) => {
    const canvas = document.createElement("canvas");
    canvas.width = 40;
    canvas.height = 30;
    canvas.getContext("2d").fillRect(0, 0, 40, 30);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const data = new DataTransfer();
    data.items.add(new File([blob], "image.png", { type: "image/png" }));
    box.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }));
  });
  await a.page.locator('[data-testid="tray-item"][data-status="done"]', { hasText: "image.png" }).waitFor();
  await a.page.getByTestId("tray-remove").click();
  await a.page.getByTestId("attachment-tray").waitFor({ state: "detached" });

  // Bob: the thumbnail loads through a signed link (an <img> cannot send the bearer token).
  await openConversation(b.page, group.id);
  const message = messageWith(b.page, "Here is the mockup");
  // (Files show in upload-completion order, the server's id order: the smaller image may come first.)
  const mockupButton = message.getByRole("button", { name: "Open image mockup.png" });
  const thumbnail = mockupButton.locator("img");
  await eventually("Bob's thumbnail is decoded", async () => thumbnail.evaluate((img) => img.complete && img.naturalWidth > 0));
  const box = await mockupButton.boundingBox();
  equal([Math.round(box.width), Math.round(box.height)], [300, 200], "the image box is reserved at the image's size");
  await ctx.screens.shot(b.page, "files-02-thumbnail");

  // Lightbox: a labelled dialog with the full image; arrows step through the message's images, Tab stays inside.
  await mockupButton.click();
  const dialog = b.page.getByRole("dialog", { name: /^Image [12] of 2: mockup\.png$/ });
  await dialog.waitFor();
  await b.page.keyboard.press("ArrowRight");
  await b.page.getByRole("dialog", { name: /^Image [12] of 2: sketch\.png$/ }).waitFor();
  await b.page.keyboard.press("ArrowRight");
  await dialog.waitFor();
  for (let i = 0; i < 6; i++) await b.page.keyboard.press("Tab");
  if (!(await b.page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))))) throw new Error("Tab left the lightbox");
  const full = b.page.getByTestId("viewer-image");
  await eventually("the full image is shown", async () => full.evaluate((img) => img.complete && img.naturalWidth === 300));
  await ctx.screens.shot(b.page, "files-03-lightbox");
  const [download] = await Promise.all([b.page.waitForEvent("download"), b.page.getByTestId("viewer-download").click()]);
  equal(download.suggestedFilename(), "mockup.png", "the download keeps the original name");
  const bytes = readFileSync(await download.path());
  if (!bytes.equals(original)) throw new Error(`downloaded ${bytes.length} bytes differ from the ${original.length} uploaded`);
  await b.page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  if (!(await b.page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Open image mockup.png"))) throw new Error("focus did not return to the thumbnail");

  // Files panel: both files, newest first; the search narrows to the match.
  await b.page.getByTestId("open-files").click();
  const rows = b.page.getByTestId("files-panel").getByTestId("file-row");
  await eventually("the panel lists the three files", async () => (await rows.count()) === 3);
  const names = await rows.locator(".file-name").allTextContents();
  equal([names.slice(0, 2).sort(), names[2]], [["mockup.png", "sketch.png"], "meeting-notes.txt"], "newest first");
  await b.page.getByTestId("files-search").fill("notes");
  await eventually("the search leaves only the notes", async () => (await rows.count()) === 1 && (await rows.first().locator(".file-name").textContent()) === "meeting-notes.txt");
  // A text file previews as text (never as HTML).
  await rows.first().click();
  await eventually("the text preview shows the content", async () => (await b.page.getByTestId("viewer-text").textContent()) === "agenda: ship it");
  await ctx.screens.shot(b.page, "files-04-panel-preview");
}

/** Setup through the API (not the behaviour under test): upload a small text file and send it. */
async function shareText(ctx, user, conversationId, name, text) {
  const form = new FormData();
  form.append("file", new Blob([text], { type: "text/plain" }), name);
  const response = await fetch(`${ctx.server.url}/api/v1/files`, { method: "POST", headers: { Authorization: `Bearer ${user.api.token}` }, body: form });
  if (!response.ok) throw new Error(`upload → ${response.status} ${await response.text()}`);
  const file = await response.json();
  await user.api.call("POST", `/conversations/${conversationId}/messages`, { text: "", fileIds: [file.id] });
}
