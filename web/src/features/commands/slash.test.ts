import { describe, expect, it } from "vitest";
import { commandQuery, filterCommands, isCommandText } from "./slash";

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
});
