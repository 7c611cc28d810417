// Renders public/icon.svg to the PNG sizes install prompts want (192, 512), with headless Chromium.
// Run by hand when the icon changes: node scripts/render-icons.mjs
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../e2e/harness/browser.mjs";

const publicDir = resolve(dirname(fileURLToPath(import.meta.url)), "../public");
const svg = readFileSync(join(publicDir, "icon.svg"), "utf8");
const browser = await launchBrowser();
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.screenshot({ path: join(publicDir, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
