// Customer-service events for this user (service.offered, service.updated): the workspace reloads its lists when
// one arrives. Registered with the other features' handlers (app/features.ts).
import type { EventRegistry } from "../../core";

type Listener = (type: string) => void;
const listeners = new Set<Listener>();

/** Calls `listener` on each live service event; returns the unsubscription. */
export function onServiceEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function registerServiceEvents(events: EventRegistry): void {
  for (const type of ["service.offered", "service.updated"]) {
    events.registerEventHandler(type, (event) => listeners.forEach((l) => l(event.type)));
  }
}
