// Localized dates and times through Intl, following the active i18next language.
import { i18n } from "./index";
import { dayIn, formatterIn, timeIn } from "./intl";

const formatter = (options: Intl.DateTimeFormatOptions) => formatterIn(i18n.language, options);

export const formatTime = (iso: string) => timeIn(i18n.language, iso);
/** A date without time: "Dec 5, 2026" / "2026年12月5日". */
export const formatDate = (date: Date) => formatter({ dateStyle: "medium" }).format(date);
export const formatDateTime = (iso: string) => formatter({ dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** "2026-01-05" (local day) → "Monday, January 5, 2026" / "2026年1月5日星期一". */
export const formatDay = (day: string) => dayIn(i18n.language, day);

/** Sidebar: time today, otherwise a short date. */
export function formatActivity(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return formatTime(iso);
  return formatter({ month: "short", day: "numeric" }).format(date);
}
