// Start-up prefetch (issue 22): a signed-in reload asks for the conversation list and the open conversation's latest
// page as the entry script runs, instead of after React has rendered, the chat chunk has loaded and the core has
// started. The core's first identical GET takes the answer (once); an answer nobody takes within a few seconds is
// dropped, and a failed one is simply asked again by the caller.
const KEEP_MS = 10_000;

interface Early {
  token: string;
  response: Promise<Response | null>;
  at: number;
}

const early = new Map<string, Early>();

/** Starts a GET of `url` (as the API client builds it: /api/v1/…?query) with this bearer token; returns the answer. */
export function prefetch(url: string, token: string, now = Date.now()): Promise<Response | null> {
  const response = fetch(url, { headers: { Accept: "application/json", Authorization: `Bearer ${token}` } }).catch(() => null);
  early.set(url, { token, response, at: now });
  return response;
}

/** The prefetched answer for this URL and token, once; null when there is none (or it is too old to trust). */
export function takePrefetched(url: string, token: string | null, now = Date.now()): Promise<Response | null> | null {
  const entry = early.get(url);
  if (!entry) return null;
  early.delete(url);
  if (entry.token !== token || now - entry.at > KEEP_MS) return null;
  return entry.response;
}
