import { describe, expect, it, vi } from "vitest";
import { embed, embedUrl } from "./index";

describe("embedUrl", () => {
  it("puts the token in the fragment and the settings in the query", () => {
    expect(embedUrl({ serverUrl: "https://chat.example.com/", token: "pet_a+b", conversationId: 7, locale: "zh-CN", theme: "dark" })).toBe(
      "https://chat.example.com/embed?locale=zh-CN&theme=dark&conversationId=7#token=pet_a%2Bb",
    );
  });
});

/** A fake DOM: enough of document, window and an iframe to drive the channel. */
function fakeEnv() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const frameWindow = { postMessage: vi.fn() };
  const iframe = { style: {} as CSSStyleDeclaration, contentWindow: frameWindow, remove: vi.fn() } as unknown as HTMLIFrameElement & { remove: ReturnType<typeof vi.fn> };
  const host = { appendChild: vi.fn() } as unknown as HTMLElement;
  const env = {
    document: { createElement: () => iframe, querySelector: () => host } as unknown as Document,
    window: {
      addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.add(l),
      removeEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.delete(l),
    } as unknown as Window,
  };
  const fire = (e: Partial<MessageEvent>) => listeners.forEach((l) => l(e as MessageEvent));
  return { env, iframe, frameWindow, host, fire, listeners };
}

describe("embed", () => {
  it("creates the iframe and passes on only the frame's own messages from the server's origin", () => {
    const { env, iframe, frameWindow, host, fire } = fakeEnv();
    const handle = embed({ element: "#chat", serverUrl: "https://chat.example.com", token: "pet_x" }, env);
    expect(host.appendChild).toHaveBeenCalledWith(iframe);
    expect(iframe.src).toBe("https://chat.example.com/embed#token=pet_x");
    const unread: number[] = [];
    handle.on("unread", (e) => unread.push(e.count));
    fire({ source: frameWindow as unknown as Window, origin: "https://evil.example.net", data: { channel: "parley.embed", type: "unread", count: 9 } });
    fire({ source: {} as Window, origin: "https://chat.example.com", data: { channel: "parley.embed", type: "unread", count: 8 } });
    fire({ source: frameWindow as unknown as Window, origin: "https://chat.example.com", data: { channel: "other", type: "unread", count: 7 } });
    fire({ source: frameWindow as unknown as Window, origin: "https://chat.example.com", data: { channel: "parley.embed", type: "unread", count: 3 } });
    expect(unread).toEqual([3]);
  });

  it("asks getToken when the session expired and hands the token to the frame at the server's origin only", async () => {
    const { env, frameWindow, fire } = fakeEnv();
    const getToken = vi.fn(async () => "pet_fresh");
    embed({ element: "#chat", serverUrl: "https://chat.example.com/x", token: "pet_x", getToken }, env);
    fire({ source: frameWindow as unknown as Window, origin: "https://chat.example.com", data: { channel: "parley.embed", type: "expired" } });
    await vi.waitFor(() => expect(frameWindow.postMessage).toHaveBeenCalledWith({ channel: "parley.embed", type: "token", token: "pet_fresh" }, "https://chat.example.com"));
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("destroy removes the iframe and stops listening", () => {
    const { env, iframe, listeners } = fakeEnv();
    const handle = embed({ element: "#chat", serverUrl: "https://chat.example.com", token: "pet_x" }, env);
    handle.destroy();
    expect((iframe as unknown as { remove: ReturnType<typeof vi.fn> }).remove).toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });
});
