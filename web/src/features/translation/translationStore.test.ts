import { describe, expect, it } from "vitest";
import { defaultLanguage, resultKey, type TranslationState } from "./translationStore";

const state = (languages: string[], language: string | null = null): TranslationState => ({
  status: { enabled: true, languages },
  preferences: { autoTranslate: false, language },
  conversations: {},
  requested: {},
  originalHidden: {},
  results: {},
});

describe("translation language", () => {
  it("prefers the user's choice, then the display language, then the first offered", () => {
    expect(defaultLanguage(state(["en", "es", "zh-CN"], "es"), "zh-CN")).toBe("es");
    expect(defaultLanguage(state(["en", "es", "zh-CN"]), "zh-CN")).toBe("zh-CN");
    expect(defaultLanguage(state(["zh-TW", "es"]), "zh-CN")).toBe("zh-TW");
    expect(defaultLanguage(state(["es"]), "en")).toBe("es");
    expect(defaultLanguage(state([]), "en")).toBeNull();
  });

  it("keys a cached translation by message, edit and language", () => {
    expect(resultKey({ id: 7, editedAt: null }, "es")).toBe("7::es");
    expect(resultKey({ id: 7, editedAt: "2026-12-06T08:00:00Z" }, "es")).not.toBe(resultKey({ id: 7, editedAt: null }, "es"));
  });
});
