import { describe, expect, it } from "vitest";
import { qualityOf } from "./session";
import { formatDuration } from "./CallOverlay";

describe("qualityOf", () => {
  it("rttAndLoss_MapToTheHint", () => {
    expect(qualityOf(null, null)).toBeNull();
    expect(qualityOf(0.05, 0)).toBe("good");
    expect(qualityOf(0.4, 0.01)).toBe("fair");
    expect(qualityOf(0.05, 0.05)).toBe("fair");
    expect(qualityOf(0.9, 0)).toBe("poor");
    expect(qualityOf(0.05, 0.2)).toBe("poor");
  });
});

describe("formatDuration", () => {
  it("minutesAndHours_AreShownLikeAClock", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(75)).toBe("1:15");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});
