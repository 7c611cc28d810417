import { describe, expect, it, vi } from "vitest";
import type { DraftDto } from "../../api/types";
import { canApplyRemote, DRAFT_DEBOUNCE_MS, DraftSync } from "./draftSync";
import { SavedStore } from "./savedStore";

function setup(answer: (text: string) => Promise<DraftDto | void> = (text) => Promise.resolve(dto(1, null, text, "2026-12-06T10:00:00Z"))) {
  const store = new SavedStore();
  const calls: { text: string; keepalive: boolean }[] = [];
  const timers = new Map<number, () => void>();
  let next = 0;
  const sync = new DraftSync(
    store,
    { save: (_c, _t, text, keepalive) => (calls.push({ text, keepalive }), answer(text)) },
    { set: (fn) => (timers.set(++next, fn), next), clear: (h) => timers.delete(h as number) },
  );
  const tick = () => {
    const due = [...timers.values()];
    timers.clear();
    for (const fn of due) fn();
  };
  return { store, sync, calls, tick, timers };
}

const dto = (conversationId: number, threadRootId: number | null, text: string, updatedAt: string): DraftDto => ({ conversationId, threadRootId, text, updatedAt });

describe("DraftSync", () => {
  it("saves once after typing pauses, with the last text", async () => {
    const { sync, calls, tick, timers } = setup();
    sync.edit(1, null, "h");
    sync.edit(1, null, "he");
    sync.edit(1, null, "hello");
    expect(timers.size).toBe(1);
    expect(calls).toEqual([]);
    tick();
    await vi.waitFor(() => expect(calls).toEqual([{ text: "hello", keepalive: false }]));
    await vi.waitFor(() => expect(sync.isDirty("1:")).toBe(false));
    expect(DRAFT_DEBOUNCE_MS).toBe(1000);
  });

  it("flushes at once (keepalive on unload) and not again afterwards", async () => {
    const { sync, calls, tick } = setup();
    sync.edit(1, null, "leaving");
    await sync.flushAll(true);
    expect(calls).toEqual([{ text: "leaving", keepalive: true }]);
    tick();
    await sync.flushAll();
    expect(calls).toHaveLength(1);
  });

  it("shows the local text in the store at once, then the server's answer", async () => {
    const { sync, store } = setup();
    sync.edit(1, null, "draft");
    const saving = sync.flush(1, null);
    expect(store.getSnapshot().drafts["1:"]).toMatchObject({ text: "draft", pending: true });
    await saving;
    expect(store.getSnapshot().drafts["1:"]).toEqual({ text: "draft", updatedAt: "2026-12-06T10:00:00Z" });
  });

  it("sending cancels the pending save and clears the draft", () => {
    const { sync, store, calls, tick } = setup();
    store.applyDraft(dto(1, 7, "reply", "2026-12-06T09:00:00Z"));
    sync.edit(1, 7, "reply, edited");
    sync.sent(1, 7);
    tick();
    expect(calls).toEqual([]);
    expect(store.getSnapshot().drafts["1:7"]).toBeUndefined();
    expect(sync.textFor(1, 7)).toBe("");
  });

  it("a save overtaken by sending is not shown again, and removed on the server", async () => {
    let release: (value: DraftDto) => void = () => undefined;
    const { sync, store, calls } = setup((text) => (text ? new Promise<DraftDto>((r) => (release = r)) : Promise.resolve(dto(1, null, "", "2026-12-06T10:00:05Z"))));
    sync.edit(1, null, "on its way");
    const saving = sync.flush(1, null);
    sync.sent(1, null);
    release(dto(1, null, "on its way", "2026-12-06T10:00:01Z"));
    await saving;
    expect(store.getSnapshot().drafts["1:"]).toBeUndefined();
    expect(calls.map((c) => c.text)).toEqual(["on its way", ""]);
  });

  it("keeps the text dirty when the save fails, and tries again on the next flush", async () => {
    let fail = true;
    const { sync, calls } = setup((text) => (fail ? Promise.reject(new Error("offline")) : Promise.resolve(dto(1, null, text, "2026-12-06T10:00:00Z"))));
    sync.edit(1, null, "offline words");
    await sync.flushAll();
    expect(sync.isDirty("1:")).toBe(true);
    expect(sync.textFor(1, null)).toBe("offline words");
    fail = false;
    await sync.flushAll();
    expect(calls.map((c) => c.text)).toEqual(["offline words", "offline words"]);
    expect(sync.isDirty("1:")).toBe(false);
  });

  it("a composer opening shows unsaved local text before the server's draft", () => {
    const { sync, store } = setup();
    store.applyDraft(dto(2, null, "from the phone", "2026-12-06T09:00:00Z"));
    expect(sync.textFor(2, null)).toBe("from the phone");
    sync.edit(2, null, "typed here");
    expect(sync.textFor(2, null)).toBe("typed here");
  });
});

describe("SavedStore drafts", () => {
  it("last writer wins by server time; an older echo does not win", () => {
    const store = new SavedStore();
    expect(store.applyDraft(dto(1, null, "new", "2026-12-06T10:00:02Z"))).toBe(true);
    expect(store.applyDraft(dto(1, null, "old", "2026-12-06T10:00:01Z"))).toBe(false);
    expect(store.getSnapshot().drafts["1:"]?.text).toBe("new");
    expect(store.applyDraft(dto(1, null, "", "2026-12-06T10:00:03Z"))).toBe(true);
    expect(store.getSnapshot().drafts["1:"]).toBeUndefined();
  });

  it("the full list replaces what is known, keeping unconfirmed local saves", () => {
    const store = new SavedStore();
    store.applyDraft(dto(1, null, "removed elsewhere", "2026-12-06T10:00:00Z"));
    store.setLocalDraft("3:", "typed here");
    store.replaceDrafts([dto(2, 5, "thread", "2026-12-06T10:00:00Z"), dto(3, null, "older server copy", "2026-12-06T09:00:00Z")]);
    const drafts = store.getSnapshot().drafts;
    expect(Object.keys(drafts).sort()).toEqual(["2:5", "3:"]);
    expect(drafts["3:"]?.text).toBe("typed here");
  });

  it("bookmark changes move the version the Saved panel reloads on", () => {
    const store = new SavedStore();
    store.setBookmarks([1, 2]);
    const v = store.getSnapshot().bookmarksVersion;
    store.setBookmarked(3, true);
    store.setBookmarked(1, false);
    expect([...store.getSnapshot().bookmarks].sort()).toEqual([2, 3]);
    expect(store.getSnapshot().bookmarksVersion).toBe(v + 2);
  });
});

describe("canApplyRemote", () => {
  it("never while the user has unsaved changes or is typing in the focused box", () => {
    expect(canApplyRemote({ dirty: true, focused: false, text: "x" })).toBe(false);
    expect(canApplyRemote({ dirty: false, focused: true, text: "typing" })).toBe(false);
    expect(canApplyRemote({ dirty: false, focused: true, text: "" })).toBe(true);
    expect(canApplyRemote({ dirty: false, focused: false, text: "old" })).toBe(true);
  });
});
