// Drafts typed here reach the server (and so the user's other devices) about a second after typing stops, at once when
// the composer goes away (conversation switch, page unload), and never after the message was sent. What arrives from
// other devices is applied to a composer only while the user is not typing in it (see canApplyRemote).
import type { DraftDto } from "../../api/types";
import { draftKey, type SavedStore } from "./savedStore";

export const DRAFT_DEBOUNCE_MS = 1000;

export interface DraftApi {
  save: (conversationId: number, threadRootId: number | null, text: string, keepalive: boolean) => Promise<DraftDto | void>;
}

interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const browserTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

interface Edit {
  conversationId: number;
  threadRootId: number | null;
  text: string;
  timer: unknown;
}

export class DraftSync {
  /** Composers with changes the server has not acknowledged yet, by draft key. */
  private readonly dirty = new Map<string, Edit>();
  /** Sends per draft key, to tell a save that was overtaken by sending the message. */
  private readonly sends = new Map<string, number>();

  constructor(
    private readonly store: SavedStore,
    private readonly api: DraftApi,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** What a composer opening for this key should show: its unsaved text here, else the draft the server keeps. */
  textFor(conversationId: number, threadRootId: number | null): string {
    const key = draftKey(conversationId, threadRootId);
    return this.dirty.get(key)?.text ?? this.store.getSnapshot().drafts[key]?.text ?? "";
  }

  isDirty(key: string): boolean {
    return this.dirty.has(key);
  }

  /** The user typed: save after a pause. */
  edit(conversationId: number, threadRootId: number | null, text: string): void {
    const key = draftKey(conversationId, threadRootId);
    const previous = this.dirty.get(key);
    if (previous) this.timers.clear(previous.timer);
    const timer = this.timers.set(() => void this.save(key, false), DRAFT_DEBOUNCE_MS);
    this.dirty.set(key, { conversationId, threadRootId, text, timer });
  }

  /** Save now what is waiting (the composer is going away); keepalive lets the request outlive an unloading page. */
  flush(conversationId: number, threadRootId: number | null, keepalive = false): Promise<void> {
    return this.save(draftKey(conversationId, threadRootId), keepalive);
  }

  flushAll(keepalive = false): Promise<void> {
    return Promise.all([...this.dirty.keys()].map((key) => this.save(key, keepalive))).then(() => undefined);
  }

  /** The message was sent from this composer: the server removed the draft with it; nothing is left to save. */
  sent(conversationId: number, threadRootId: number | null): void {
    const key = draftKey(conversationId, threadRootId);
    const edit = this.dirty.get(key);
    if (edit) this.timers.clear(edit.timer);
    this.dirty.delete(key);
    this.sends.set(key, (this.sends.get(key) ?? 0) + 1);
    this.store.setLocalDraft(key, "");
  }

  private async save(key: string, keepalive: boolean): Promise<void> {
    const edit = this.dirty.get(key);
    if (!edit) return;
    this.timers.clear(edit.timer);
    this.store.setLocalDraft(key, edit.text.trim() ? edit.text : "");
    const sends = this.sends.get(key) ?? 0;
    try {
      const saved = await this.api.save(edit.conversationId, edit.threadRootId, edit.text, keepalive);
      if ((this.sends.get(key) ?? 0) !== sends) {
        // The message was sent while this save was on its way; the send may have reached the server first (over the
        // hub), so this save may have brought the draft back there: remove it again, and show nothing of it here.
        if (edit.text.trim()) void this.api.save(edit.conversationId, edit.threadRootId, "", false).catch(() => undefined);
        return;
      }
      if (saved) this.store.applyDraft(saved);
      // Typed on meanwhile: that text is still to be saved (its own timer runs).
      if (this.dirty.get(key) === edit) this.dirty.delete(key);
    } catch {
      // Offline or refused: the text stays here (and dirty); the next edit, switch or reconnect tries again.
    }
  }
}

/**
 * Whether a draft that arrived from another device may replace what a composer shows: not while the user has unsaved
 * changes in it, and not while it has the focus with something typed (the user is at it right now).
 */
export function canApplyRemote(composer: { dirty: boolean; focused: boolean; text: string }): boolean {
  return !composer.dirty && (!composer.focused || composer.text === "");
}
