// Hash routes keep the shell a single static page (and cacheable by the service worker):
// #/c/<id>[/m/<messageId>]   #/search?q=…   #/admin/<section>   #/directory   #/service[/mine|/supervisor|/c/<id>]   #/ (home)
// No React here: the boot entry parses the route too (app/startupPrefetch.ts), and must not wait for React's chunk.
// The hook is app/useRoute.ts.

export type Route =
  | { name: "home" }
  | { name: "conversation"; id: number; messageId: number | null }
  | { name: "search"; query: string }
  | { name: "planner"; share: string | null }
  /** The admin console; section is null for its first visible section (see features/admin/sections.ts). */
  | { name: "admin"; section: string | null }
  | { name: "directory" }
  /** The customer-service workspace (features/service): a tab, or one service conversation with its side panel. */
  | { name: "service"; tab: ServiceTab; conversationId: number | null };

export type ServiceTab = "waiting" | "mine" | "supervisor";

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "");
  const conv = /^\/c\/(\d+)(?:\/m\/(\d+))?$/.exec(path);
  if (conv) return { name: "conversation", id: Number(conv[1]), messageId: conv[2] ? Number(conv[2]) : null };
  if (path.startsWith("/search")) {
    const query = new URLSearchParams(path.split("?")[1] ?? "").get("q") ?? "";
    return { name: "search", query };
  }
  const admin = /^\/admin(?:\/([a-z0-9-]+))?\/?$/.exec(path);
  if (admin) return { name: "admin", section: admin[1] ?? null };
  if (path === "/directory") return { name: "directory" };
  const service = /^\/service(?:\/(mine|supervisor)|\/c\/(\d+))?\/?$/.exec(path);
  if (service) {
    const tab = (service[1] as ServiceTab | undefined) ?? (service[2] ? "mine" : "waiting");
    return { name: "service", tab, conversationId: service[2] ? Number(service[2]) : null };
  }
  if (path === "/planner" || path.startsWith("/planner?")) return { name: "planner", share: new URLSearchParams(path.split("?")[1] ?? "").get("s") };
  return { name: "home" };
}

export function navigate(to: string): void {
  if (window.location.hash !== `#${to}`) window.location.hash = to;
}

export const conversationPath = (id: number, messageId?: number) => (messageId ? `/c/${id}/m/${messageId}` : `/c/${id}`);
export const adminPath = (section?: string) => (section ? `/admin/${section}` : "/admin");
export const servicePath = (to?: ServiceTab | number) =>
  to === undefined || to === "waiting" ? "/service" : typeof to === "number" ? `/service/c/${to}` : `/service/${to}`;
export const searchPath = (query: string) => `/search?q=${encodeURIComponent(query)}`;
