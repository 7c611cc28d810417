// Recently used reactions, most recent first, kept in this browser (per user). Until there is any history the
// picker offers the quick row.

import { appStorage } from "../../app/storage";

export const QUICK_EMOJI = ["👍", "❤️", "😄", "🎉", "👀", "✅"];
const MAX_RECENT = 24;

export function pushRecent(recent: string[], emoji: string): string[] {
  return [emoji, ...recent.filter((e) => e !== emoji)].slice(0, MAX_RECENT);
}

const key = (userId: number) => `parley.recentEmoji.${userId}`;

export function loadRecent(userId: number, storage: Pick<Storage, "getItem"> = appStorage): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(key(userId)) ?? "[]");
    return Array.isArray(value) ? value.filter((e): e is string => typeof e === "string").slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(userId: number, emoji: string, storage: Pick<Storage, "getItem" | "setItem"> = appStorage): string[] {
  const next = pushRecent(loadRecent(userId, storage), emoji);
  try {
    storage.setItem(key(userId), JSON.stringify(next));
  } catch {
    // Storage full or disabled: the picker still works, it just forgets.
  }
  return next;
}

/** The first row of the picker: recently used, then the quick row to fill it. */
export function recentRow(recent: string[]): string[] {
  return [...recent, ...QUICK_EMOJI.filter((e) => !recent.includes(e))];
}
