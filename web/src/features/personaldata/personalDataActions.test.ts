import { describe, expect, it } from "vitest";
import { anyBusy, confirmed } from "./personalDataActions";

describe("personal data", () => {
  it("erases only when the username is typed exactly", () => {
    expect(confirmed("zhang.san", "zhang.san")).toBe(true);
    expect(confirmed(" zhang.san ", "zhang.san")).toBe(true);
    expect(confirmed("Zhang.San", "zhang.san")).toBe(false);
    expect(confirmed("zhang", "zhang.san")).toBe(false);
    expect(confirmed("", "")).toBe(false);
  });

  it("looks again while an export is queued or running", () => {
    expect(anyBusy(null)).toBe(false);
    expect(anyBusy([{ status: "done" }, { status: "expired" }])).toBe(false);
    expect(anyBusy([{ status: "done" }, { status: "running" }])).toBe(true);
    expect(anyBusy([{ status: "queued" }])).toBe(true);
  });
});
