import { describe, expect, it, vi } from "vitest";
import { ParentChannel, readEmbedAddress } from "./channel";

describe("readEmbedAddress", () => {
  it("takes the token from the fragment and the settings from the query", () => {
    expect(readEmbedAddress({ hash: "#token=pet_abc", search: "?locale=zh-CN&theme=dark&conversationId=7" })).toEqual({
      token: "pet_abc", locale: "zh-CN", theme: "dark", conversationId: 7,
    });
    expect(readEmbedAddress({ hash: "", search: "?conversationId=x" }).conversationId).toBeNull();
  });
});

describe("ParentChannel", () => {
  function fakeWindow() {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const parent = { postMessage: vi.fn() };
    return {
      parent,
      addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.push(l),
      removeEventListener: () => undefined,
      fire: (e: Partial<MessageEvent>) => listeners.forEach((l) => l(e as MessageEvent)),
    };
  }

  it("posts only to the parent's origin and reads tokens only from the parent at that origin", () => {
    const win = fakeWindow();
    const channel = new ParentChannel("https://oa.example.com", win as unknown as Window);
    channel.post({ type: "unread", count: 2 });
    expect(win.parent.postMessage).toHaveBeenCalledWith({ channel: "parley.embed", type: "unread", count: 2 }, "https://oa.example.com");
    const got: string[] = [];
    channel.onToken((t) => got.push(t));
    win.fire({ source: win.parent as unknown as Window, origin: "https://evil.example.net", data: { channel: "parley.embed", type: "token", token: "pet_evil" } });
    win.fire({ source: {} as Window, origin: "https://oa.example.com", data: { channel: "parley.embed", type: "token", token: "pet_other" } });
    win.fire({ source: win.parent as unknown as Window, origin: "https://oa.example.com", data: { channel: "parley.embed", type: "token", token: "pet_good" } });
    expect(got).toEqual(["pet_good"]);
  });

  it("posts nothing when the parent's origin is unknown", () => {
    const win = fakeWindow();
    new ParentChannel(null, win as unknown as Window).post({ type: "expired" });
    expect(win.parent.postMessage).not.toHaveBeenCalled();
  });
});
