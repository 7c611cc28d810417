// The guided form and its mapping to a scenario (PLANNER.md §3.2). The form edits a few headline inputs;
// everything else (prices, option details) comes from a sample scenario that the server ships.
import type { FieldErrors, Json, JsonObject, Scenario } from "./types";

export type Currency = "CNY" | "USD";
export const CURRENCIES: readonly Currency[] = ["CNY", "USD"];

/** The four options of the samples, in display order. */
export const OPTION_IDS = ["parley-onprem", "parley-cloud-vm", "cloud-im-usage", "saas-per-seat"] as const;

export type SizePreset = "small" | "medium" | "large" | "xlarge" | "custom";
export const SIZE_PRESETS: Record<Exclude<SizePreset, "custom">, { headcount: number; growthRate: number }> = {
  small: { headcount: 200, growthRate: 0.15 },
  medium: { headcount: 1000, growthRate: 0.1 },
  large: { headcount: 5000, growthRate: 0.05 },
  xlarge: { headcount: 20000, growthRate: 0.03 },
};

export type UsagePreset = "light" | "typical" | "heavy" | "custom";
export interface UsageFields {
  dauRatio: number;
  peakOnlineRatio: number;
  messagesPerUserPerDay: number;
  fileMbPerUserMonth: number;
}
export const USAGE_PRESETS: Record<Exclude<UsagePreset, "custom">, UsageFields> = {
  light: { dauRatio: 0.6, peakOnlineRatio: 0.5, messagesPerUserPerDay: 20, fileMbPerUserMonth: 3 },
  typical: { dauRatio: 0.8, peakOnlineRatio: 0.7, messagesPerUserPerDay: 50, fileMbPerUserMonth: 10 },
  heavy: { dauRatio: 0.95, peakOnlineRatio: 0.85, messagesPerUserPerDay: 150, fileMbPerUserMonth: 40 },
};

export interface PlannerForm extends UsageFields {
  currency: Currency;
  sizePreset: SizePreset;
  headcount: number;
  growthRate: number;
  horizonYears: number;
  discountRate: number;
  employeeHourCost: number;
  usagePreset: UsagePreset;
  options: string[];
  baseline: string;
}

/** The sample each report currency starts from. */
export function templateName(currency: Currency): string {
  return currency === "USD" ? "company-1000-usd" : "company-1000-cny";
}

/** Which form field shows the server's error for a JSON pointer. */
export const FIELD_POINTERS: Partial<Record<keyof PlannerForm, string>> = {
  currency: "/meta/report_currency",
  headcount: "/organization/headcount",
  growthRate: "/organization/annual_growth_rate",
  horizonYears: "/meta/horizon_years",
  discountRate: "/meta/discount_rate",
  employeeHourCost: "/organization/employee_hour_cost",
  dauRatio: "/usage/dau_ratio",
  peakOnlineRatio: "/usage/peak_online_ratio",
  messagesPerUserPerDay: "/usage/messages_per_user_per_day",
  fileMbPerUserMonth: "/usage/file_mb_per_user_month",
  baseline: "/meta/baseline_option_id",
};

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});
const num = (v: Json | undefined, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/** Rounds away binary noise (0.07 × 100 = 7.000000000000001) for display and comparison. */
export const tidy = (value: number, digits = 6): number => Number(value.toFixed(digits));

export function optionIds(scenario: Scenario): string[] {
  const options = scenario.options;
  return Array.isArray(options) ? options.flatMap((o) => (isObject(o) && typeof o.id === "string" ? [o.id] : [])) : [];
}

export function matchSizePreset(headcount: number, growthRate: number): SizePreset {
  for (const [name, p] of Object.entries(SIZE_PRESETS)) {
    if (p.headcount === headcount && tidy(p.growthRate) === tidy(growthRate)) return name as SizePreset;
  }
  return "custom";
}

export function matchUsagePreset(u: UsageFields): UsagePreset {
  for (const [name, p] of Object.entries(USAGE_PRESETS)) {
    if (
      tidy(p.dauRatio) === tidy(u.dauRatio) &&
      tidy(p.peakOnlineRatio) === tidy(u.peakOnlineRatio) &&
      tidy(p.messagesPerUserPerDay) === tidy(u.messagesPerUserPerDay) &&
      tidy(p.fileMbPerUserMonth) === tidy(u.fileMbPerUserMonth)
    )
      return name as UsagePreset;
  }
  return "custom";
}

/** Reads the form's fields out of a scenario; missing fields take the schema's defaults (§3.2). */
export function formFromScenario(scenario: Scenario): PlannerForm {
  const meta = obj(scenario.meta);
  const org = obj(scenario.organization);
  const usage = obj(scenario.usage);
  const currency: Currency = meta.report_currency === "USD" ? "USD" : "CNY";
  const headcount = num(org.headcount, 1000);
  const growthRate = num(org.annual_growth_rate, 0);
  const usageFields: UsageFields = {
    dauRatio: num(usage.dau_ratio, 0.8),
    peakOnlineRatio: num(usage.peak_online_ratio, 0.7),
    messagesPerUserPerDay: num(usage.messages_per_user_per_day, 50),
    fileMbPerUserMonth: num(usage.file_mb_per_user_month, 10),
  };
  const options = optionIds(scenario);
  const baseline = typeof meta.baseline_option_id === "string" && options.includes(meta.baseline_option_id) ? meta.baseline_option_id : (options[0] ?? "");
  return {
    currency,
    sizePreset: matchSizePreset(headcount, growthRate),
    headcount,
    growthRate,
    horizonYears: num(meta.horizon_years, 3),
    discountRate: num(meta.discount_rate, 0.1),
    employeeHourCost: num(org.employee_hour_cost, currency === "USD" ? 55 : 150),
    usagePreset: matchUsagePreset(usageFields),
    ...usageFields,
    options,
    baseline,
  };
}

/**
 * The scenario the form describes: the template (a sample) with the form's headline inputs written over it
 * and only the chosen options kept. The template is not modified.
 */
export function formToScenario(form: PlannerForm, template: Scenario): Scenario {
  const scenario = structuredClone(template);
  const chosen = (Array.isArray(template.options) ? template.options : []).filter((o) => isObject(o) && typeof o.id === "string" && form.options.includes(o.id));
  const ids = optionIds({ options: chosen });
  const baseline = ids.includes(form.baseline) ? form.baseline : ids[0];
  scenario.meta = {
    ...obj(template.meta),
    report_currency: form.currency,
    horizon_years: form.horizonYears,
    discount_rate: form.discountRate,
    ...(baseline ? { baseline_option_id: baseline } : {}),
  };
  if (!baseline) delete (scenario.meta as JsonObject).baseline_option_id;
  scenario.organization = {
    ...obj(template.organization),
    headcount: form.headcount,
    annual_growth_rate: form.growthRate,
    employee_hour_cost: form.employeeHourCost,
  };
  scenario.usage = {
    ...obj(template.usage),
    dau_ratio: form.dauRatio,
    peak_online_ratio: form.peakOnlineRatio,
    messages_per_user_per_day: form.messagesPerUserPerDay,
    file_mb_per_user_month: form.fileMbPerUserMonth,
  };
  scenario.options = chosen;
  return scenario;
}

/** Applies a preset choice; choosing "custom" keeps the current numbers. */
export function applySizePreset(form: PlannerForm, preset: SizePreset): PlannerForm {
  return preset === "custom" ? { ...form, sizePreset: preset } : { ...form, sizePreset: preset, ...SIZE_PRESETS[preset] };
}

export function applyUsagePreset(form: PlannerForm, preset: UsagePreset): PlannerForm {
  return preset === "custom" ? { ...form, usagePreset: preset } : { ...form, usagePreset: preset, ...USAGE_PRESETS[preset] };
}

/** Editing a number by hand makes its preset "custom" unless the numbers still match one. */
export function updateField<K extends keyof PlannerForm>(form: PlannerForm, key: K, value: PlannerForm[K]): PlannerForm {
  const next = { ...form, [key]: value };
  if (key === "headcount" || key === "growthRate") next.sizePreset = matchSizePreset(next.headcount, next.growthRate);
  if (key === "dauRatio" || key === "peakOnlineRatio" || key === "messagesPerUserPerDay" || key === "fileMbPerUserMonth") next.usagePreset = matchUsagePreset(next);
  return next;
}

export function toggleOption(form: PlannerForm, id: string, on: boolean): PlannerForm {
  const chosen = new Set(form.options);
  if (on) chosen.add(id);
  else chosen.delete(id);
  // The samples' order first, then any other ids in the order they came.
  const all = [...new Set([...OPTION_IDS, ...form.options, id])].filter((o) => chosen.has(o));
  return { ...form, options: all, baseline: all.includes(form.baseline) ? form.baseline : (all[0] ?? "") };
}

/** Server errors split into those a form field shows and the rest (listed with their pointers). */
export function splitErrors(errors: FieldErrors, formMode: boolean): { byField: Partial<Record<keyof PlannerForm, string[]>>; other: [string, string[]][] } {
  const byField: Partial<Record<keyof PlannerForm, string[]>> = {};
  const other: [string, string[]][] = [];
  const fieldOf = new Map(Object.entries(FIELD_POINTERS).map(([field, pointer]) => [pointer, field as keyof PlannerForm]));
  for (const [pointer, messages] of Object.entries(errors)) {
    const field = formMode ? fieldOf.get(pointer) : undefined;
    if (field) byField[field] = [...(byField[field] ?? []), ...messages];
    else other.push([pointer, messages]);
  }
  return { byField, other };
}

/** "/options/2/license/…" → the id of that option in the scenario, to name it in an error list. */
export function optionForPointer(pointer: string, scenario: Scenario | null): string | null {
  const match = /^\/options\/(\d+)(?:\/|$)/.exec(pointer);
  if (!match || !scenario) return null;
  return optionIds(scenario)[Number(match[1])] ?? null;
}
