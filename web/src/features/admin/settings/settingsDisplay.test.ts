import { describe, expect, it } from "vitest";
import { displayUnit, fromDisplay, groupOf, toDisplay } from "./settingsDisplay";

const maxFile = { key: "files.maxFileSize", unit: "bytes", wholeNumber: true, min: 1024, max: 16 * 1024 ** 4 };
const text = { key: "messages.maxTextBytes", unit: "bytes", wholeNumber: true, min: 16, max: 131072 };
const rate = { key: "messages.ratePerSecond", unit: "perSecond", wholeNumber: false, min: 0.1, max: 10000 };

describe("runtime setting display", () => {
  it("fileSizes_ShownInMiB_TextInBytes", () => {
    expect(displayUnit(maxFile).factor).toBe(1024 * 1024);
    expect(toDisplay(maxFile, 2 * 1024 ** 3)).toBe("2048");
    expect(toDisplay(text, 16384)).toBe("16384");
  });
  it("fromDisplay_ConvertsAndChecksTheRange", () => {
    expect(fromDisplay(maxFile, "1.5")).toBe(1572864);
    expect(fromDisplay(text, "100")).toBe(100);
    expect(fromDisplay(text, "10")).toBeNull(); // below 16
    expect(fromDisplay(text, "100.5")).toBeNull(); // bytes are whole
    expect(fromDisplay(rate, "0.5")).toBe(0.5);
    expect(fromDisplay(rate, "abc")).toBeNull();
    expect(fromDisplay(rate, "")).toBeNull();
  });
  it("groupOf_IsTheFirstSegment", () => {
    expect(groupOf("auth.sessionLifetime")).toBe("auth");
  });
});
