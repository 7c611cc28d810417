import { describe, expect, it } from "vitest";
import { forgetVisitorSession, loadVisitorSession, readVisitorAddress, saveVisitorSession, visitorStorage, visitorView } from "./visitorState";

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe("readVisitorAddress", () => {
  it("readVisitorAddress_WidgetAddress_ReadsIdPageReferrerAndLang", () => {
    const address = readVisitorAddress({ pathname: "/visitor/7", search: "?page=https%3A%2F%2Fshop.example%2Fa&referrer=https%3A%2F%2Fq.example&lang=zh-CN" }, "en-US");
    expect(address).toEqual({ widgetId: "7", page: "https://shop.example/a", referrer: "https://q.example", lang: "zh-CN" });
  });

  it("readVisitorAddress_NoLangAndBadId_UsesBrowserLanguageAndNoId", () => {
    const address = readVisitorAddress({ pathname: "/visitor/%3Cb%3E", search: "" }, "zh-TW");
    expect(address.widgetId).toBeNull();
    expect(address.lang).toBe("zh-CN");
    expect(address.page).toBeNull();
  });
});

describe("visitor session storage", () => {
  it("saveVisitorSession_ThenLoad_ReturnsItPerWidgetUntilItExpires", () => {
    const storage = memoryStorage();
    const now = Date.parse("2026-01-01T00:00:00Z");
    saveVisitorSession(storage, "7", { token: "pst_a", conversationId: 10, userId: 3 }, now);
    expect(loadVisitorSession(storage, "7", now)?.conversationId).toBe(10);
    expect(loadVisitorSession(storage, "8", now), "another widget has its own conversation").toBeNull();
    expect(loadVisitorSession(storage, "7", now + 30 * 86_400_000), "kept no longer than the guest token lives").toBeNull();
    forgetVisitorSession(storage, "7");
    expect(loadVisitorSession(storage, "7", now)).toBeNull();
  });

  it("loadVisitorSession_GarbageOrRefusedStorage_IsNull", () => {
    const storage = memoryStorage();
    storage.setItem("parley.visitor.7", "{not json");
    expect(loadVisitorSession(storage, "7")).toBeNull();
    const refusing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); }, removeItem: () => undefined };
    expect(loadVisitorSession(refusing, "7")).toBeNull();
    expect(saveVisitorSession(refusing, "7", { token: "t", conversationId: 1, userId: 1 }).token, "still usable for this page").toBe("t");
  });
});

describe("visitorStorage", () => {
  it("visitorStorage_OwnStorageAllowed_UsesItAndTellsTheHostNothing", () => {
    const own = memoryStorage();
    const kept: (string | null)[] = [];
    const storage = visitorStorage(() => own, "", (v) => kept.push(v));
    saveVisitorSession(storage, "7", { token: "pst_a", conversationId: 10, userId: 3 });
    expect(own.map.has("parley.visitor.7")).toBe(true);
    expect(kept).toEqual([]);
  });

  it("visitorStorage_OwnStorageRefused_StartsFromTheFragmentAndHandsChangesToTheHost", () => {
    const refused = () => ({ getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); }, removeItem: () => undefined });
    const now = Date.parse("2026-01-01T00:00:00Z");
    const first = memoryStorage();
    saveVisitorSession(first, "7", { token: "pst_a", conversationId: 10, userId: 3 }, now);
    const value = first.getItem("parley.visitor.7")!;
    const kept: (string | null)[] = [];
    const storage = visitorStorage(refused, `#s=${encodeURIComponent(value)}`, (v) => kept.push(v));
    expect(loadVisitorSession(storage, "7", now)?.token, "the session the host kept").toBe("pst_a");
    forgetVisitorSession(storage, "7");
    expect(kept).toEqual([null]);
    saveVisitorSession(storage, "7", { token: "pst_b", conversationId: 11, userId: 3 }, now);
    expect(JSON.parse(kept[1]!).token).toBe("pst_b");
  });
});

describe("visitorView", () => {
  it("visitorView_Bot_OffersTheHandoffButton", () => {
    const view = visitorView({ state: "bot", rated: false, agentName: null });
    expect(view).toMatchObject({ line: "service.visitor.stateBot", handoff: true, rating: false });
  });

  it("visitorView_Assigned_NamesTheAgent", () => {
    expect(visitorView({ state: "assigned", rated: false, agentName: "Ann" })).toMatchObject({ line: "service.visitor.stateAssigned", agentName: "Ann", handoff: false });
    expect(visitorView({ state: "assigned", rated: false, agentName: null }).line).toBe("service.visitor.stateAssignedNoName");
  });

  it("visitorView_Closed_ShowsTheRatingFormOnceThenThanks", () => {
    expect(visitorView({ state: "closed", rated: false, agentName: "Ann" })).toMatchObject({ rating: true, thanks: false, agentName: null });
    expect(visitorView({ state: "closed", rated: true, agentName: null })).toMatchObject({ rating: false, thanks: true });
  });

  it("visitorView_Unknown_ShowsNothing", () => {
    expect(visitorView(null)).toMatchObject({ line: null, handoff: false, rating: false });
    expect(visitorView({ state: "waiting", rated: false, agentName: null })).toMatchObject({ line: "service.visitor.stateWaiting", handoff: false });
  });
});
