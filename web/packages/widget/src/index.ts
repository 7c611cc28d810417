// Parley's customer-service widget (docs/customer-service.md). The host page includes
//   <script src="https://chat.example.com/sdk/widget.js" data-widget="ID" async></script>
// (or, from a bundler, calls mountWidget({ serverUrl, widgetId })) and gets a chat bubble that opens the visitor page
// (/visitor/ID on the Parley server) in an iframe. The script reads only the page's address, referrer and language;
// the frame talks back only through postMessage, and messages are accepted only from that frame at the Parley
// server's origin (protocol.ts).
import { hostContext, hostStorageKey, MAX_KEPT, safeColor, safeLogo, validWidgetId, visitorUrl, widgetEventFrom, type WidgetLang } from "./protocol";

export * from "./protocol";

const LABELS: Record<WidgetLang, { open: string; close: string; frame: string }> = {
  en: { open: "Chat with us", close: "Close the chat", frame: "Customer service chat" },
  "zh-CN": { open: "在线客服", close: "关闭对话", frame: "在线客服对话" },
};

const PHONE = "(max-width: 480px)";
const SVG = "http://www.w3.org/2000/svg";

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.widget) return current;
  const tags = document.querySelectorAll<HTMLScriptElement>('script[data-widget][src*="/sdk/widget.js"]');
  return tags.length ? tags[tags.length - 1]! : null;
}

function chatIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "28");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  path.setAttribute("fill", "#fff");
  svg.appendChild(path);
  return svg;
}

export interface WidgetOptions {
  /** Where Parley runs, e.g. "https://chat.example.com". */
  serverUrl: string;
  widgetId: string | number;
  /** The button's colour until the widget's own has loaded (#rgb or #rrggbb). */
  color?: string;
}

/** Adds the bubble to this page; returns a function that removes it again. */
export function mountWidget(options: WidgetOptions): () => void {
  const widgetId = validWidgetId(String(options.widgetId));
  if (!widgetId) throw new Error(`Parley widget: not a widget id: ${String(options.widgetId)}`);
  const serverOrigin = new URL(options.serverUrl, window.location.href).origin;
  const context = hostContext(window.location, document, navigator);
  const labels = LABELS[context.lang];

  // A shadow root keeps the host page's styles off the bubble; all styles are set through the CSSOM, which a
  // host page's CSP without 'unsafe-inline' still allows.
  const host = document.createElement("div");
  host.dataset.parleyWidget = widgetId;
  host.style.cssText = "position:fixed;z-index:2147483000;right:0;bottom:0;width:0;height:0";
  const root = host.attachShadow({ mode: "open" });

  const bubble = document.createElement("button");
  bubble.type = "button";
  bubble.setAttribute("aria-label", labels.open);
  bubble.setAttribute("aria-expanded", "false");
  bubble.setAttribute("part", "bubble");
  bubble.style.cssText =
    "position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;cursor:pointer;" +
    "display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25);overflow:visible";
  bubble.style.background = safeColor(options.color);
  bubble.appendChild(chatIcon());

  const badge = document.createElement("span");
  badge.setAttribute("part", "badge");
  badge.style.cssText =
    "position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;" +
    "background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center;display:none";
  bubble.appendChild(badge);

  const panel = document.createElement("div");
  panel.setAttribute("part", "panel");
  panel.style.display = "none";
  root.append(panel, bubble);
  document.body.appendChild(host);

  const phone = window.matchMedia ? window.matchMedia(PHONE) : null;
  const layout = () => {
    const full = phone?.matches ?? false;
    panel.style.cssText =
      `display:${panel.style.display};position:fixed;background:#fff;overflow:hidden;` +
      (full
        ? "inset:0;width:100%;height:100%;border-radius:0"
        : "right:20px;bottom:88px;width:370px;height:min(600px,calc(100vh - 112px));border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25)");
    // On a phone the frame covers the screen: its own minimize button closes it, so the bubble steps aside.
    bubble.style.visibility = full && panel.style.display !== "none" ? "hidden" : "visible";
  };
  phone?.addEventListener?.("change", layout);

  // The frame's session, kept here only when the browser refuses the frame its own storage (it asks: "store").
  const keptKey = hostStorageKey(serverOrigin, widgetId);
  const kept = (): string | null => {
    try {
      return window.localStorage.getItem(keptKey);
    } catch {
      return null;
    }
  };
  const keep = (value: string | null) => {
    try {
      if (value === null) window.localStorage.removeItem(keptKey);
      else if (value.length <= MAX_KEPT) window.localStorage.setItem(keptKey, value);
    } catch {
      // Storage refused here too: the chat lasts as long as the page.
    }
  };

  let frame: HTMLIFrameElement | null = null;
  const setOpen = (open: boolean) => {
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.src = visitorUrl(serverOrigin, widgetId, context, kept());
      frame.title = labels.frame;
      // The visitor page learns the host's origin from ancestorOrigins, or else from this (origin only, no path).
      frame.referrerPolicy = "origin";
      frame.allow = "clipboard-write";
      frame.style.cssText = "width:100%;height:100%;border:0;display:block";
      panel.appendChild(frame);
    }
    panel.style.display = open ? "block" : "none";
    bubble.setAttribute("aria-expanded", String(open));
    bubble.setAttribute("aria-label", open ? labels.close : labels.open);
    if (open) badge.style.display = "none";
    layout();
  };
  bubble.addEventListener("click", () => setOpen(panel.style.display === "none"));
  layout();

  const onMessage = (e: MessageEvent) => {
    const event = widgetEventFrom(e, frame?.contentWindow, serverOrigin);
    if (!event) return;
    if (event.type === "close") setOpen(false);
    else if (event.type === "store") keep(typeof event.value === "string" ? event.value : null);
    else if (event.type === "unread") {
      const hidden = panel.style.display === "none";
      badge.textContent = event.count > 99 ? "99+" : String(event.count);
      badge.style.display = hidden && event.count > 0 ? "block" : "none";
    }
  };
  window.addEventListener("message", onMessage);

  // The widget's colour and logo; a site whose origin the widget does not allow gets the defaults (and the frame refuses).
  fetch(`${serverOrigin}/api/v1/service/widgets/${encodeURIComponent(widgetId)}/public`, { credentials: "omit" })
    .then((r) => (r.ok ? (r.json() as Promise<{ color?: string | null; logoUrl?: string | null }>) : null))
    .then((info) => {
      if (!info) return;
      bubble.style.background = safeColor(info.color, bubble.style.background || undefined);
      const logo = safeLogo(info.logoUrl, serverOrigin);
      if (logo) {
        const img = document.createElement("img");
        img.src = logo;
        img.alt = "";
        img.style.cssText = "width:32px;height:32px;border-radius:50%;object-fit:cover";
        bubble.replaceChild(img, bubble.firstChild!);
      }
    })
    .catch(() => undefined);

  return () => {
    window.removeEventListener("message", onMessage);
    phone?.removeEventListener?.("change", layout);
    host.remove();
  };
}

// A <script data-widget> tag: mount at once (or when the body exists). Imported from a bundler: nothing happens.
const script = typeof document === "undefined" ? null : ownScript();
if (script && validWidgetId(script.dataset.widget)) {
  const mount = () => void mountWidget({ serverUrl: script.src, widgetId: script.dataset.widget!, color: script.dataset.color });
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}
