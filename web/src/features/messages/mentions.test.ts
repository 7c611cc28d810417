import { describe, expect, it } from "vitest";
import { applyMention, filterCandidates, mentionQuery } from "./mentions";

describe("mentions", () => {
  it("mentionQuery_FindsWordAfterAtAtCaret", () => {
    expect(mentionQuery("hello @al", 9)).toEqual({ start: 6, query: "al" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
  });

  it("mentionQuery_IgnoresEmailsAndFinishedMentions", () => {
    expect(mentionQuery("bob@exa", 7)).toBeNull();
    expect(mentionQuery("@alice done", 11)).toBeNull();
  });

  it("applyMention_ReplacesQueryAndMovesCaret", () => {
    const text = "hi @al and more";
    const q = mentionQuery(text, 6);
    expect(q).not.toBeNull();
    const result = applyMention(text, 6, q!, "alice");
    expect(result.text).toBe("hi @alice  and more");
    expect(result.caret).toBe(10);
  });

  it("filterCandidates_MatchesUsernamePrefixOrDisplayName", () => {
    const list = [
      { username: "alice", displayName: "Alice Wang" },
      { username: "bob", displayName: "王小明" },
    ];
    expect(filterCandidates(list, "al").map((c) => c.username)).toEqual(["alice"]);
    expect(filterCandidates(list, "小明").map((c) => c.username)).toEqual(["bob"]);
  });
});
