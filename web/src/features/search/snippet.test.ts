import { describe, expect, it } from "vitest";
import { parseSnippet } from "./snippet";

describe("parseSnippet", () => {
  it("splitsOnMarks", () => {
    expect(parseSnippet("我们明天讨论<mark>部署</mark>方案")).toEqual([
      { text: "我们明天讨论", hit: false },
      { text: "部署", hit: true },
      { text: "方案", hit: false },
    ]);
  });

  it("escapedMarkupStaysText", () => {
    const parts = parseSnippet("&lt;img src=x onerror=alert(1)&gt; <mark>deploy</mark>");
    expect(parts[0]).toEqual({ text: "<img src=x onerror=alert(1)> ", hit: false });
    expect(parts[1]).toEqual({ text: "deploy", hit: true });
  });

  it("noMarks_IsOnePlainPart", () => {
    expect(parseSnippet("plain")).toEqual([{ text: "plain", hit: false }]);
  });
});
