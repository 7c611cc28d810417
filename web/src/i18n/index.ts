// i18next with English and Simplified Chinese bundled; the browser's language picks the first one, settings can switch.
import { appStorage } from "../app/storage";
import { detectLanguage, LANGUAGE_KEY, type Language } from "./language";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { zhCN } from "./zh-CN";

export function setLanguage(language: Language): void {
  appStorage.setItem(LANGUAGE_KEY, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export function initI18n(): typeof i18n {
  const lng = detectLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

export { i18n };
export { detectLanguage, LANGUAGES, type Language } from "./language";
