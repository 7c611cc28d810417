import { describe, expect, it } from "vitest";
import { parseTriggerWords } from "./webhookActions";

describe("parseTriggerWords", () => {
  it("splits on ASCII and full-width commas and newlines, dropping blanks", () => {
    expect(parseTriggerWords(" deploy, 上线，\n\n rollback ,")).toEqual(["deploy", "上线", "rollback"]);
  });
});
