import { describe, expect, it } from "vitest";
import { wordList, type ModerationRule } from "./moderationActions";

const rule = (id: number, pattern: string, action: string): ModerationRule =>
  ({ id, pattern, action, conversationIds: null, createdBy: 1, createdAt: "2026-12-04T00:00:00Z" }) as ModerationRule;

describe("wordList", () => {
  it("lists each pattern of the action once, one per line", () => {
    const rules = [rule(1, "赌博", "mask"), rule(2, "违禁词", "block"), rule(3, "赌博", "mask"), rule(4, "刷单", "mask")];
    expect(wordList(rules, "mask")).toBe("赌博\n刷单\n");
    expect(wordList(rules, "flag")).toBe("");
  });
});
