import { plannerEn, plannerZhCN } from "./i18n";

/** The planner's strings in one language, for lookups by keys that hold dots or slashes (components, JSON pointers). */
export function stringsFor(language: string) {
  return language === "zh-CN" ? plannerZhCN : plannerEn;
}

export function optionName(language: string, id: string, label?: string): string {
  const names = stringsFor(language).optionNames as Record<string, string>;
  return names[id] ?? label ?? id;
}

export function driverName(language: string, pointer: string): string {
  const names = stringsFor(language).drivers as Record<string, string>;
  return names[pointer] ?? pointer;
}
