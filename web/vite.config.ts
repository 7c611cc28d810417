import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The server serves the built client from its wwwroot; the server build runs `npm ci && npm run build`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "../src/Parley.Server/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:5080", ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
