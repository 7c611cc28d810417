// A signed-in reload (issue 22): ask for what the first screen shows while the chat chunk loads, not after it. The
// URLs are exactly those the core asks for first (CatchUp: the list; Timelines: the open conversation's latest page),
// so those calls take these answers (api/prefetch.ts). The chat chunk itself starts loading here too (after the
// first paint, when there is one).
import { prefetch } from "../api/prefetch";
import { API_BASE } from "../api/http";
import { PAGE_SIZE } from "../core/sync/pageSize";
import { loadSession } from "../features/auth/session";
import { paintFirstScreen } from "./firstPaint";
import { parseRoute } from "./route";

/**
 * Starts the first screen's requests. Returns a promise that settles once the conversation in the address has been
 * painted from them (or will not be), when the boot entry paints one; nothing otherwise.
 */
export function startupPrefetch(): Promise<unknown> | undefined {
  const session = loadSession();
  if (!session || session.user.requires) return undefined;
  const list = prefetch(`${API_BASE}/conversations`, session.token);
  // The list's [Draft] markers (features/saved asks for exactly this URL at start).
  prefetch(`${API_BASE}/drafts`, session.token);
  const route = parseRoute(window.location.hash);
  let painted: Promise<unknown> | undefined;
  if (route.name === "conversation") {
    const page = prefetch(`${API_BASE}/conversations/${route.id}/messages?limit=${PAGE_SIZE}`, session.token);
    // Its newest messages are painted as soon as they are in, before React (app/firstPaint.ts).
    if (route.messageId === null) painted = paintFirstScreen({ conversationId: route.id, meId: session.user.id, pageSize: PAGE_SIZE, list, page });
  }
  // The chat chunk, and the Markdown renderer that is not among its imports (messages/MessageBody.tsx): fetched beside
  // React rather than after it, and after the first paint when there is one.
  const chunks = () => {
    void import("./ChatSession").catch(() => undefined);
    void import("../features/messages/markdown").catch(() => undefined);
  };
  if (painted) void painted.then(chunks, chunks);
  else chunks();
  return painted;
}
