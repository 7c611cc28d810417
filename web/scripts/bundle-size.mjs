// Reports the JavaScript a first visit (the sign-in page) downloads: the entry script plus its modulepreloads, as sent
// to a browser that accepts Brotli (the build's .br copies, scripts/precompress.ts), and gzip for comparison.
// Fails above the budget of issue 22 (150 KiB on the wire). Run after `npm run build`.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const BUDGET_KIB = 150;
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/Parley.Server/wwwroot");
const html = readFileSync(join(outDir, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const size = (file, ext, compress) => (existsSync(join(outDir, file + ext)) ? readFileSync(join(outDir, file + ext)) : compress(readFileSync(join(outDir, file)))).length;
let br = 0;
let gz = 0;
for (const file of new Set(files)) {
  const b = size(file, ".br", brotliCompressSync);
  const g = size(file, ".gz", gzipSync);
  br += b;
  gz += g;
  console.log(`${(b / 1024).toFixed(1).padStart(7)} KiB br ${(g / 1024).toFixed(1).padStart(7)} KiB gz  ${file}`);
}
console.log(`${(br / 1024).toFixed(1).padStart(7)} KiB br ${(gz / 1024).toFixed(1).padStart(7)} KiB gz  sign-in page JavaScript (budget ${BUDGET_KIB} KiB br)`);
if (br / 1024 > BUDGET_KIB) process.exitCode = 1;
