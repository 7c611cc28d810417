import { describe, expect, it } from "vitest";
import type { FileLinksDto } from "../../api/types";
import { LinkCache, REFRESH_MARGIN_MS } from "./fileLinks";

function links(id: number, expiresAt: number, n: number): FileLinksDto {
  return { fileId: id, downloadUrl: `/d/${id}?n=${n}`, inlineUrl: null, thumbnailUrl: null, expiresAt: new Date(expiresAt).toISOString() };
}

describe("LinkCache", () => {
  it("sharesOneRequest_AndReusesUntilShortlyBeforeExpiry", async () => {
    let now = 1_000_000;
    let fetched = 0;
    const cache = new LinkCache(async (id) => links(id, now + 5 * 60_000, ++fetched), () => now);
    const [a, b] = await Promise.all([cache.get(1), cache.get(1)]);
    expect(fetched).toBe(1);
    expect(a).toBe(b);
    now += 5 * 60_000 - REFRESH_MARGIN_MS - 1;
    expect((await cache.get(1)).downloadUrl).toBe("/d/1?n=1");
    now += 2;
    expect(cache.peek(1)).toBeNull();
    expect((await cache.get(1)).downloadUrl).toBe("/d/1?n=2");
  });

  it("invalidate_FetchesAgain_AndFailuresAreNotCached", async () => {
    let fail = true;
    let fetched = 0;
    const cache = new LinkCache(async (id) => {
      fetched++;
      if (fail) throw new Error("offline");
      return links(id, Date.now() + 300_000, fetched);
    });
    await expect(cache.get(2)).rejects.toThrow("offline");
    fail = false;
    await cache.get(2);
    cache.invalidate(2);
    await cache.get(2);
    expect(fetched).toBe(3);
  });
});
