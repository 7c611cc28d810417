import { describe, expect, it } from "vitest";
import { parseDays } from "./retentionActions";

describe("parseDays", () => {
  it("takes whole days from 1 to 36500", () => {
    expect(parseDays("30")).toBe(30);
    expect(parseDays(" 365 ")).toBe(365);
    expect(parseDays("36500")).toBe(36500);
  });

  it("refuses what the server would refuse", () => {
    for (const bad of ["", "0", "36501", "-5", "3.5", "1e3", "thirty", "999999"]) expect(parseDays(bad)).toBeNull();
  });
});
