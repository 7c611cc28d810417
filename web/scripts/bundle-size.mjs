// Reports the JavaScript a first visit downloads (the entry script plus its modulepreloads), gzipped,
// and fails when it exceeds the budget from issue 3 (300 KB). Run after `npm run build`.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_KB = 300;
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/Parley.Server/wwwroot");
const html = readFileSync(join(outDir, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of new Set(files)) {
  const size = gzipSync(readFileSync(join(outDir, file))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  initial JS, gzipped (budget ${BUDGET_KB} KB)`);
if (total / 1024 > BUDGET_KB) process.exitCode = 1;
