import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { keepStorageInMemory } from "./app/storage";
import { applyTheme, loadTheme } from "./app/theme";
import { initI18n } from "./i18n";
import "./styles.css";
import "./ui/emoji-font.css";

// An embedded frame (/embed, features/embed) and the customer-service visitor page (/visitor/<widgetId>, the widget's
// frame: features/service/visitor) take their language and theme from their address, not from this browser's
// choices, and keep the client's usual data out of the browser's storage (the visitor page keeps only its guest token).
const embedded = /^\/embed\/?$/.test(window.location.pathname);
const visitor = /^\/visitor\/[^/]+\/?$/.test(window.location.pathname);
if (embedded || visitor) keepStorageInMemory();
initI18n();
const EmbedApp = lazy(() => import("./features/embed/EmbedApp"));
const VisitorApp = lazy(() => import("./features/service/visitor/VisitorApp"));
if (!embedded && !visitor) applyTheme(loadTheme());

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {embedded || visitor ? (
        <Suspense fallback={null}>{visitor ? <VisitorApp /> : <EmbedApp />}</Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}

// The service worker caches the app shell only (never /api); skipped in the Vite dev server.
if ("serviceWorker" in navigator && import.meta.env.PROD && !embedded && !visitor) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  });
  // A click on a push notification in an open window: show that conversation (the service worker sends its URL).
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent<{ type?: string; url?: string }>) => {
    const url = event.data?.url;
    if (event.data?.type === "parley.open" && url?.startsWith("/#/")) window.location.hash = url.slice(2);
  });
}
