// What the widget script (index.ts, on the host page) and the visitor page (web/src/features/service/visitor, in the
// iframe) agree on: the frame's address and the postMessage channel. The host page's data that reaches Parley is
// exactly page (its address without the fragment), referrer and lang: nothing else is read from the host page.

export const WIDGET_CHANNEL = "parley.widget";

/** Events from the visitor page to the widget script. */
export type WidgetEvent =
  | { type: "ready" }
  | { type: "unread"; count: number }
  | { type: "message"; conversationId: number; messageId: number }
  /** The visitor pressed the page's minimize button (the frame covers a phone's screen). */
  | { type: "close" }
  | { type: "expired" }
  | { type: "error"; code: string }
  /**
   * Keep (or, with null, forget) the visitor's session for the frame: browsers that refuse storage to a third-party
   * frame (Safari, private windows) would otherwise start a new chat on every page. The value comes back to the frame
   * in its address's fragment (never sent to a server).
   */
  | { type: "store"; value: string | null };

export type WidgetLang = "en" | "zh-CN";

export interface HostContext {
  page: string;
  referrer: string | null;
  lang: WidgetLang;
}

/** "zh", "zh-Hans-CN", "zh_TW" → zh-CN; anything else → en. */
export function normalizeLang(value: string | null | undefined): WidgetLang {
  return value && /^zh\b/i.test(value.replace("_", "-")) ? "zh-CN" : "en";
}

/** A widget id as the snippet carries it: digits (or a slug); anything else is refused. */
export function validWidgetId(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : null;
}

/** The page's address without its fragment (fragments often hold client-side state or tokens), and its referrer. */
export function hostContext(
  location: Pick<Location, "origin" | "pathname" | "search">,
  doc: { referrer: string; documentElement: { lang: string } },
  nav: { language?: string },
): HostContext {
  return {
    page: `${location.origin}${location.pathname}${location.search}`.slice(0, 2000),
    referrer: doc.referrer ? doc.referrer.slice(0, 2000) : null,
    lang: normalizeLang(doc.documentElement.lang || nav.language),
  };
}

/** The iframe's address on the Parley server: /visitor/<id>?page=&referrer=&lang=[#s=<kept session>]. */
export function visitorUrl(serverOrigin: string, widgetId: string, context: HostContext, kept: string | null = null): string {
  const url = new URL(`/visitor/${encodeURIComponent(widgetId)}`, serverOrigin);
  url.searchParams.set("page", context.page);
  if (context.referrer) url.searchParams.set("referrer", context.referrer);
  url.searchParams.set("lang", context.lang);
  if (kept) url.hash = `s=${encodeURIComponent(kept)}`;
  return url.toString();
}

/** Where the host page keeps the frame's session when the frame may not (one entry per server and widget). */
export const hostStorageKey = (serverOrigin: string, widgetId: string) => `parley.widget.${serverOrigin}.${widgetId}`;

/** The most the host page keeps for the frame (a guest session is far smaller). */
export const MAX_KEPT = 4096;

/**
 * Whether a message event comes from our frame and names our channel: the window must be the frame's and the origin
 * the Parley server's, so another frame or another site on the page cannot open, close or badge the widget.
 */
export function widgetEventFrom(e: Pick<MessageEvent, "source" | "origin" | "data">, frame: unknown, serverOrigin: string): WidgetEvent | null {
  if (!frame || e.source !== frame || e.origin !== serverOrigin) return null;
  const data = e.data as ({ channel?: unknown; type?: unknown } & Record<string, unknown>) | null;
  if (!data || typeof data !== "object" || data.channel !== WIDGET_CHANNEL || typeof data.type !== "string") return null;
  const { channel: _channel, ...event } = data;
  return event as unknown as WidgetEvent;
}

/** The tag an administrator pastes into a site (the admin console's "Customer service" section shows it). */
export function widgetSnippet(serverUrl: string, widgetId: string | number): string {
  const origin = new URL(serverUrl).origin;
  const id = validWidgetId(String(widgetId));
  if (!id) throw new Error(`not a widget id: ${String(widgetId)}`);
  return `<script src="${origin}/sdk/widget.js" data-widget="${id}" async></script>`;
}

/** A colour the widget may put into a style: #rgb or #rrggbb only (the server's value is still never trusted). */
export function safeColor(value: string | null | undefined, fallback = "#2563eb"): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : fallback;
}

/** An http(s) logo address, resolved against the server; null for anything else (javascript:, data:). */
export function safeLogo(value: string | null | undefined, serverOrigin: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, serverOrigin);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
