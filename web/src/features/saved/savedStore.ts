// The signed-in user's personal saved state, as this device knows it: composer drafts as the server last said (plus
// what this device saved and is waiting to hear back about), and the ids of saved messages. A small external store
// (read with useSyncExternalStore) kept beside the core rather than in it: core knows no feature.
import type { DraftDto } from "../../api/types";

export interface DraftEntry {
  text: string;
  /** Server time of the change; for an entry this device saved and the server has not confirmed yet, the device's. */
  updatedAt: string;
  /** Saved from this device, not yet confirmed: any answer from the server replaces it. */
  pending?: boolean;
}

export interface SavedSnapshot {
  /** By draftKeyOf(conversationId, threadRootId); no entry = no draft. */
  drafts: Readonly<Record<string, DraftEntry>>;
  bookmarks: ReadonlySet<number>;
  /** Changes whenever a bookmark is added or removed anywhere: the Saved panel reloads on it. */
  bookmarksVersion: number;
}

export const draftKey = (conversationId: number, threadRootId: number | null | undefined) => `${conversationId}:${threadRootId ?? ""}`;

export class SavedStore {
  private snapshot: SavedSnapshot = { drafts: {}, bookmarks: new Set(), bookmarksVersion: 0 };
  private readonly listeners = new Set<() => void>();

  getSnapshot = (): SavedSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * A draft from the server (the start-up list or a draft.changed event). Last writer wins by server time: an older
   * answer (a slow echo of an earlier save) does not replace a newer one, but always replaces this device's own guess.
   * Empty text removes the draft. Returns whether the store changed.
   */
  applyDraft(draft: DraftDto): boolean {
    const key = draftKey(draft.conversationId, draft.threadRootId);
    const current = this.snapshot.drafts[key];
    if (current && !current.pending && Date.parse(current.updatedAt) > Date.parse(draft.updatedAt)) return false;
    if (!current && !draft.text) return false;
    this.setDraft(key, draft.text ? { text: draft.text, updatedAt: draft.updatedAt } : null);
    return true;
  }

  /** The full list at start-up or after a reconnect: drafts missing from it were removed meanwhile (unless saved here since). */
  replaceDrafts(list: DraftDto[]): void {
    const drafts: Record<string, DraftEntry> = {};
    for (const [key, entry] of Object.entries(this.snapshot.drafts)) if (entry.pending) drafts[key] = entry;
    for (const d of list) {
      const key = draftKey(d.conversationId, d.threadRootId);
      if (!drafts[key]) drafts[key] = { text: d.text, updatedAt: d.updatedAt };
    }
    this.update({ ...this.snapshot, drafts });
  }

  /** This device's own change, shown at once (the conversation list's marker) until the server answers. */
  setLocalDraft(key: string, text: string): void {
    this.setDraft(key, text ? { text, updatedAt: new Date().toISOString(), pending: true } : null);
  }

  setBookmarks(ids: Iterable<number>): void {
    this.update({ ...this.snapshot, bookmarks: new Set(ids), bookmarksVersion: this.snapshot.bookmarksVersion + 1 });
  }

  setBookmarked(messageId: number, saved: boolean): void {
    if (this.snapshot.bookmarks.has(messageId) === saved) {
      // A note changed, or another device repeated the save: the panel still reloads.
      this.update({ ...this.snapshot, bookmarksVersion: this.snapshot.bookmarksVersion + 1 });
      return;
    }
    const bookmarks = new Set(this.snapshot.bookmarks);
    if (saved) bookmarks.add(messageId);
    else bookmarks.delete(messageId);
    this.update({ ...this.snapshot, bookmarks, bookmarksVersion: this.snapshot.bookmarksVersion + 1 });
  }

  private setDraft(key: string, entry: DraftEntry | null): void {
    const drafts = { ...this.snapshot.drafts };
    if (entry) drafts[key] = entry;
    else delete drafts[key];
    this.update({ ...this.snapshot, drafts });
  }

  private update(next: SavedSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
