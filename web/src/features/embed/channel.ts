// The embedded frame's side of the SDK's postMessage channel (web/packages/embed). Messages go only to the parent's
// origin as the browser reports it, and only messages from the parent window at that origin are read.
// One definition of the messages for both sides: the SDK's (web/packages/embed).
import { CHANNEL, type EmbedEvent } from "../../../packages/embed/src/index";

export { CHANNEL, type EmbedEvent };

/**
 * The framing page's origin: ancestorOrigins (Chromium, WebKit) names it exactly; otherwise the referrer's origin
 * (the parent's Referrer-Policy decides whether it is sent). Null when not framed or not told. Advisory: the server
 * checks it against the application's origins, but what stops a foreign site framing /embed is frame-ancestors.
 */
export function parentOrigin(win: Window = window, doc: Document = document): string | null {
  if (win.parent === win) return null;
  const ancestors = win.location.ancestorOrigins;
  const first = ancestors?.length ? ancestors[0] : undefined;
  if (first && first !== "null") return first;
  try {
    return doc.referrer ? new URL(doc.referrer).origin : null;
  } catch {
    return null;
  }
}

/** The token from "#token=…" (never sent to a server: the fragment stays in the browser), and the other settings. */
export function readEmbedAddress(location: Pick<Location, "hash" | "search">): { token: string | null; locale: string | null; theme: string | null; conversationId: number | null } {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  const query = new URLSearchParams(location.search);
  const conversation = Number(query.get("conversationId"));
  return {
    token: hash.get("token"),
    locale: query.get("locale"),
    theme: query.get("theme"),
    conversationId: Number.isInteger(conversation) && conversation > 0 ? conversation : null,
  };
}

/** `name`: the channel's name in each message (the embed SDK's, or the customer-service widget's). */
export class ParentChannel<E extends { type: string } = EmbedEvent> {
  constructor(
    readonly origin: string | null,
    private readonly win: Window = window,
    private readonly name: string = CHANNEL,
  ) {}

  post(event: E): void {
    if (this.origin) this.win.parent.postMessage({ channel: this.name, ...event }, this.origin);
  }

  /** A fresh token from the host page (its getToken callback) after the session expired. Returns the unsubscription. */
  onToken(handler: (token: string) => void): () => void {
    const listener = (e: MessageEvent) => {
      if (!this.origin || e.source !== this.win.parent || e.origin !== this.origin) return;
      const data = e.data as { channel?: string; type?: string; token?: unknown } | null;
      if (data?.channel === this.name && data.type === "token" && typeof data.token === "string") handler(data.token);
    };
    this.win.addEventListener("message", listener);
    return () => this.win.removeEventListener("message", listener);
  }
}
