import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { keepStorageInMemory } from "./app/storage";
import { applyTheme, loadTheme } from "./app/theme";
import { initI18n } from "./i18n";
import "./styles.css";
import "./ui/emoji-font.css";

// An embedded frame (/embed, features/embed) takes its language and theme from its address, not from this browser's
// choices, and keeps nothing in the browser's storage.
const embedded = /^\/embed\/?$/.test(window.location.pathname);
if (embedded) keepStorageInMemory();
initI18n();
const EmbedApp = lazy(() => import("./features/embed/EmbedApp"));
if (!embedded) applyTheme(loadTheme());

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {embedded ? (
        <Suspense fallback={null}>
          <EmbedApp />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}

// The service worker caches the app shell only (never /api); skipped in the Vite dev server.
if ("serviceWorker" in navigator && import.meta.env.PROD && !embedded) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
  // A click on a push notification in an open window: show that conversation (the service worker sends its URL).
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent<{ type?: string; url?: string }>) => {
    const url = event.data?.url;
    if (event.data?.type === "parley.open" && url?.startsWith("/#/")) window.location.hash = url.slice(2);
  });
}
