import { describe, expect, it } from "vitest";
import { commandQuery, filterCommands, isCommandText, maxCannedSuggestions, slashSuggestions } from "./slash";

const cmd = (command: string) => ({ command, description: "", usage: command, kind: "builtin" });

describe("slash commands in the composer", () => {
  it("reads a leading /name as a command, and a path as text", () => {
    expect(isCommandText("/topic Q3 plans")).toBe(true);
    expect(isCommandText("/leave")).toBe(true);
    expect(isCommandText("/usr/bin is where it lives")).toBe(false);
    expect(isCommandText("see /topic")).toBe(false);
  });

  it("offers commands only while the name is typed", () => {
    expect(commandQuery("/")).toBe("");
    expect(commandQuery("/To")).toBe("to");
    expect(commandQuery("/topic x")).toBeNull();
    expect(commandQuery("hi /to")).toBeNull();
  });

  it("lists prefix matches before other matches", () => {
    const all = [cmd("/mute"), cmd("/remind"), cmd("/invite"), cmd("/poll")];
    expect(filterCommands(all, "i").map((c) => c.command)).toEqual(["/invite", "/remind"]);
    expect(filterCommands(all, "").length).toBe(4);
  });

  it("slashSuggestions_ServiceConversation_OffersCannedRepliesBeforeCommands", () => {
    const commands = [cmd("/remind"), cmd("/invite")];
    const canned = [
      { id: 1, shortcut: "refund", text: "Refunds take 3–5 working days." },
      { id: 2, shortcut: "hello", text: "Hello! How can I help you?" },
      { id: 3, shortcut: "退款", text: "退款将在 3–5 个工作日内到账。" },
    ];
    const keys = (text: string) => slashSuggestions(text, commands, canned).map((s) => s.key);
    expect(keys("/re"), "a shortcut prefix comes first, then the command").toEqual(["canned:1", "/remind"]);
    expect(keys("/"), "a bare slash lists every reply, then every command").toEqual(["canned:2", "canned:1", "canned:3", "/remind", "/invite"]);
    expect(keys("/退"), "a Chinese shortcut is matched (commands are ASCII only)").toEqual(["canned:3"]);
    expect(keys("/help"), "a reply whose text contains the query is offered too").toEqual(["canned:2"]);
    expect(keys("/refund now"), "once a space follows, the list closes").toEqual([]);
    expect(keys("refund"), "only a leading slash opens the list").toEqual([]);
  });

  it("slashSuggestions_NoCannedReplies_ListsCommandsAsBefore", () => {
    expect(slashSuggestions("/i", [cmd("/mute"), cmd("/invite")], []).map((s) => s.key)).toEqual(["/invite"]);
  });

  it("slashSuggestions_ManyReplies_ShowsAtMostTheCap", () => {
    const canned = Array.from({ length: 20 }, (_, i) => ({ id: i, shortcut: `r${String(i).padStart(2, "0")}`, text: "x" }));
    expect(slashSuggestions("/r", [], canned)).toHaveLength(maxCannedSuggestions);
  });
});
