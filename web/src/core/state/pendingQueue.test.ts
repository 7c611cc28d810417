import { describe, expect, it } from "vitest";
import { enqueue, markFailed, markSending, nextToSend, resolve, restore, retry, type PendingMessage } from "./pendingQueue";

function pending(id: string, status: PendingMessage["status"] = "queued"): PendingMessage {
  return { clientMsgId: id, conversationId: 1, text: id, threadRootId: null, quoteId: null, createdAt: "2026-01-01T00:00:00Z", status, error: null };
}

describe("pendingQueue", () => {
  it("enqueue_SameClientMsgId_KeepsOne", () => {
    expect(enqueue(enqueue([], pending("a")), pending("a"))).toHaveLength(1);
  });

  it("nextToSend_SendsInTypedOrder_OneAtATime", () => {
    let queue = enqueue(enqueue([], pending("a")), pending("b"));
    expect(nextToSend(queue)?.clientMsgId).toBe("a");
    queue = markSending(queue, "a");
    expect(nextToSend(queue)).toBeNull();
    queue = resolve(queue, "a");
    expect(nextToSend(queue)?.clientMsgId).toBe("b");
  });

  it("failed_IsSkippedUntilRetried", () => {
    let queue = markFailed([pending("a"), pending("b")], "a", "too large");
    expect(nextToSend(queue)?.clientMsgId).toBe("b");
    expect(queue[0]?.error).toBe("too large");
    queue = retry(queue, "a");
    expect(nextToSend(queue)?.clientMsgId).toBe("a");
  });

  it("resolve_UnknownOrNullId_ReturnsSameQueue", () => {
    const queue = [pending("a")];
    expect(resolve(queue, "zzz")).toBe(queue);
    expect(resolve(queue, null)).toBe(queue);
  });

  it("restore_PutsInFlightBackInQueue_AndDropsGarbage", () => {
    const restored = restore([pending("a", "sending"), pending("b", "failed"), { nope: 1 }, null]);
    expect(restored.map((p) => [p.clientMsgId, p.status])).toEqual([
      ["a", "queued"],
      ["b", "failed"],
    ]);
    expect(restore("not an array")).toEqual([]);
  });
});
