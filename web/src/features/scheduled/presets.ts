// Quick choices of the time picker, in the user's local time.

export type PresetId = "in20m" | "in1h" | "in3h" | "tomorrow9" | "monday9";

export const SCHEDULE_PRESETS: PresetId[] = ["in1h", "tomorrow9", "monday9"];
export const REMINDER_PRESETS: PresetId[] = ["in20m", "in1h", "in3h", "tomorrow9"];

function at9(day: Date): Date {
  const d = new Date(day);
  d.setHours(9, 0, 0, 0);
  return d;
}

export function presetTime(id: PresetId, now: Date): Date {
  switch (id) {
    case "in20m":
      return new Date(now.getTime() + 20 * 60_000);
    case "in1h":
      return new Date(now.getTime() + 60 * 60_000);
    case "in3h":
      return new Date(now.getTime() + 3 * 60 * 60_000);
    case "tomorrow9": {
      const d = new Date(now);
      d.setDate(d.getDate() + 1);
      return at9(d);
    }
    case "monday9": {
      // The next Monday; on a Monday before nine, a week later all the same ("next Monday").
      const d = new Date(now);
      d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
      return at9(d);
    }
  }
}

/** The value of an <input type="datetime-local"> for a time: local, to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The time an <input type="datetime-local"> holds (local), or null when empty or not a time. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Why a chosen time cannot be used, or null: in the future, at most about a year ahead (the server's default). */
export function timeProblem(date: Date | null, now: Date): "invalid" | "past" | "tooFar" | null {
  if (!date) return "invalid";
  if (date.getTime() <= now.getTime()) return "past";
  if (date.getTime() > now.getTime() + 365 * 24 * 3600_000) return "tooFar";
  return null;
}
