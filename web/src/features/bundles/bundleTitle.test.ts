import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zhCN } from "../../i18n/zh-CN";
import { bundleTitle } from "./bundleTitle";

async function translator(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, "zh-CN": { translation: zhCN } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe("bundleTitle", () => {
  it("names both people of a direct conversation, the group otherwise, in the reader's language", async () => {
    const t = await translator("en");
    expect(bundleTitle({ sourceKind: "direct", titleNames: ["Alice", "Bob"] }, t)).toBe("Chat history of Alice and Bob");
    expect(bundleTitle({ sourceKind: "group", titleNames: ["Design"] }, t)).toBe("Chat history of Design");
    expect(bundleTitle({ sourceKind: "channel", titleNames: [] }, t)).toBe("Group chat history");
    const zh = await translator("zh-CN");
    expect(bundleTitle({ sourceKind: "direct", titleNames: ["张三", "李四"] }, zh)).toBe("张三和李四的聊天记录");
    expect(bundleTitle({ sourceKind: "group", titleNames: [] }, zh)).toBe("群聊的聊天记录");
  });
});
