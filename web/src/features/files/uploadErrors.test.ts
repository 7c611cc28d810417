import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zhCN } from "../../i18n/zh-CN";
import { uploadErrorKey } from "./uploadErrors";

describe("uploadErrorKey", () => {
  it("mapsServerCodes_AndFallsBackToGeneric", () => {
    expect(uploadErrorKey("quota_exceeded")).toBe("files.errors.quota_exceeded");
    expect(uploadErrorKey("payload_too_large")).toBe("files.errors.file_too_large");
    expect(uploadErrorKey("something_new")).toBe("files.errors.generic");
    expect(uploadErrorKey(null)).toBe("files.errors.generic");
  });

  it("everyKeyIsTranslatedInBothLanguages", () => {
    for (const code of ["file_too_large", "quota_exceeded", "file_type_blocked", "image_too_large", "unsupported_media_type", "network", "rate_limited", "x"]) {
      const key = uploadErrorKey(code).split(".").slice(2).join(".");
      expect(en.files.errors[key as keyof typeof en.files.errors], key).toBeTruthy();
      expect(zhCN.files.errors[key as keyof typeof zhCN.files.errors], key).toBeTruthy();
    }
  });
});
