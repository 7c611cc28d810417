import { describe, expect, it } from "vitest";
import { keyBytes } from "./pushDevice";
import { deviceLabel, pauseEnd } from "./pushSettings";

describe("push settings", () => {
  it("deviceLabel_NamesBrowserAndSystem", () => {
    expect(deviceLabel("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")).toBe("Chrome · Windows");
    expect(deviceLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")).toBe("Safari · iOS");
    expect(deviceLabel("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox · Linux");
    expect(deviceLabel(null)).toBeNull();
  });

  it("pauseEnd_TomorrowIsEightInTheMorning", () => {
    const now = new Date(2026, 11, 5, 23, 10);
    expect(pauseEnd("tomorrow", now)).toEqual(new Date(2026, 11, 6, 8, 0));
    expect(pauseEnd("1h", now).getTime() - now.getTime()).toBe(3600_000);
  });

  it("keyBytes_DecodesBase64UrlWithoutPadding", () => {
    expect(Array.from(keyBytes("BP8A-_8"))).toEqual([4, 255, 0, 251, 255]);
  });
});
