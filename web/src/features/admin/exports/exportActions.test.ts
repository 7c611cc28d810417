import { describe, expect, it } from "vitest";
import { splitList, toRange } from "./exportActions";

describe("export form", () => {
  it("splits hand-typed lists on commas (also Chinese ones), spaces and new lines", () => {
    expect(splitList(" zhang.san, li.si，wang.wu、 zhao\nqian ")).toEqual(["zhang.san", "li.si", "wang.wu", "zhao", "qian"]);
    expect(splitList("  ")).toEqual([]);
  });

  it("turns local days into a half-open range that includes the last day", () => {
    const r = toRange("2026-01-01", "2026-01-31")!;
    expect(new Date(r.from).getDate()).toBe(1);
    expect(new Date(r.to).getTime() - new Date(r.from).getTime()).toBe(31 * 86_400_000);
    expect(toRange("2026-03-02", "2026-03-01")).toBeNull();
    expect(toRange("", "2026-03-01")).toBeNull();
  });
});
