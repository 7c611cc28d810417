// A user uploads a picture in the profile (settings), moves the square with the keyboard onto its blue half, saves,
// and sees the avatar on their own message; a colleague who has the conversation open sees it arrive without a
// reload. The profile screen with the crop editor in en and zh-CN at 1280 and 390 px.
import { deflateSync } from "node:zlib";
import { messageWith, openConversation, signIn } from "../harness/browser.mjs";
import { eventually } from "../harness/expect.mjs";

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A width × height RGB PNG: the left half red, the right half blue. */
function twoColourPng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then pixels
    for (let x = 0; x < width; x++) row.set(x < width / 2 ? [230, 30, 30] : [30, 60, 230], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The colour at the centre of an avatar picture on the page, read through a canvas. */
async function centreColour(image) {
  return image.evaluate((img) => {
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    const [r, , b] = g.getImageData(img.naturalWidth / 2, img.naturalHeight / 2, 1, 1).data;
    return { r, b };
  });
}

async function openProfile(page) {
  await page.getByTestId("open-settings").click();
  const editor = page.getByTestId("avatar-editor");
  await editor.waitFor();
  await editor.scrollIntoViewIfNeeded();
  return editor;
}

async function choosePicture(page) {
  await page.getByTestId("avatar-file").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: twoColourPng(200, 100) });
  const crop = page.getByTestId("avatar-crop");
  await crop.waitFor();
  return crop;
}

export async function run(ctx) {
  const [alice, bob] = await ctx.team("alice", "bob");
  const conv = await ctx.group(alice, [bob], "Faces");
  const text = `Hello, this is me ${Date.now() % 10000}`;
  await alice.api.call("POST", `/conversations/${conv.id}/messages`, { text, clientMsgId: `avatar-${Date.now()}` });

  const b = await signIn(ctx, bob.username, bob.password);
  await openConversation(b.page, conv.id);
  const onBobsScreen = messageWith(b.page, text);
  await onBobsScreen.waitFor();
  if ((await onBobsScreen.locator(".avatar-image").count()) !== 0) throw new Error("no avatar yet: the initial should show");

  const a = await signIn(ctx, alice.username, alice.password);
  await openProfile(a.page);
  const crop = await choosePicture(a.page);
  // The largest centred square first (x 50 of 200); five Shift+ArrowRight steps of 10 px move it onto the blue half.
  if ((await crop.getAttribute("data-crop")) !== "50,0,100") throw new Error(`initial square: ${await crop.getAttribute("data-crop")}`);
  await crop.focus();
  for (let i = 0; i < 5; i++) await crop.press("Shift+ArrowRight");
  await eventually("the square moved right", async () => (await crop.getAttribute("data-crop")) === "100,0,100");
  await a.page.getByTestId("avatar-save").click();
  const saved = a.page.getByTestId("avatar-editor").locator(".avatar-image");
  await saved.waitFor();
  await eventually("focus returns to the picture button", async () => (await a.page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "avatar-choose");
  await a.page.keyboard.press("Escape");

  await openConversation(a.page, conv.id);
  const mine = messageWith(a.page, text).locator(".avatar-image");
  await mine.waitFor();
  await eventually("the picture on her message has loaded", async () => (await mine.evaluate((img) => img.complete && img.naturalWidth > 0)) === true);
  const colour = await centreColour(mine);
  if (!(colour.b > 180 && colour.r < 90)) throw new Error(`the saved square should be the blue half, got ${JSON.stringify(colour)}`);

  // Bob did not reload: user.updated brought the new picture.
  await onBobsScreen.locator(".avatar-image").waitFor();
  await ctx.screens.shot(b.page, "avatar-on-message-en-1280");
  await b.context.close();
  await a.context.close();

  const variants = [
    { locale: "en-US", lang: "en", viewport: { width: 1280, height: 800 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 1280, height: 800 } },
    { locale: "en-US", lang: "en", viewport: { width: 390, height: 844 } },
    { locale: "zh-CN", lang: "zh-CN", viewport: { width: 390, height: 844 } },
  ];
  for (const v of variants) {
    const tag = `${v.lang}-${v.viewport.width}`;
    const s = await signIn(ctx, alice.username, alice.password, v);
    const editor = await openProfile(s.page);
    await editor.locator(".avatar-image").waitFor();
    await ctx.screens.shot(s.page, `profile-avatar-${tag}`);
    await choosePicture(s.page);
    await editor.scrollIntoViewIfNeeded();
    await ctx.screens.shot(s.page, `profile-avatar-crop-${tag}`);
    await s.context.close();
  }
}
