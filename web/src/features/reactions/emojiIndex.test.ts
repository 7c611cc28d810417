import { describe, expect, it } from "vitest";
import en from "emojibase-data/en/compact.json";
import zh from "emojibase-data/zh/compact.json";
import versions from "emojibase-data/versions/emoji.json";
import { buildIndex, canonicalEmoji, newerThanFont, searchEmoji, type CompactEmoji } from "./emojiIndex";
import { loadRecent, pushRecent, recentRow, rememberEmoji } from "./recentEmoji";

const index = buildIndex(en as CompactEmoji[], zh as CompactEmoji[], "en");

describe("emoji index", () => {
  it("fullSet_WithoutComponents_InUnicodeOrder", () => {
    expect(index.length).toBeGreaterThan(1800);
    expect(index.some((e) => e.group === 2)).toBe(false);
    expect(index[0]?.emoji).toBe("😀");
  });

  it("englishQuery_FindsThumbsUp_FirstWithoutVariationSelector", () => {
    expect(searchEmoji(index, "thumbs up")[0]?.emoji).toBe("👍");
    expect(searchEmoji(index, "thumb").slice(0, 2).map((e) => e.emoji)).toContain("👍");
  });

  it("chineseQuery_FindsByChineseKeyword", () => {
    expect(searchEmoji(index, "赞").map((e) => e.emoji)).toContain("👍");
    expect(searchEmoji(index, "哈哈").map((e) => e.emoji)).toContain("😄");
  });

  it("chineseUi_NamesInChinese", () => {
    const zhIndex = buildIndex(en as CompactEmoji[], zh as CompactEmoji[], "zh-CN");
    expect(zhIndex.find((e) => e.emoji === "👍")?.name).toBe("拇指向上");
  });

  it("recentlyUsed_RankedFirstAmongEqualMatches", () => {
    const plain = searchEmoji(index, "heart").map((e) => e.emoji);
    const lastHeart = plain[plain.length - 1] as string;
    expect(searchEmoji(index, "heart", [lastHeart]).findIndex((e) => e.emoji === lastHeart)).toBeLessThan(plain.indexOf(lastHeart));
  });

  it("emojiNewerThanTheFont_LeftOut", () => {
    const trimmed = buildIndex(en as CompactEmoji[], zh as CompactEmoji[], "en", newerThanFont(versions as Record<string, string[]>));
    expect(trimmed.length).toBeLessThan(index.length);
    expect(trimmed.some((e) => e.emoji === "🫨"), "shaking face is Emoji 15.0, drawn by the font").toBe(true);
    expect(trimmed.some((e) => e.name === "head shaking horizontally"), "Emoji 15.1 is not").toBe(false);
  });

  it("canonicalEmoji_DropsRedundantFe0f_KeepsNeededOne", () => {
    expect(canonicalEmoji("👍\uFE0F")).toBe("👍");
    expect(canonicalEmoji("❤\uFE0F")).toBe("❤\uFE0F");
    expect(canonicalEmoji("😶\u200D🌫\uFE0F")).toBe("😶\u200D🌫\uFE0F");
  });
});

describe("recent emoji", () => {
  it("mostRecentFirst_NoDuplicates_Capped", () => {
    let recent: string[] = [];
    for (const e of ["👍", "🎉", "👍"]) recent = pushRecent(recent, e);
    expect(recent).toEqual(["👍", "🎉"]);
    for (let i = 0; i < 40; i++) recent = pushRecent(recent, String(i));
    expect(recent).toHaveLength(24);
  });

  it("storedPerUser_AndRowFilledWithQuickEmoji", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    rememberEmoji(7, "🚀", storage);
    expect(loadRecent(7, storage)).toEqual(["🚀"]);
    expect(loadRecent(8, storage)).toEqual([]);
    expect(recentRow(["🚀", "👍"]).slice(0, 3)).toEqual(["🚀", "👍", "❤️"]);
  });
});
