// Library mode: one ES module (bundlers: import { embed } from "@parley/embed") and one IIFE that sets window.Parley
// (a plain <script> tag: Parley.embed({...})). No runtime dependencies. The web build also writes both into the
// server's wwwroot/sdk (web/package.json "build:embed"), so a host page can load them from its Parley server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2019",
    lib: {
      entry: "src/index.ts",
      name: "Parley",
      formats: ["es", "iife"],
      fileName: (format) => (format === "es" ? "parley-embed.js" : "parley-embed.iife.js"),
    },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
