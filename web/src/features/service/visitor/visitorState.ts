// The visitor page's pure parts: its address, the guest session kept per widget, and what each service state shows.
import type { ServiceState, VisitorStateDto } from "../../../api/types";
import { normalizeLang, validWidgetId, type WidgetLang } from "../../../../packages/widget/src/protocol";

export interface VisitorAddress {
  widgetId: string | null;
  page: string | null;
  referrer: string | null;
  lang: WidgetLang;
}

/** /visitor/<id>?page=&referrer=&lang= (set by the widget script; lang falls back to the browser's). */
export function readVisitorAddress(location: Pick<Location, "pathname" | "search">, browserLanguage: string | undefined): VisitorAddress {
  const match = /^\/visitor\/([^/]+)\/?$/.exec(location.pathname);
  const query = new URLSearchParams(location.search);
  const text = (name: string) => query.get(name)?.slice(0, 2000) || null;
  return {
    widgetId: validWidgetId(match ? decodeURIComponent(match[1]!) : null),
    page: text("page"),
    referrer: text("referrer"),
    lang: normalizeLang(query.get("lang") ?? browserLanguage),
  };
}

/** What the page keeps so a reload continues the same conversation (in this frame's storage, one entry per widget). */
export interface VisitorSession {
  token: string;
  conversationId: number;
  userId: number;
  expiresAt: string;
}

/** Guest tokens live 30 days on the server; the page forgets its copy a day earlier. */
export const VISITOR_SESSION_DAYS = 29;
const key = (widgetId: string) => `parley.visitor.${widgetId}`;
type KeyValue = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The frame's storage for its session: its own localStorage when the browser allows it; otherwise (a third-party
 * frame in Safari or a private window) memory seeded from the "#s=" fragment the widget script put in the address,
 * and each change handed to the script (`keep`), which keeps it in the host page's storage for the next page.
 */
export function visitorStorage(own: () => KeyValue, hash: string, keep: (value: string | null) => void): KeyValue {
  try {
    const storage = own();
    storage.setItem("parley.visitor.probe", "1");
    storage.removeItem("parley.visitor.probe");
    return storage;
  } catch {
    const kept = new URLSearchParams(hash.replace(/^#/, "")).get("s");
    let value: string | null = kept;
    return {
      getItem: (k) => (k.startsWith("parley.visitor.") ? value : null),
      setItem: (k, v) => {
        if (!k.startsWith("parley.visitor.")) return;
        value = v;
        keep(v);
      },
      removeItem: (k) => {
        if (!k.startsWith("parley.visitor.")) return;
        value = null;
        keep(null);
      },
    };
  }
}

export function loadVisitorSession(storage: KeyValue, widgetId: string, now = Date.now()): VisitorSession | null {
  try {
    const value = JSON.parse(storage.getItem(key(widgetId)) ?? "null") as Partial<VisitorSession> | null;
    if (!value || typeof value.token !== "string" || typeof value.conversationId !== "number" || typeof value.expiresAt !== "string") return null;
    if (!(Date.parse(value.expiresAt) > now)) return null;
    return value as VisitorSession;
  } catch {
    return null;
  }
}

export function saveVisitorSession(storage: KeyValue, widgetId: string, session: Omit<VisitorSession, "expiresAt">, now = Date.now()): VisitorSession {
  const stored = { ...session, expiresAt: new Date(now + VISITOR_SESSION_DAYS * 86_400_000).toISOString() };
  try {
    storage.setItem(key(widgetId), JSON.stringify(stored));
  } catch {
    // Storage refused (a partitioned or blocked third-party frame): the conversation lasts as long as the page.
  }
  return stored;
}

export function forgetVisitorSession(storage: KeyValue, widgetId: string): void {
  try {
    storage.removeItem(key(widgetId));
  } catch {
    // As above.
  }
}

/** The status line and the actions the page offers in each service state. */
export interface VisitorView {
  /** i18n key of the status line (null: none). */
  line: string | null;
  agentName: string | null;
  /** "Talk to a human" while the bot answers. */
  handoff: boolean;
  /** The rating form: after close, until rated. */
  rating: boolean;
  /** Rated already: a thank-you instead of the form. */
  thanks: boolean;
  /** The composer stays usable; after close the visitor may still write (a new question reopens the queue). */
  closed: boolean;
}

export function visitorView(state: Pick<VisitorStateDto, "state" | "rated" | "agentName"> | null): VisitorView {
  const view: VisitorView = { line: null, agentName: null, handoff: false, rating: false, thanks: false, closed: false };
  if (!state) return view;
  const lines: Record<ServiceState, string> = {
    bot: "service.visitor.stateBot",
    waiting: "service.visitor.stateWaiting",
    assigned: state.agentName ? "service.visitor.stateAssigned" : "service.visitor.stateAssignedNoName",
    closed: "service.visitor.stateClosed",
  };
  view.line = lines[state.state] ?? null;
  view.agentName = state.state === "assigned" ? state.agentName : null;
  view.handoff = state.state === "bot";
  view.closed = state.state === "closed";
  view.rating = view.closed && !state.rated;
  view.thanks = view.closed && state.rated;
  return view;
}
