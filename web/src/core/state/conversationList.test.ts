import { describe, expect, it } from "vitest";
import { applySync, applyToConversation, markReadLocally, sortByActivity } from "./conversationList";
import { conversation, created, event, message } from "./fixtures";

const ME = 9;

describe("conversationList", () => {
  it("newMessageFromOther_CountsUnreadAndMention", () => {
    const conv = conversation(1, { lastSeq: 4, readSeq: 4 });
    const next = applyToConversation(conv, created(message(5, 5, { mentions: [ME] })), ME, false);
    expect(next.lastSeq).toBe(5);
    expect(next.unreadCount).toBe(1);
    expect(next.mentionCount).toBe(1);
  });

  it("newMessage_WhileViewing_NotCountedAndLeftForMarkReadToReport", () => {
    const conv = conversation(1, { lastSeq: 4, readSeq: 4 });
    const next = applyToConversation(conv, created(message(5, 5)), ME, true);
    expect(next.unreadCount).toBe(0);
    // If the list moved readSeq itself, markRead would find lastSeq <= readSeq and never tell the server.
    expect(next.readSeq, "readSeq moves only through markRead, which reports it").toBe(4);
    expect(next.lastSeq).toBe(5);
  });

  it("sameEventTwice_CountsOnce", () => {
    const conv = conversation(1, { lastSeq: 4, readSeq: 4 });
    const e = created(message(5, 5));
    const once = applyToConversation(conv, e, ME, false);
    expect(applyToConversation(once, e, ME, false)).toBe(once);
  });

  it("myOwnMessage_AdvancesReadSeq", () => {
    const conv = conversation(1, { lastSeq: 4, readSeq: 2, unreadCount: 2 });
    const next = applyToConversation(conv, created(message(5, 5, { senderId: ME })), ME, false);
    expect(next.readSeq).toBe(5);
    expect(next.unreadCount).toBe(0);
  });

  it("receiptFromMyOtherDevice_ClearsUnread", () => {
    const conv = conversation(1, { lastSeq: 6, readSeq: 2, unreadCount: 4, mentionCount: 1 });
    const next = applyToConversation(conv, event("receipt", null, { userId: ME, readSeq: 6 }), ME, false);
    expect(next.unreadCount).toBe(0);
    expect(next.mentionCount).toBe(0);
  });

  it("conversationUpdated_CopiesKnownFieldsOnly", () => {
    const conv = conversation(1, { lastSeq: 1 });
    const next = applyToConversation(conv, event("conversation.updated", 2, { name: "Renamed", unreadCount: 99 }), ME, false);
    expect(next.name).toBe("Renamed");
    expect(next.unreadCount).toBe(0);
  });

  it("markReadLocally_PartialRead_KeepsCounts", () => {
    const conv = conversation(1, { lastSeq: 10, readSeq: 2, unreadCount: 8 });
    expect(markReadLocally(conv, 10).unreadCount).toBe(0);
    expect(markReadLocally(conv, 5).unreadCount).toBe(8);
  });

  it("applySync_ReplacesChangedAndDropsRemoved", () => {
    const map = { 1: conversation(1), 2: conversation(2) };
    const next = applySync(map, [conversation(2, { name: "new" }), conversation(3)], [1]);
    expect(Object.keys(next).map(Number).sort()).toEqual([2, 3]);
    expect(next[2]?.name).toBe("new");
  });

  it("sortByActivity_NewestFirst", () => {
    const sorted = sortByActivity([
      conversation(1, { lastActivityAt: "2026-01-01T09:00:00Z" }),
      conversation(2, { lastActivityAt: "2026-01-02T09:00:00Z" }),
      conversation(3, { lastActivityAt: "2026-01-01T12:00:00Z" }),
    ]);
    expect(sorted.map((c) => c.id)).toEqual([2, 3, 1]);
  });
});
