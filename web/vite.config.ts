import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { bootEntryPlugin } from "./scripts/boot-entry.ts";
import { precompressPlugin } from "./scripts/precompress.ts";

// The server serves the built client from its wwwroot; the server build runs `npm ci && npm run build`.
export default defineConfig({
  plugins: [react(), bootEntryPlugin(), precompressPlugin()],
  build: {
    outDir: "../src/Parley.Server/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    // Libraries change less often than our code: separate chunks stay cached across client releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "signalr", test: /node_modules[\\/]@microsoft[\\/]signalr/ },
            { name: "markdown", test: /node_modules[\\/](markdown-it|linkify-it|mdurl|uc\.micro|entities|punycode)/ },
            // The sign-in page needs React and i18next only; the rest of node_modules loads with the chat screens.
            { name: "i18next", test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/ },
            // The emoji picker's data (en + zh names, ~1 MB of JSON) loads when the picker first opens: its own group, or the
            // catch-all below would put it in the chunk the chat screens need at start-up (the virtual list, icons).
            { name: "emoji-data", test: /node_modules[\\/]emojibase-data[\\/]/ },
            { name: "vendor", test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:5080", ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "packages/*/src/**/*.test.ts"],
  },
});
