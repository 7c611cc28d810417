// A bundle's title from the parts the server stores (the source's kind and names), worded in the reader's language:
// "Chat history of Alice and Bob" / "Alice和Bob的聊天记录", "Chat history of Design" / "群聊的聊天记录".
import type { TFunction } from "i18next";

export interface TitleParts {
  sourceKind: string;
  titleNames: string[];
}

export function bundleTitle(parts: TitleParts, t: TFunction): string {
  const names = parts.titleNames.filter((n) => n.trim() !== "");
  if (parts.sourceKind === "direct") {
    if (names.length >= 2) return t("bundle.titleTwo", { a: names[0], b: names[1] });
    if (names.length === 1) return t("bundle.titleOne", { a: names[0] });
  }
  return names.length > 0 ? t("bundle.titleGroup", { name: names[0] }) : t("bundle.titleGroupUnnamed");
}
