import { describe, expect, it } from "vitest";
import type { TranslationSettingsDto } from "../../../api/types";
import { changedFields, enabledOrder, initialValues } from "./translationAdminActions";

const settings: TranslationSettingsDto = {
  enabledProviders: ["apertium"],
  languages: ["en", "es"],
  knownLanguages: ["en", "es", "zh-CN"],
  providers: [
    { id: "apertium", enabled: true, configured: true, offline: true, fields: [{ name: "Url", secret: false, value: "http://mt:2737", set: true }] },
    { id: "deepl", enabled: false, configured: false, offline: false, fields: [{ name: "Url", secret: false, value: "https://api-free.deepl.com", set: true }, { name: "ApiKey", secret: true, value: null, set: true }] },
  ],
};

describe("translation admin form", () => {
  it("starts secrets empty and sends only what changed", () => {
    const values = initialValues(settings);
    expect(values.deepl).toEqual({ Url: "https://api-free.deepl.com", ApiKey: "" });
    expect(changedFields(settings, values)).toEqual({});
    values.deepl!.ApiKey = "new-key";
    values.apertium!.Url = "http://127.0.0.1:2737";
    expect(changedFields(settings, values)).toEqual({ deepl: { ApiKey: "new-key" }, apertium: { Url: "http://127.0.0.1:2737" } });
  });

  it("keeps the order of preference when enabling another provider", () => {
    expect(enabledOrder(["deepl", "apertium"], new Set(["apertium", "llm", "deepl"]))).toEqual(["deepl", "apertium", "llm"]);
    expect(enabledOrder(["deepl"], new Set())).toEqual([]);
  });
});
