// Localized dates and times through Intl, following the active i18next language.
import { i18n } from "./index";

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${i18n.language}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(i18n.language || "en", options);
    cache.set(key, f);
  }
  return f;
}

export const formatTime = (iso: string) => formatter({ hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
/** A date without time: "Dec 5, 2026" / "2026年12月5日". */
export const formatDate = (date: Date) => formatter({ dateStyle: "medium" }).format(date);
export const formatDateTime = (iso: string) => formatter({ dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** "2026-01-05" (local day) → "Monday, January 5, 2026" / "2026年1月5日星期一". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter({ weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Sidebar: time today, otherwise a short date. */
export function formatActivity(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return formatTime(iso);
  return formatter({ month: "short", day: "numeric" }).format(date);
}
