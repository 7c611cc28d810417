import { describe, expect, it } from "vitest";
import type { PollDto } from "../../api/types";
import { cleanOptions, isClosed, msUntilClose, numberedEntries, optionShares, toggleChoice } from "./pollMath";

function poll(counts: number[], voters: number, multiple = false, extra: Partial<PollDto> = {}): PollDto {
  return {
    id: 1, messageId: 1, kind: "poll", question: "Q", multiple, anonymous: false, createdBy: 1, closesAt: null, closedAt: null, voters,
    options: counts.map((count, i) => ({ id: i + 1, text: `o${i}`, count, voterIds: [] })), entries: [], ...extra,
  };
}

describe("optionShares", () => {
  it("gives single-choice shares that add up to 100 by largest remainder", () => {
    expect(optionShares(poll([1, 1, 1], 3)).map((s) => s.percent)).toEqual([34, 33, 33]);
    expect(optionShares(poll([2, 1], 3)).map((s) => s.percent)).toEqual([67, 33]);
    expect(optionShares(poll([1, 0, 0], 1)).map((s) => s.percent)).toEqual([100, 0, 0]);
  });

  it("never gives a share to an option nobody chose", () => {
    expect(optionShares(poll([3, 0, 3, 1], 7)).map((s) => s.percent)).toEqual([43, 0, 43, 14]);
  });

  it("is zero everywhere before anyone votes", () => {
    expect(optionShares(poll([0, 0], 0)).map((s) => s.percent)).toEqual([0, 0]);
  });

  it("measures multiple-choice options against the people who voted", () => {
    expect(optionShares(poll([2, 1, 2], 2, true)).map((s) => s.percent)).toEqual([100, 50, 100]);
  });
});

describe("closing", () => {
  const now = Date.parse("2026-12-06T10:00:00Z");
  it("is closed when closed by a member or when the closing time passed", () => {
    expect(isClosed(poll([0, 0], 0), now)).toBe(false);
    expect(isClosed(poll([0, 0], 0, false, { closedAt: "2026-12-06T09:00:00Z" }), now)).toBe(true);
    expect(isClosed(poll([0, 0], 0, false, { closesAt: "2026-12-06T09:59:59Z" }), now)).toBe(true);
    expect(isClosed(poll([0, 0], 0, false, { closesAt: "2026-12-06T10:00:01Z" }), now)).toBe(false);
  });
  it("counts down to the closing time only while open", () => {
    expect(msUntilClose(poll([0, 0], 0, false, { closesAt: "2026-12-06T10:00:05Z" }), now)).toBe(5000);
    expect(msUntilClose(poll([0, 0], 0, false, { closesAt: "2026-12-06T10:00:05Z", closedAt: "2026-12-06T09:00:00Z" }), now)).toBeNull();
    expect(msUntilClose(poll([0, 0], 0), now)).toBeNull();
  });
});

describe("numberedEntries", () => {
  it("numbers entries in sign-up order, keeping the server's order for equal times", () => {
    const entries = [
      { userId: 3, text: "c", at: "2026-12-06T10:00:02Z", editedAt: null },
      { userId: 1, text: "a", at: "2026-12-06T10:00:00Z", editedAt: "2026-12-06T10:05:00Z" },
      { userId: 2, text: "b", at: "2026-12-06T10:00:00Z", editedAt: null },
    ];
    expect(numberedEntries(entries).map((e) => [e.number, e.userId])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });
});

describe("choices", () => {
  it("toggles an option in or out of a multiple-choice selection", () => {
    expect(toggleChoice([1, 3], 3)).toEqual([1]);
    expect(toggleChoice([1], 2)).toEqual([1, 2]);
  });
  it("sends trimmed, distinct, non-empty options, at least two", () => {
    expect(cleanOptions([" A ", "", "B"])).toEqual(["A", "B"]);
    expect(cleanOptions(["A", " "])).toBeNull();
    expect(cleanOptions(["Same", "same"])).toBeNull();
  });
});
