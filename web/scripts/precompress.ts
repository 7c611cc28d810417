// Writes Brotli (.br) and gzip (.gz) copies next to every compressible file of the build, once, at build time, at the
// highest levels (Brotli 11, gzip 9): too slow per request, free at build time. The server (WebClient.cs) and
// deploy/nginx.conf (brotli_static / gzip_static) send a copy when the browser accepts its encoding.
// Issue 22: uncompressed, the sign-in page shipped 557 KiB of JavaScript; compressed, it is about a third.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Text formats; images and fonts (png, woff2) are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

export function precompress(dir: string): string[] {
  const written: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = join(dir, entry);
    if (!COMPRESSIBLE.test(file) || !statSync(file).isFile()) continue;
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    // Written even when not smaller (a chunk of a few bytes): then every script is served one way, and the few bytes
    // lost there are nothing beside the rest.
    writeFileSync(file + ".br", br);
    writeFileSync(file + ".gz", gz);
    written.push(file + ".br", file + ".gz");
  }
  return written;
}

/** Vite plugin: precompresses the output folder after the bundle (and public/) are written. */
export function precompressPlugin(): Plugin {
  let outDir = "";
  return {
    name: "parley-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompress(outDir);
    },
  };
}
