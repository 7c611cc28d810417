import { describe, expect, it } from "vitest";
import { fromLocalInput, presetTime, timeProblem, toLocalInput } from "./presets";

describe("time presets", () => {
  // Wednesday 2026-12-02 14:30 local time.
  const wednesday = new Date(2026, 11, 2, 14, 30);

  it("adds minutes and hours", () => {
    expect(presetTime("in20m", wednesday)).toEqual(new Date(2026, 11, 2, 14, 50));
    expect(presetTime("in1h", wednesday)).toEqual(new Date(2026, 11, 2, 15, 30));
    expect(presetTime("in3h", wednesday)).toEqual(new Date(2026, 11, 2, 17, 30));
  });

  it("tomorrow at nine crosses month ends", () => {
    expect(presetTime("tomorrow9", wednesday)).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(presetTime("tomorrow9", new Date(2026, 11, 31, 23, 0))).toEqual(new Date(2027, 0, 1, 9, 0));
  });

  it("Monday at nine is the next Monday, never today", () => {
    expect(presetTime("monday9", wednesday)).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(presetTime("monday9", new Date(2026, 11, 6, 20, 0))).toEqual(new Date(2026, 11, 7, 9, 0)); // Sunday evening
    expect(presetTime("monday9", new Date(2026, 11, 7, 8, 0))).toEqual(new Date(2026, 11, 14, 9, 0)); // a Monday
  });

  it("round-trips the datetime-local value and rejects others", () => {
    expect(fromLocalInput(toLocalInput(wednesday))).toEqual(wednesday);
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });

  it("says why a time cannot be used", () => {
    expect(timeProblem(null, wednesday)).toBe("invalid");
    expect(timeProblem(new Date(2026, 11, 2, 14, 0), wednesday)).toBe("past");
    expect(timeProblem(new Date(2028, 0, 1), wednesday)).toBe("tooFar");
    expect(timeProblem(new Date(2026, 11, 3), wednesday)).toBeNull();
  });
});
