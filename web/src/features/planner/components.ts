// The cost lines of a year (PLANNER.md §3.3), flattened: infrastructure's six parts are their own lines.
import type { Components } from "./types";

export const COMPONENT_KEYS = [
  "license",
  "infrastructure.compute",
  "infrastructure.storage",
  "infrastructure.network",
  "infrastructure.hardware",
  "infrastructure.facility",
  "infrastructure.rtc",
  "implementation",
  "customization",
  "training",
  "operations",
  "support",
  "downtime",
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/** The six components of the source article plus downtime: what the stacked chart stacks. */
export const GROUP_KEYS = ["license", "infrastructure", "implementation", "customization", "training", "operations", "support", "downtime"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const GROUP_COLORS: Record<GroupKey, string> = {
  license: "#4263eb",
  infrastructure: "#0ca678",
  implementation: "#f59f00",
  customization: "#ae3ec9",
  training: "#e8590c",
  operations: "#1098ad",
  support: "#74b816",
  downtime: "#868e96",
};

export function componentValue(c: Components, key: ComponentKey): number {
  if (key.startsWith("infrastructure.")) {
    const part = key.slice("infrastructure.".length) as keyof Components["infrastructure"];
    return c.infrastructure?.[part] ?? 0;
  }
  const value = c[key as Exclude<keyof Components, "infrastructure">];
  return typeof value === "number" ? value : 0;
}

export function groupValue(c: Components, key: GroupKey): number {
  if (key === "infrastructure") {
    const i = c.infrastructure;
    return i ? i.compute + i.storage + i.network + i.hardware + i.facility + i.rtc : 0;
  }
  const value = c[key];
  return typeof value === "number" ? value : 0;
}
