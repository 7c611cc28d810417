// No dependencies. An IIFE for <script src="https://chat.example.com/sdk/widget.js" data-widget="ID" async></script>,
// and an ES module for bundlers (import { mountWidget } from "@parley/widget").
// The web build writes it into the server's wwwroot/sdk next to the embed SDK (web/package.json "build:widget"), so
// it must not empty that folder.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2019",
    lib: {
      entry: "src/index.ts",
      name: "ParleyWidget",
      formats: ["es", "iife"],
      fileName: (format) => (format === "es" ? "widget.mjs" : "widget.js"),
    },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
