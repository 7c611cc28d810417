// A signed-in reload (issue 22): ask for what the first screen shows while the chat chunk loads, not after it. The
// URLs are exactly those the core asks for first (CatchUp: the list; Timelines: the open conversation's latest page),
// so those calls take these answers (api/prefetch.ts). The chat chunk itself starts loading here too.
import { prefetch } from "../api/prefetch";
import { API_BASE } from "../api/http";
import { PAGE_SIZE } from "../core/sync/pageSize";
import { loadSession } from "../features/auth/session";
import { paintFirstScreen } from "./firstPaint";
import { parseRoute } from "./route";

export function startupPrefetch(): void {
  const session = loadSession();
  if (!session || session.user.requires) return;
  void import("./ChatSession").catch(() => undefined);
  // The Markdown renderer is not among the chat chunk's imports (messages/MessageBody.tsx): fetched beside it, not after.
  void import("../features/messages/markdown").catch(() => undefined);
  const list = prefetch(`${API_BASE}/conversations`, session.token);
  // The list's [Draft] markers (features/saved asks for exactly this URL at start).
  prefetch(`${API_BASE}/drafts`, session.token);
  const route = parseRoute(window.location.hash);
  if (route.name !== "conversation") return;
  const page = prefetch(`${API_BASE}/conversations/${route.id}/messages?limit=${PAGE_SIZE}`, session.token);
  // Its newest messages are painted as soon as they are in, before React (app/firstPaint.ts).
  if (route.messageId === null) paintFirstScreen({ conversationId: route.id, meId: session.user.id, pageSize: PAGE_SIZE, list, page });
}
