import { describe, expect, it } from "vitest";
import { coversSkills, formatSkills, parseSkills } from "./skills";

describe("service skills", () => {
  it("parseSkills_MixedSeparators_SplitsTrimsLowersAndDeduplicates", () => {
    expect(parseSkills(" Billing, english；退款、VIP  billing\nrefund_2 ")).toEqual(["billing", "english", "退款", "vip", "refund_2"]);
    expect(parseSkills("  , ，")).toEqual([]);
  });

  it("formatSkills_List_IsTheFieldsOneLine", () => {
    expect(formatSkills(["billing", "英语"])).toBe("billing, 英语");
    expect(formatSkills(undefined)).toBe("");
    expect(parseSkills(formatSkills(["a-b", "c"]))).toEqual(["a-b", "c"]);
  });

  it("coversSkills_AgentSkills_MustIncludeEveryRequiredOne", () => {
    expect(coversSkills(["billing", "english"], ["English"])).toBe(true);
    expect(coversSkills(["billing"], ["billing", "english"])).toBe(false);
    expect(coversSkills([], []), "nothing required: anyone covers it").toBe(true);
  });
});
