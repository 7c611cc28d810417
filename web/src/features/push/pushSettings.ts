// Pure helpers of the push settings form: device labels and the "pause for" choices.

/** "Chrome on Windows" from a user-agent string; null when nothing is recognised. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const os = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}

export const PAUSES = ["1h", "4h", "tomorrow"] as const;
export type Pause = (typeof PAUSES)[number];

/** When a pause chosen now ends: in one or four hours, or tomorrow at 08:00 local time. */
export function pauseEnd(choice: Pause, now = new Date()): Date {
  if (choice === "1h") return new Date(now.getTime() + 3600_000);
  if (choice === "4h") return new Date(now.getTime() + 4 * 3600_000);
  const end = new Date(now);
  end.setDate(end.getDate() + 1);
  end.setHours(8, 0, 0, 0);
  return end;
}

export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}
