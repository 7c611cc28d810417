import { afterEach, describe, expect, it, vi } from "vitest";
import { prefetch, takePrefetched } from "./prefetch";

describe("start-up prefetch", () => {
  afterEach(() => vi.unstubAllGlobals());

  const stubFetch = () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", (url: string) => {
      calls.push(url);
      return Promise.resolve(new Response("{}", { status: 200 }));
    });
    return calls;
  };

  it("hands the answer to the first identical call with the same token, once", async () => {
    const calls = stubFetch();
    prefetch("/api/v1/conversations", "t1", 1000);
    expect(calls).toEqual(["/api/v1/conversations"]);
    const first = takePrefetched("/api/v1/conversations", "t1", 2000);
    expect((await first)?.status).toBe(200);
    expect(takePrefetched("/api/v1/conversations", "t1", 2000)).toBeNull();
  });

  it("is not used for another URL, another token, or after it went stale", () => {
    stubFetch();
    prefetch("/api/v1/conversations/1/messages?limit=50", "t1", 1000);
    expect(takePrefetched("/api/v1/conversations/2/messages?limit=50", "t1", 1000)).toBeNull();
    expect(takePrefetched("/api/v1/conversations/1/messages?limit=50", "other", 1000)).toBeNull();
    prefetch("/api/v1/conversations", "t1", 1000);
    expect(takePrefetched("/api/v1/conversations", "t1", 1000 + 60_000)).toBeNull();
  });

  it("turns a network failure into no answer, so the caller asks again", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("offline")));
    prefetch("/api/v1/conversations", "t1", 1000);
    expect(await takePrefetched("/api/v1/conversations", "t1", 1000)).toBeNull();
  });
});
