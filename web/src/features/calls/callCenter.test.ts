import { describe, expect, it, vi } from "vitest";
import type { CallDto, CallSignalData } from "../../api/types";
import type { Core } from "../../core";
import { CallCenter } from "./callCenter";
import { CallSession } from "./session";

const core = { store: { getState: () => ({ me: { id: 1, displayName: "Ann" } }) }, hub: {} } as unknown as Core;

function call(revision: number, bobState: string): CallDto {
  const joined = (userId: number, state: string) => ({ userId, state, joinedAt: null, leftAt: null });
  return {
    id: 7, conversationId: 3, media: "video", topology: "p2p", startedBy: 1, startedAt: "2026-12-06T10:00:00Z", answeredAt: null, endedAt: null,
    outcome: null, maxParticipants: 4, participants: [joined(1, "joined"), joined(2, bobState)], revision,
  };
}

describe("CallCenter", () => {
  it("eventsArrivingWhileTheSessionOpens_ReachTheSessionInOrder", async () => {
    const seen: string[] = [];
    const fake = {
      subscribe: () => () => undefined,
      onUpdated: (c: CallDto) => seen.push(`updated r${c.revision}`),
      onSignal: async (s: CallSignalData) => void seen.push(`signal ${s.kind}`),
    } as unknown as CallSession;
    let opened: (s: CallSession) => void = () => undefined;
    const open = vi.spyOn(CallSession, "open").mockReturnValue(new Promise<CallSession>((resolve) => (opened = resolve)));
    try {
      const center = new CallCenter(core);
      const joining = center.join(call(1, "ringing"));
      // Bob answers and his answer comes back before this tab's session exists.
      center.update(call(2, "joined"));
      center.signal({ callId: 7, fromUserId: 2, kind: "answer", payload: "{}" });
      center.signal({ callId: 99, fromUserId: 2, kind: "offer", payload: "{}" });
      opened(fake);
      await joining;
      expect(seen, "an update or answer that came before the session existed was lost (no tile, no media)").toEqual(["updated r2", "signal answer"]);
      expect(center.get().session).toBe(fake);
    } finally {
      open.mockRestore();
    }
  });

  it("anOlderCopyArrivingLate_DoesNotUndoTheNewerState", () => {
    const center = new CallCenter(core);
    center.update(call(3, "joined"));
    center.update(call(2, "ringing"));
    expect(center.get().running[3]?.revision, "a late event with an older revision replaced the newer call").toBe(3);
  });
});
