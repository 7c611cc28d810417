import { describe, expect, it } from "vitest";
import type { PendingUrgentDto } from "../../api/types";
import { addPending, dropPending } from "./pendingUrgent";

const item = (messageId: number, requestedAt: string): PendingUrgentDto => ({
  messageId, conversationId: 1, seq: messageId, senderId: 7, preview: `m${messageId}`, hasFiles: false, requestedAt,
});

describe("pending urgent messages", () => {
  it("keepsNewestFirst_AndOneEntryPerMessage", () => {
    let list = addPending([], item(1, "2026-12-06T00:00:00Z"));
    list = addPending(list, item(3, "2026-12-06T00:02:00Z"));
    list = addPending(list, item(2, "2026-12-06T00:01:00Z"));
    const again = addPending(list, item(3, "2026-12-06T00:02:00Z"));
    expect(list.map((p) => p.messageId)).toEqual([3, 2, 1]);
    expect(again).toBe(list);
  });

  it("dropsByMessage_AndLeavesTheListAloneWhenAbsent", () => {
    const list = [item(2, "2026-12-06T00:01:00Z"), item(1, "2026-12-06T00:00:00Z")];
    expect(dropPending(list, 2).map((p) => p.messageId)).toEqual([1]);
    expect(dropPending(list, 9)).toBe(list);
  });
});
