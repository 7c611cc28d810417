import { describe, expect, it } from "vitest";
import { conversationTitle } from "./conversationAdminActions";

describe("conversationTitle", () => {
  it("conversationTitle_Named_IsTheName", () => {
    expect(conversationTitle({ name: "研发部", participants: null })).toBe("研发部");
  });
  it("conversationTitle_Direct_NamesBothPeople", () => {
    expect(conversationTitle({ name: null, participants: ["张三", "李四"] })).toBe("张三 · 李四");
  });
});
