import { describe, expect, it } from "vitest";
import { formatBytes, uptimeParts } from "./healthActions";

describe("health formatting", () => {
  it("formats bytes in binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
    expect(formatBytes(null)).toBe("–");
  });
  it("splits uptime into days, hours and minutes", () => {
    expect(uptimeParts(90061)).toEqual({ d: 1, h: 1, m: 1 });
    expect(uptimeParts(59)).toEqual({ d: 0, h: 0, m: 0 });
  });
});
