import { describe, expect, it } from "vitest";
import { applyLoggedEvent, changeReaction, emptyTimeline, initTimeline, prependOlder } from "./timeline";
import { created, event, message } from "./fixtures";

const loaded = () => initTimeline(emptyTimeline, [message(1, 1), message(2, 2)], true);

describe("timeline", () => {
  it("initTimeline_SetsAppliedSeqToNewestMessage", () => {
    expect(loaded().appliedSeq).toBe(2);
    expect(loaded().messages.map((m) => m.id)).toEqual([1, 2]);
  });

  it("applyLoggedEvent_NextSeq_AppendsMessage", () => {
    const { timeline, gap } = applyLoggedEvent(loaded(), created(message(3, 3)));
    expect(timeline.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(timeline.appliedSeq).toBe(3);
    expect(gap).toBe(false);
  });

  it("applyLoggedEvent_DuplicateSeq_IsDropped", () => {
    const once = applyLoggedEvent(loaded(), created(message(3, 3))).timeline;
    const twice = applyLoggedEvent(once, created(message(3, 3))).timeline;
    expect(twice).toBe(once);
    expect(twice.messages.filter((m) => m.id === 3)).toHaveLength(1);
  });

  it("applyLoggedEvent_AheadOfGap_BuffersAndReportsGap_ThenDrainsInOrder", () => {
    const first = applyLoggedEvent(loaded(), created(message(5, 5)));
    expect(first.gap).toBe(true);
    expect(first.timeline.messages.map((m) => m.id)).toEqual([1, 2]);
    const second = applyLoggedEvent(first.timeline, created(message(4, 4)));
    expect(second.gap).toBe(true);
    const third = applyLoggedEvent(second.timeline, created(message(3, 3)));
    expect(third.gap).toBe(false);
    expect(third.timeline.appliedSeq).toBe(5);
    expect(third.timeline.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(third.timeline.buffer).toEqual([]);
  });

  it("applyLoggedEvent_BeforeFirstPage_BuffersUntilInit", () => {
    const early = applyLoggedEvent(emptyTimeline, created(message(3, 3)));
    expect(early.gap).toBe(false);
    expect(early.timeline.messages).toEqual([]);
    const ready = initTimeline(early.timeline, [message(1, 1), message(2, 2)], false);
    expect(ready.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(ready.appliedSeq).toBe(3);
  });

  it("initTimeline_DropsBufferedEventsAlreadyInThePage", () => {
    const early = applyLoggedEvent(emptyTimeline, created(message(2, 2))).timeline;
    const ready = initTimeline(early, [message(1, 1), message(2, 2)], false);
    expect(ready.buffer).toEqual([]);
    expect(ready.messages).toHaveLength(2);
  });

  it("edit_ReplacesMessageInPlace", () => {
    const edited = message(2, 2, { text: "changed", editedAt: "2026-01-01T10:06:00Z" });
    const { timeline } = applyLoggedEvent(loaded(), event("message.edited", 3, edited));
    expect(timeline.messages[1]?.text).toBe("changed");
    expect(timeline.appliedSeq).toBe(3);
  });

  it("urgent_ReplacesTheCounts", () => {
    const acked = message(2, 2, { urgent: { targets: 2, acknowledged: 1 } });
    const { timeline } = applyLoggedEvent(loaded(), event("message.urgent", 3, acked));
    expect(timeline.messages[1]?.urgent).toEqual({ targets: 2, acknowledged: 1 });
  });

  it("recall_OfMessageOutsideWindow_AdvancesSeqWithoutInserting", () => {
    const recalled = message(99, 0, { recalledAt: "2026-01-01T10:06:00Z", text: "" });
    const { timeline } = applyLoggedEvent(loaded(), event("message.recalled", 3, recalled));
    expect(timeline.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(timeline.appliedSeq).toBe(3);
  });

  it("threadReply_IncrementsRootReplyCountOnce", () => {
    const reply = message(3, 3, { threadRootId: 1 });
    const once = applyLoggedEvent(loaded(), created(reply)).timeline;
    expect(once.messages[0]?.replyCount).toBe(1);
    const again = applyLoggedEvent(once, created(reply)).timeline;
    expect(again.messages[0]?.replyCount).toBe(1);
  });

  it("prependOlder_MergesAndKeepsSeqOrder", () => {
    const older = prependOlder(loaded(), [message(-1, -1), message(0, 0)], false);
    expect(older.messages.map((m) => m.seq)).toEqual([-1, 0, 1, 2]);
    expect(older.hasOlder).toBe(false);
  });
});

describe("poll.updated", () => {
  const poll = (voters: number) => ({
    id: 7, messageId: 1, kind: "poll" as const, question: "Q", multiple: false, anonymous: false, createdBy: 2, closesAt: null, closedAt: null, voters,
    options: [{ id: 1, text: "A", count: voters, voterIds: [] }], entries: [],
  });

  it("replacesTheMessagesPoll_AndLeavesAnErasedMessageAlone", () => {
    const t = initTimeline(emptyTimeline, [message(1, 1, { poll: poll(0) }), message(2, 2, { deletedAt: "2026-01-01T00:00:00Z" })], true);
    const voted = applyLoggedEvent(t, event("poll.updated", 3, { messageId: 1, poll: poll(1) })).timeline;
    expect(voted.messages[0]?.poll?.voters).toBe(1);
    expect(voted.appliedSeq).toBe(3);
    const ignored = applyLoggedEvent(voted, event("poll.updated", 4, { messageId: 2, poll: poll(1) })).timeline;
    expect(ignored.messages[1]?.poll).toBeUndefined();
  });
});

describe("changeReaction", () => {
  it("add_IsIdempotentPerUser", () => {
    const one = changeReaction([], { messageId: 1, emoji: "👍", userId: 7 }, true);
    const two = changeReaction(one, { messageId: 1, emoji: "👍", userId: 7 }, true);
    expect(two).toEqual([{ emoji: "👍", count: 1, userIds: [7] }]);
  });

  it("remove_LastUser_DropsTheReaction", () => {
    const one = changeReaction([], { messageId: 1, emoji: "👍", userId: 7 }, true);
    const withOther = changeReaction(one, { messageId: 1, emoji: "👍", userId: 8 }, true);
    expect(changeReaction(withOther, { messageId: 1, emoji: "👍", userId: 7 }, false)).toEqual([{ emoji: "👍", count: 1, userIds: [8] }]);
    expect(changeReaction(one, { messageId: 1, emoji: "👍", userId: 7 }, false)).toEqual([]);
  });
});

describe("initTimeline with head seq", () => {
  it("replyCreatedBeforeThePage_IsNotCountedAgainOnReplay", () => {
    // The root came back with replyCount 1 (reply seq 3 is not in the main page); head was 3 when the page was read.
    const root = message(1, 1, { replyCount: 1 });
    const timeline = initTimeline(emptyTimeline, [root], false, 3);
    const replay = applyLoggedEvent(timeline, created(message(2, 3, { threadRootId: 1 }))).timeline;
    expect(replay.messages[0]?.replyCount).toBe(1);
    expect(replay.appliedSeq).toBe(3);
  });
});
