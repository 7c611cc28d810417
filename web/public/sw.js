// Service worker for the app shell only. API calls and the hub are never cached: they go straight to the network.
// Navigations: network first, falling back to the cached shell (so an installed app opens offline and then reconnects).
// Hashed assets under /assets/ are immutable: cache first.
const CACHE = "parley-shell-v1";
const SHELL = ["/", "/manifest.webmanifest", "/icon.svg", "/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  // Embedded pages (/embed) carry their own frame-ancestors: never answered from, or stored as, the app shell.
  if (url.pathname === "/embed" || url.pathname.startsWith("/embed/")) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put("/", copy));
          return response;
        })
        .catch(() => caches.match("/")),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

// Web Push: the server sends a small JSON payload (see PushPayload in the API); the words are chosen here, in the
// language the device registered with, because the server does not know which language each device shows.
const PUSH_TEXT = {
  en: { app: "Parley", newMessage: "New message", from: (s) => `New message from ${s}`, urgent: "Urgent", mention: "mentioned you" },
  "zh-CN": { app: "Parley", newMessage: "你有一条新消息", from: (s) => `${s} 发来一条新消息`, urgent: "紧急", mention: "提到了你" },
};

function notificationFor(p) {
  const text = PUSH_TEXT[p.lang] || PUSH_TEXT.en;
  const urgent = p.kind === "urgent" ? `${text.urgent} · ` : "";
  let title = text.app;
  let body = text.newMessage;
  if (p.preview !== "none" && p.sender) {
    title = p.conversationName || p.sender;
    body = p.preview === "full" && typeof p.text === "string" ? (p.conversationName ? `${p.sender}: ${p.text}` : p.text) : text.from(p.sender);
    if (p.mention && p.preview !== "full") body = `${p.sender} ${text.mention}`;
  }
  return { title: urgent + title, body: body.slice(0, 300) };
}

self.addEventListener("push", (event) => {
  let payload = null;
  try {
    payload = event.data ? event.data.json() : null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload.conversationId !== "number") return;
  const { title, body } = notificationFor(payload);
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      icon: "/icon-192.png",
      badge: "/icon-192.png",
      // One notification per conversation: a newer message replaces the older one instead of stacking up.
      tag: `c${payload.conversationId}`,
      renotify: true,
      data: { url: typeof payload.url === "string" && payload.url.startsWith("/") ? payload.url : "/" },
    }),
  );
});

// A click focuses an open Parley window and shows the conversation there, or opens one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        open.postMessage({ type: "parley.open", url });
        return open.focus();
      }
      return self.clients.openWindow(url);
    }),
  );
});
