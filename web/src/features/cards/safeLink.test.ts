import { describe, expect, it } from "vitest";
import { safeLink } from "./safeLink";

describe("safeLink", () => {
  it("keeps http, https and mailto links", () => {
    expect(safeLink("https://crm.example.com/t/7")).toBe("https://crm.example.com/t/7");
    expect(safeLink("mailto:ops@example.com")).toBe("mailto:ops@example.com");
  });
  it("drops script and data links and garbage", () => {
    expect(safeLink("javascript:alert(1)")).toBeNull();
    expect(safeLink("data:text/html,<b>x</b>")).toBeNull();
    expect(safeLink("not a url")).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
