// One SavedStore and DraftSync per signed-in session, found from its Core (a WeakMap: the core stays feature-free).
// startSaved loads drafts and saved ids beside what the core loads at start-up (in parallel, no extra round trip in
// sequence) and again after each reconnect, when changes made elsewhere may have been missed.
import { useSyncExternalStore } from "react";
import { useCore, type Core } from "../../core";
import { DraftSync } from "./draftSync";
import { loadBookmarkIds, loadDrafts, saveDraft } from "./savedActions";
import { SavedStore, type SavedSnapshot } from "./savedStore";

export interface SavedSession {
  store: SavedStore;
  drafts: DraftSync;
}

const sessions = new WeakMap<Core, SavedSession>();

export function savedOf(core: Core): SavedSession {
  let session = sessions.get(core);
  if (!session) {
    const store = new SavedStore();
    session = { store, drafts: new DraftSync(store, { save: saveDraft }) };
    sessions.set(core, session);
  }
  return session;
}

/** Call with core.start(); returns the stop. */
export function startSaved(core: Core): () => void {
  const session = savedOf(core);
  const load = () => {
    loadDrafts(session.store).catch(() => undefined);
    loadBookmarkIds(session.store).catch(() => undefined);
  };
  // At start the drafts (the list's [Draft] markers, prefetched) load at once; the saved ids, shown on hover only,
  // after the first screen (core/firstScreen.ts).
  let stopped = false;
  loadDrafts(session.store).catch(() => undefined);
  core.firstScreen.then(() => {
    if (!stopped) loadBookmarkIds(session.store).catch(() => undefined);
  });
  let wasConnected = core.store.getState().connection === "connected";
  let connectedOnce = wasConnected;
  const unsubscribe = core.store.subscribe(() => {
    const connected = core.store.getState().connection === "connected";
    // The first connection is start-up, loaded above; a later one is a reconnect: save what waited, then hear what
    // changed elsewhere meanwhile.
    if (connected && !wasConnected && connectedOnce) void session.drafts.flushAll().finally(load);
    if (connected) connectedOnce = true;
    wasConnected = connected;
  });
  const onHide = () => void session.drafts.flushAll(true);
  window.addEventListener("pagehide", onHide);
  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener("pagehide", onHide);
    void session.drafts.flushAll(true);
  };
}

export function useSaved<T>(select: (s: SavedSnapshot) => T): T {
  const { store } = savedOf(useCore());
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
