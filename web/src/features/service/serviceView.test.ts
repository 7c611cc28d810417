import { describe, expect, it } from "vitest";
import type { ServiceConversationDto } from "../../api/types";
import { canSupervise, canUseService, durationParts, matchCanned, orderWaiting, transferTargets, waitedSeconds } from "./serviceView";

function conversation(id: number, waitingSince: string, offeredTo: number | null = null): ServiceConversationDto {
  return {
    conversationId: id, widgetId: 1, queueId: 1, state: "waiting", agentUserId: null, offeredTo, createdAt: "2026-01-01T00:00:00Z", waitingSince,
    assignedAt: null, closedAt: null, summary: null, rating: null, ratingComment: null, previous: 0, requiredSkills: [],
    visitor: { userId: 100 + id, name: `Visitor ${id}`, email: null, page: null, referrer: null, userAgent: null },
  };
}

describe("service workspace view", () => {
  it("canUseService_AgentOrManager_SeesTheWorkspaceOnlyManagersSupervise", () => {
    expect(canUseService({ permissions: ["service.agent"] })).toBe(true);
    expect(canUseService({ permissions: ["messages.post"] })).toBe(false);
    expect(canUseService(null)).toBe(false);
    expect(canSupervise({ permissions: ["service.agent"] })).toBe(false);
    expect(canSupervise({ permissions: ["service.manage"] })).toBe(true);
  });

  it("durationParts_SecondsMinutesHours_PicksTheLargestWholeUnit", () => {
    expect(durationParts(42)).toEqual({ key: "service.seconds", count: 42 });
    expect(durationParts(185)).toEqual({ key: "service.minutes", count: 3 });
    expect(durationParts(7300)).toEqual({ key: "service.hours", count: 2 });
    expect(durationParts(-5).count).toBe(0);
  });

  it("waitedSeconds_FromWaitingSince_NeverNegative", () => {
    const now = Date.parse("2026-01-01T00:02:00Z");
    expect(waitedSeconds(conversation(1, "2026-01-01T00:00:30Z"), now)).toBe(90);
    expect(waitedSeconds(conversation(1, "2026-01-01T00:05:00Z"), now)).toBe(0);
  });

  it("orderWaiting_OfferedToMeFirstThenLongestWaiting", () => {
    const items = [conversation(1, "2026-01-01T00:01:00Z"), conversation(2, "2026-01-01T00:00:10Z"), conversation(3, "2026-01-01T00:03:00Z", 7)];
    expect(orderWaiting(items, 7).map((c) => c.conversationId)).toEqual([3, 2, 1]);
    expect(orderWaiting(items, 8).map((c) => c.conversationId), "offered to someone else: only the wait counts").toEqual([2, 1, 3]);
  });

  it("transferTargets_LeavesMeOutOnlineWithRoomFirst", () => {
    const agents = [
      { userId: 7, capacity: 3, open: 0, online: true },
      { userId: 8, capacity: 1, open: 1, online: true },
      { userId: 9, capacity: 3, open: 0, online: false },
      { userId: 10, capacity: 3, open: 1, online: true },
    ];
    expect(transferTargets(agents, 7).map((a) => a.userId)).toEqual([10, 8, 9]);
  });

  it("matchCanned_SlashShortcut_PrefixMatchesFirstThenTextMatches", () => {
    const replies = [
      { id: 1, shortcut: "thanks", text: "Thank you for waiting." },
      { id: 2, shortcut: "refund", text: "Refunds take 5–10 days." },
      { id: 3, shortcut: "ship", text: "We ship worldwide; a refund of the postage is possible." },
    ];
    expect(matchCanned(replies, "/ref").map((r) => r.id)).toEqual([2, 3]);
    expect(matchCanned(replies, "").map((r) => r.id), "all, by shortcut").toEqual([2, 3, 1]);
    expect(matchCanned(replies, "/zzz")).toEqual([]);
  });
});
