// Which of the bundled languages this browser shows: the one picked in settings, else the browser's. Kept apart from
// i18next (index.ts) so that the boot entry can ask too (app/firstPaint.ts) without loading it.
import { appStorage } from "../app/storage";

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = "parley.language";

export function detectLanguage(): Language {
  const saved = appStorage.getItem(LANGUAGE_KEY);
  if (saved === "en" || saved === "zh-CN") return saved;
  const browser = navigator.languages?.[0] ?? navigator.language ?? "en";
  return browser.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
