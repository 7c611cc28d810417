import { describe, expect, it } from "vitest";
import { UploadAborted } from "../../api/upload";
import { Limiter } from "./limiter";

describe("Limiter", () => {
  it("runsAtMostMax_AndStartsTheNextWhenOneFinishes", async () => {
    const limiter = new Limiter(2);
    const signal = new AbortController().signal;
    const first = await limiter.acquire(signal);
    await limiter.acquire(signal);
    let thirdStarted = false;
    const third = limiter.acquire(signal).then((release) => {
      thirdStarted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    expect(limiter.running).toBe(2);
    first();
    first(); // releasing twice frees one slot only
    (await third)();
    expect(thirdStarted).toBe(true);
    expect(limiter.running).toBe(1);
  });

  it("abortWhileWaiting_LeavesTheQueue", async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(UploadAborted);
    release();
    expect(limiter.running).toBe(0);
  });
});
