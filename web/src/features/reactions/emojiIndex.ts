// The reaction picker's emoji: Unicode's full set from emojibase-data (MIT), with English and Chinese names and
// keywords so a search in either language finds them. Pure: the data is passed in (emojiData.ts loads it lazily).

export interface CompactEmoji {
  hexcode: string;
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
}

export interface PickerEmoji {
  emoji: string;
  /** Name in the UI language (the tooltip and accessible name). */
  name: string;
  group: number;
  order: number;
  /** Lower-cased names and keywords in both languages, searched by substring. */
  terms: string[];
}

/** emojibase group 2 is skin-tone and hair components, not emoji one reacts with. */
const COMPONENT_GROUP = 2;

/**
 * One reaction, one spelling: emojibase writes U+FE0F after emoji that are already emoji by default (👍️), the quick
 * row and other clients do not (👍); the server compares strings, so both would count as different reactions.
 * FE0F stays where it matters: after characters that are text by default (❤️, ☺️ are below U+1F000) and in sequences.
 */
export function canonicalEmoji(emoji: string): string {
  // Only a lone emoji's trailing selector: inside a ZWJ sequence (😶‍🌫️) the font's ligature needs every part.
  const chars = [...emoji];
  const first = chars[0]?.codePointAt(0) ?? 0;
  return chars.length === 2 && chars[1] === "\uFE0F" && first >= 0x1f000 ? (chars[0] as string) : emoji;
}

/**
 * The newest Emoji version the bundled font draws (twemoji-colr-font 15.0.3 = Emoji 15.0): newer emoji would show as
 * boxes or as their parts side by side, so the picker leaves them out (they still display if someone else sends one).
 */
export const MAX_EMOJI_VERSION = 15.0;

/** Hexcodes newer than MAX_EMOJI_VERSION, from emojibase's versions/emoji.json (version → hexcodes). */
export function newerThanFont(versions: Record<string, string[]>): Set<string> {
  return new Set(Object.entries(versions).flatMap(([version, codes]) => (Number(version) > MAX_EMOJI_VERSION ? codes : [])));
}

export function buildIndex(en: CompactEmoji[], zh: CompactEmoji[], language: string, exclude: Set<string> = new Set()): PickerEmoji[] {
  const zhByCode = new Map(zh.map((e) => [e.hexcode, e]));
  const chinese = language.toLowerCase().startsWith("zh");
  const list: PickerEmoji[] = [];
  for (const e of en) {
    if (e.group === undefined || e.group === COMPONENT_GROUP || exclude.has(e.hexcode)) continue;
    const z = zhByCode.get(e.hexcode);
    const terms = [e.label, ...(e.tags ?? []), z?.label ?? "", ...(z?.tags ?? [])].filter(Boolean).map((t) => t.toLowerCase());
    list.push({ emoji: canonicalEmoji(e.unicode), name: chinese && z ? z.label : e.label, group: e.group, order: e.order ?? 0, terms });
  }
  return list.sort((a, b) => a.order - b.order);
}

/**
 * Emoji whose name or keyword contains the query (either language); names that start with it first, then
 * recently used ones, then Unicode's order.
 */
export function searchEmoji(index: PickerEmoji[], query: string, recent: string[] = []): PickerEmoji[] {
  const q = query.trim().toLowerCase();
  if (!q) return index;
  const recentRank = new Map(recent.map((e, i) => [e, i]));
  const scored: Array<{ e: PickerEmoji; score: number }> = [];
  for (const e of index) {
    let score = -1;
    for (const term of e.terms) {
      if (term === q) score = Math.max(score, 3);
      else if (term.startsWith(q)) score = Math.max(score, 2);
      else if (term.includes(q)) score = Math.max(score, 1);
    }
    if (score >= 0) scored.push({ e, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || (recentRank.get(a.e.emoji) ?? 1e9) - (recentRank.get(b.e.emoji) ?? 1e9) || a.e.order - b.e.order)
    .map((s) => s.e);
}
