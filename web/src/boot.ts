// The first script the page runs (issue 22): a second, tiny entry that the build makes the page's only script at parse
// time (scripts/boot-entry.ts). It starts the signed-in first screen's requests (the chat chunk and its first API
// answers, app/startupPrefetch.ts), then lets the main entry (React) in: at once, or after the first paint of a
// conversation opened from its URL (app/firstPaint.ts).
import { releaseMainEntry } from "./app/deferredEntry";
import { startupPrefetch } from "./app/startupPrefetch";

let painting: Promise<unknown> | undefined;
try {
  // Not in an embedded frame (/embed) nor on the visitor page (/visitor/<id>): they sign in with their own token, never
  // the stored session.
  if (!/^\/(?:embed\/?|visitor\/[^/]+\/?)$/.test(window.location.pathname)) painting = startupPrefetch();
} finally {
  // Whatever happened above, the client itself must load.
  releaseMainEntry(painting);
}
