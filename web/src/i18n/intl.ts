// Intl date formats for a given language, cached (i18n/format.ts applies them to the active i18next language; the
// boot entry's first paint, app/firstPaint.ts, to the detected one before i18next has loaded).
const cache = new Map<string, Intl.DateTimeFormat>();

export function formatterIn(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language || "en", options);
    cache.set(key, f);
  }
  return f;
}

/** A message's time: "05:58 PM" / "17:58". */
export const timeIn = (language: string, iso: string) => formatterIn(language, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/** "2026-01-05" (local day) → "Monday, January 5, 2026" / "2026年1月5日星期一". */
export function dayIn(language: string, day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatterIn(language, { weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}
