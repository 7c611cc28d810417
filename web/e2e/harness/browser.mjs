// Debian's Chromium driven by playwright-core (no browser download).
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Chromium's fake camera, microphone and screen (calls, issue 15): a test pattern and a beep instead of devices, no
 * permission prompts, the whole screen picked for getDisplayMedia, and peer connections allowed over loopback (without
 * the last, loopback candidates never connect).
 */
export const mediaArgs = [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--allow-loopback-in-peer-connection",
  "--auto-select-desktop-capture-source=Entire screen",
];

/** `media: true` adds {@link mediaArgs} (a spec with calls launches its own browser so). */
export async function launchBrowser({ media = false } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`no browser at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...(media ? mediaArgs : [])],
  });
}

export class Screens {
  constructor(dir) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  async shot(page, name) {
    await page.screenshot({ path: join(this.dir, `${name}.png`) });
  }
}

/**
 * A signed-in user in their own browser context (own storage, own hub connection). The runner closes the context
 * after the spec, once it has screenshotted it if the spec failed.
 */
export async function signIn(ctx, username, password, options = {}) {
  const context = await ctx.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? "en-US" });
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(ctx.server.url);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.getByTestId("me-name").waitFor();
  await page.locator('[data-testid="connection-state"][data-status="connected"]').waitFor();
  return { context, page };
}

export async function openConversation(page, conversationId) {
  await page.getByTestId(`conversation-${conversationId}`).click();
  await page.getByTestId("message-list").waitFor();
  await page.locator('[data-testid="message-list"][aria-busy="false"]').waitFor();
}

export async function send(page, text, testId = "composer") {
  const box = page.getByTestId(testId);
  await box.fill(text);
  await box.press("Enter");
}

/** The message article in the main list whose body contains exactly this text. */
export function messageWith(page, text) {
  return page.locator('[data-testid="message-list"] [data-testid="message"]').filter({ has: page.locator(".message-body", { hasText: text }) });
}
