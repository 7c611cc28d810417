import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";

function keys(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe("translations", () => {
  it("zhCN_HasExactlyTheEnglishKeys", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it("placeholdersMatchBetweenLanguages", () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort().join();
    const flat = (value: object, prefix = ""): [string, string][] =>
      Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
    const zh = new Map(flat(zhCN));
    for (const [key, text] of flat(en)) expect(placeholders(zh.get(key) ?? ""), key).toBe(placeholders(text));
  });
});
