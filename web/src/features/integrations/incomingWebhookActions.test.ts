import { describe, expect, it } from "vitest";
import { canManageIncomingWebhooks, curlExample } from "./incomingWebhookActions";

describe("curlExample", () => {
  it("curlExample_PlainUrl_QuotesBodyAndUrl", () => {
    expect(curlExample("https://chat.example.com/api/v1/hooks/abc_123", "Build passed")).toBe(
      `curl -X POST -H 'Content-Type: application/json' -d '{"text":"Build passed"}' 'https://chat.example.com/api/v1/hooks/abc_123'`,
    );
  });

  it("curlExample_TextWithQuote_EscapesForTheShell", () => {
    // An unescaped ' would end the quoted body early and break the pasted command.
    expect(curlExample("https://x/h/t", "it's done")).toContain(`-d '{"text":"it'\\''s done"}'`);
  });
});

describe("canManageIncomingWebhooks", () => {
  it("canManageIncomingWebhooks_OwnerOrAdminOfGroup_True", () => {
    expect(canManageIncomingWebhooks({ kind: "group", role: "owner" }, [])).toBe(true);
    expect(canManageIncomingWebhooks({ kind: "channel", role: "admin" }, undefined)).toBe(true);
  });

  it("canManageIncomingWebhooks_PlainMember_FalseUnlessConversationsManage", () => {
    expect(canManageIncomingWebhooks({ kind: "group", role: "member" }, ["messages.send"])).toBe(false);
    expect(canManageIncomingWebhooks({ kind: "group", role: "member" }, ["conversations.manage"])).toBe(true);
  });

  it("canManageIncomingWebhooks_Direct_FalseEvenForOwnersAndManagers", () => {
    // The server answers 409 for direct conversations, so the part must not be offered there at all.
    expect(canManageIncomingWebhooks({ kind: "direct", role: "owner" }, ["conversations.manage"])).toBe(false);
  });
});
