// The running sync engine for the signed-in user (one per session), reachable from feature actions.
import type { SyncEngine } from "../features/sync/syncEngine";

let current: SyncEngine | null = null;

export function setEngine(engine: SyncEngine | null): void {
  current = engine;
}

export function engine(): SyncEngine {
  if (!current) throw new Error("not signed in");
  return current;
}
