// How a runtime setting is shown and edited: file sizes in MiB, message text in bytes, times in their own unit.
// Pure, so it is tested beside (settingsDisplay.test.ts).
import type { RuntimeSettingDto } from "../../../api/types";

/** The wire type allows numbers as strings (System.Text.Json's number handling); the console works with numbers. */
export type RuntimeSetting = Omit<RuntimeSettingDto, "value" | "default" | "min" | "max"> & { value: number; default: number; min: number; max: number };
export type SettingLike = Pick<RuntimeSetting, "key" | "unit" | "wholeNumber" | "min" | "max">;

export function normalize(dto: RuntimeSettingDto): RuntimeSetting {
  return { ...dto, value: Number(dto.value), default: Number(dto.default), min: Number(dto.min), max: Number(dto.max) };
}

const MiB = 1024 * 1024;

/** The factor between the stored value and the shown one, and the i18n key of the shown unit. */
export function displayUnit(s: SettingLike): { factor: number; unitKey: string } {
  if (s.unit === "bytes" && s.key.startsWith("files.")) return { factor: MiB, unitKey: "admin.settings.units.mib" };
  return { factor: 1, unitKey: `admin.settings.units.${s.unit}` };
}

/** Stored value → the number in the input (at most 3 decimals). */
export function toDisplay(s: SettingLike, value: number): string {
  const shown = value / displayUnit(s).factor;
  return String(Math.round(shown * 1000) / 1000);
}

/** The input's text → the value to send, or null when it is not a number inside the setting's range. */
export function fromDisplay(s: SettingLike, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "" || !/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  let value = Number(trimmed) * displayUnit(s).factor;
  if (s.wholeNumber) {
    if (displayUnit(s).factor === 1 && !Number.isInteger(value)) return null;
    value = Math.round(value);
  }
  return value >= s.min && value <= s.max ? value : null;
}

/** The group a key belongs to: its first segment (messages, files, auth). */
export function groupOf(key: string): string {
  return key.split(".")[0] ?? key;
}
