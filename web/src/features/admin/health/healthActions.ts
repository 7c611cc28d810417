import { adminApi } from "../../../api/endpoints";
import type { AdminHealthDto } from "../../../api/types";

export function loadHealth(): Promise<AdminHealthDto> {
  return adminApi.health();
}

/** Bytes as the largest unit that keeps the number at or above 1 (1,024 steps), one decimal. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds as "3 d 4 h", "5 h 12 min" or "42 min" (units from i18n). */
export function uptimeParts(seconds: number): { d: number; h: number; m: number } {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return { d, h, m };
}
