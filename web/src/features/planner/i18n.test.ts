import { describe, expect, it } from "vitest";
import { plannerEn, plannerZhCN } from "./i18n";
import { COMPONENT_KEYS, GROUP_KEYS } from "./components";
import { OPTION_IDS } from "./scenario";

function flat(value: object, prefix = ""): [string, string][] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
}

describe("planner strings", () => {
  it("chineseHasExactlyTheEnglishKeysAndPlaceholders", () => {
    const zh = new Map(flat(plannerZhCN));
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort().join();
    expect([...zh.keys()].sort()).toEqual(flat(plannerEn).map(([k]) => k).sort());
    for (const [key, text] of flat(plannerEn)) expect(placeholders(zh.get(key) ?? ""), key).toBe(placeholders(text));
  });

  it("namesEveryComponentAndOption", () => {
    for (const key of [...COMPONENT_KEYS, ...GROUP_KEYS]) expect(plannerZhCN.components[key]).toBeTruthy();
    for (const id of OPTION_IDS) expect(plannerZhCN.optionNames[id]).toBeTruthy();
  });
});
