import { describe, expect, it } from "vitest";
import { parseRoute, servicePath } from "./route";

describe("parseRoute", () => {
  it("parsesConversationAndMessage", () => {
    expect(parseRoute("#/c/12")).toEqual({ name: "conversation", id: 12, messageId: null });
    expect(parseRoute("#/c/12/m/340")).toEqual({ name: "conversation", id: 12, messageId: 340 });
  });
  it("parsesSearchQuery", () => {
    expect(parseRoute("#/search?q=%E9%83%A8%E7%BD%B2")).toEqual({ name: "search", query: "部署" });
  });
  it("parsesAdminSection", () => {
    expect(parseRoute("#/admin")).toEqual({ name: "admin", section: null });
    expect(parseRoute("#/admin/users")).toEqual({ name: "admin", section: "users" });
    expect(parseRoute("#/admin/Users!")).toEqual({ name: "home" });
  });
  it("parsesDirectory", () => {
    expect(parseRoute("#/directory")).toEqual({ name: "directory" });
  });
  it("parsesServiceWorkspace", () => {
    expect(parseRoute("#/service")).toEqual({ name: "service", tab: "waiting", conversationId: null });
    expect(parseRoute("#/service/supervisor")).toEqual({ name: "service", tab: "supervisor", conversationId: null });
    expect(parseRoute("#/service/c/9")).toEqual({ name: "service", tab: "mine", conversationId: 9 });
    expect(parseRoute("#/service/other")).toEqual({ name: "home" });
    for (const to of ["waiting", "mine", "supervisor", 9] as const) expect(parseRoute(`#${servicePath(to)}`), String(to)).toMatchObject({ name: "service" });
  });
  it("anythingElseIsHome", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/c/abc")).toEqual({ name: "home" });
  });
});
