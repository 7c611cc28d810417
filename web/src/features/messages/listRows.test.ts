import { describe, expect, it } from "vitest";
import { buildRows } from "./listRows";
import { message } from "../../core/testing";
import type { PendingMessage } from "../../core";
import type { CallDto } from "../../api/types";

describe("buildRows", () => {
  it("groupsSameSenderWithinWindow_AndSeparatesDays", () => {
    const rows = buildRows(
      [
        message(1, 1, { createdAt: "2026-01-01T10:00:00", senderId: 2 }),
        message(2, 2, { createdAt: "2026-01-01T10:01:00", senderId: 2 }),
        message(3, 3, { createdAt: "2026-01-01T10:02:00", senderId: 3 }),
        message(4, 4, { createdAt: "2026-01-01T10:30:00", senderId: 3 }),
        message(5, 5, { createdAt: "2026-01-02T10:31:00", senderId: 3 }),
      ],
      [],
    );
    expect(rows.map((r) => (r.kind === "message" ? `${r.message.id}${r.grouped ? "g" : ""}` : r.kind))).toEqual([
      "day",
      "1",
      "2g",
      "3",
      "4",
      "day",
      "5",
    ]);
  });

  it("unreadLine_GoesAboveFirstLaterMessageFromSomeoneElse", () => {
    const rows = buildRows(
      [message(1, 1, { senderId: 2 }), message(2, 2, { senderId: 9 }), message(3, 3, { senderId: 2 }), message(4, 4, { senderId: 2 })],
      [],
      1,
      9,
    );
    expect(rows.map((r) => (r.kind === "message" ? r.message.id : r.kind))).toEqual(["day", 1, 2, "unread", 3, 4]);
    const grouped = rows.find((r) => r.kind === "message" && r.message.id === 3);
    expect(grouped?.kind === "message" && grouped.grouped).toBe(false);
  });

  it("noUnreadPosition_NoLine", () => {
    expect(buildRows([message(1, 1)], []).some((r) => r.kind === "unread")).toBe(false);
  });

  it("threadReplies_StayOutOfTheMainList", () => {
    const rows = buildRows([message(1, 1), message(2, 2, { threadRootId: 1 })], []);
    expect(rows.filter((r) => r.kind === "message")).toHaveLength(1);
  });

  it("pendingAlreadyDelivered_IsNotShownTwice", () => {
    const pending: PendingMessage[] = [
      { clientMsgId: "a", conversationId: 1, text: "x", threadRootId: null, quoteId: null, createdAt: "", status: "sending", error: null },
      { clientMsgId: "b", conversationId: 1, text: "y", threadRootId: null, quoteId: null, createdAt: "", status: "queued", error: null },
    ];
    const rows = buildRows([message(1, 1, { clientMsgId: "a" })], pending);
    expect(rows.filter((r) => r.kind === "pending").map((r) => r.key)).toEqual(["p-b"]);
  });

  it("callRecords_StandAmongMessagesByTime_AndBreakGrouping", () => {
    const call = (id: number, endedAt: string | null, startedAt = "2026-01-01T10:00:30"): CallDto => ({
      id, conversationId: 1, media: "video", topology: "p2p", startedBy: 2, startedAt, answeredAt: null, endedAt, outcome: endedAt ? "missed" : null, maxParticipants: 4, participants: [], revision: 0,
    });
    const rows = buildRows(
      [message(1, 1, { createdAt: "2026-01-01T10:00:00", senderId: 2 }), message(2, 2, { createdAt: "2026-01-01T10:01:00", senderId: 2 })],
      [],
      null,
      -1,
      [call(8, null, "2026-01-01T10:05:00"), call(7, "2026-01-01T10:00:40")],
    );
    expect(rows.map((r) => (r.kind === "message" ? `${r.message.id}${r.grouped ? "g" : ""}` : r.kind === "call" ? `c${r.call.id}` : r.kind))).toEqual(["day", "1", "c7", "2", "c8"]);
  });
});
