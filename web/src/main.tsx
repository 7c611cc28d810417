import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { startupPrefetch } from "./app/startupPrefetch";
import { App } from "./app/App";
import { applyTheme, loadTheme } from "./app/theme";
import { initI18n } from "./i18n";
import "./styles.css";
import "./ui/emoji-font.css";

startupPrefetch();
initI18n();
applyTheme(loadTheme());

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The service worker caches the app shell only (never /api); skipped in the Vite dev server.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
}
