import { describe, expect, it } from "vitest";
import { shouldNotify } from "./notify";
import { conversation, message } from "../../core/testing";

describe("shouldNotify", () => {
  const ME = 9;
  it("directMessage_WhileHidden_Notifies", () => {
    expect(shouldNotify(conversation(1, { kind: "direct" }), message(1, 1), ME, true)).toBe(true);
  });
  it("groupMessage_WithoutMention_DoesNot", () => {
    expect(shouldNotify(conversation(1), message(1, 1), ME, true)).toBe(false);
  });
  it("mention_InMutedConversation_DoesNot", () => {
    expect(shouldNotify(conversation(1, { muted: true }), message(1, 1, { mentions: [ME] }), ME, true)).toBe(false);
  });
  it("atAll_WhileVisible_DoesNot_WhileHidden_Does", () => {
    const m = message(1, 1, { mentionsAll: true });
    expect(shouldNotify(conversation(1), m, ME, false)).toBe(false);
    expect(shouldNotify(conversation(1), m, ME, true)).toBe(true);
  });
});
