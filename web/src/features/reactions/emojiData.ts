// Loads the emoji data only when a picker first opens (names in two languages and Emoji versions: ~1.2 MB before compression, cached after).
import { buildIndex, newerThanFont, type CompactEmoji, type PickerEmoji } from "./emojiIndex";

const cache = new Map<string, Promise<PickerEmoji[]>>();

export function loadEmojiIndex(language: string): Promise<PickerEmoji[]> {
  let pending = cache.get(language);
  if (!pending) {
    pending = Promise.all([import("emojibase-data/en/compact.json"), import("emojibase-data/zh/compact.json"), import("emojibase-data/versions/emoji.json")]).then(
      ([en, zh, versions]) => buildIndex(en.default as CompactEmoji[], zh.default as CompactEmoji[], language, newerThanFont(versions.default as Record<string, string[]>)),
    );
    pending.catch(() => cache.delete(language));
    cache.set(language, pending);
  }
  return pending;
}
