// The current hash route (app/route.ts), as a React hook that follows changes.
import { useSyncExternalStore } from "react";
import { parseRoute, type Route } from "./route";

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
