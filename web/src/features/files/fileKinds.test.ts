import { describe, expect, it } from "vitest";
import { fileKind, formatSize, thumbnailBox } from "./fileKinds";

describe("fileKinds", () => {
  it("kindFromServedType", () => {
    expect(fileKind({ contentType: "image/png" })).toBe("image");
    expect(fileKind({ contentType: "video/mp4" })).toBe("video");
    expect(fileKind({ contentType: "audio/ogg" })).toBe("audio");
    expect(fileKind({ contentType: "application/pdf" })).toBe("pdf");
    expect(fileKind({ contentType: "text/plain; charset=utf-8" })).toBe("text");
    expect(fileKind({ contentType: "application/octet-stream" })).toBe("other");
  });

  it("thumbnailBox_KeepsAspectWithinBounds", () => {
    expect(thumbnailBox(1600, 1200)).toEqual({ width: 320, height: 240 });
    expect(thumbnailBox(1000, 4000)).toEqual({ width: 60, height: 240 });
    expect(thumbnailBox(100, 50)).toEqual({ width: 100, height: 50 });
    expect(thumbnailBox(null, null)).toEqual({ width: 240, height: 180 });
  });

  it("formatSize", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});
