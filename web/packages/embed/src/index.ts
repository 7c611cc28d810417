// Parley's embedding SDK (docs/integrations.md, "Embedding"). It creates the iframe for /embed with the token your back
// end got from POST /api/v1/embed/tokens, and a postMessage channel to it: messages are sent only to the Parley
// server's origin and read only from that iframe at that origin. When the embedded session ends, it asks getToken
// for a new token and hands it to the frame.

export type Locale = "zh-CN" | "en";
export type Theme = "light" | "dark" | "system";

/** Events from the embedded frame. */
export type EmbedEvent =
  | { type: "ready"; scope: string; conversationId: number | null }
  | { type: "unread"; count: number }
  | { type: "message"; conversationId: number; messageId: number }
  | { type: "expired" }
  | { type: "error"; code: string };

export type EmbedEventType = EmbedEvent["type"];
type Handler<T extends EmbedEventType> = (event: Extract<EmbedEvent, { type: T }>) => void;

export interface EmbedOptions {
  /** The element to fill, or a CSS selector for it. */
  element: HTMLElement | string;
  /** Where Parley runs, e.g. "https://chat.example.com". */
  serverUrl: string;
  /** A token from POST /api/v1/embed/tokens (single use, short-lived). */
  token: string;
  /** With a "client" token: the conversation to open first. A conversation token shows its own conversation. */
  conversationId?: number;
  locale?: Locale;
  theme?: Theme;
  /** Asked for a fresh token when the embedded session ends (your back end calls POST /api/v1/embed/tokens again). */
  getToken?: () => Promise<string>;
  /** The iframe's accessible name. */
  title?: string;
}

export interface EmbedHandle {
  readonly iframe: HTMLIFrameElement;
  /** Listens to one kind of event; returns the unsubscription. */
  on<T extends EmbedEventType>(type: T, handler: Handler<T>): () => void;
  /** Removes the iframe and stops listening. */
  destroy(): void;
}

export const CHANNEL = "parley.embed";

/** The iframe's address: settings in the query, the token in the fragment (never sent to any server, kept out of logs). */
export function embedUrl(options: Pick<EmbedOptions, "serverUrl" | "token" | "conversationId" | "locale" | "theme">): string {
  const base = new URL("/embed", options.serverUrl);
  if (options.locale) base.searchParams.set("locale", options.locale);
  if (options.theme) base.searchParams.set("theme", options.theme);
  if (options.conversationId !== undefined) base.searchParams.set("conversationId", String(options.conversationId));
  return `${base.toString()}#token=${encodeURIComponent(options.token)}`;
}

interface Env {
  document: Pick<Document, "createElement" | "querySelector">;
  window: Pick<Window, "addEventListener" | "removeEventListener">;
}

export function embed(options: EmbedOptions, env: Env = { document, window }): EmbedHandle {
  const host = typeof options.element === "string" ? env.document.querySelector<HTMLElement>(options.element) : options.element;
  if (!host) throw new Error(`Parley.embed: no element ${String(options.element)}`);
  const origin = new URL(options.serverUrl).origin;
  const iframe = env.document.createElement("iframe");
  iframe.src = embedUrl(options);
  iframe.title = options.title ?? "Parley";
  // The frame learns the host page's origin from its referrer where ancestorOrigins is missing (Firefox).
  iframe.referrerPolicy = "origin";
  iframe.allow = "clipboard-write";
  iframe.style.cssText = "width:100%;height:100%;border:0;display:block";
  host.appendChild(iframe);

  const handlers = new Map<EmbedEventType, Set<(e: EmbedEvent) => void>>();
  const emit = (event: EmbedEvent) => handlers.get(event.type)?.forEach((h) => h(event));

  const onMessage = (e: MessageEvent) => {
    if (e.source !== iframe.contentWindow || e.origin !== origin) return;
    const data = e.data as ({ channel?: string } & EmbedEvent) | null;
    if (!data || data.channel !== CHANNEL || typeof data.type !== "string") return;
    const { channel: _channel, ...event } = data;
    emit(event as EmbedEvent);
    if (event.type === "expired" && options.getToken) {
      options.getToken().then(
        (token) => iframe.contentWindow?.postMessage({ channel: CHANNEL, type: "token", token }, origin),
        () => undefined,
      );
    }
  };
  env.window.addEventListener("message", onMessage);

  return {
    iframe,
    on(type, handler) {
      const set = handlers.get(type) ?? new Set();
      set.add(handler as (e: EmbedEvent) => void);
      handlers.set(type, set);
      return () => set.delete(handler as (e: EmbedEvent) => void);
    },
    destroy() {
      env.window.removeEventListener("message", onMessage);
      handlers.clear();
      iframe.remove();
    },
  };
}
