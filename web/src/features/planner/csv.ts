// CSV export of the itemised plan: one row per option and component, one column per year, unrounded figures.
import { COMPONENT_KEYS, componentValue, type ComponentKey } from "./components";
import type { PlanResult } from "./types";

export function csvCell(value: string | number): string {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvLabels {
  option: string;
  component: string;
  year: (year: number) => string;
  total: string;
  componentName: (key: ComponentKey) => string;
  rowName: (key: "total" | "pv" | "cumulative" | "cumulative_pv") => string;
  optionName: (id: string, label?: string) => string;
}

/** Lines joined with CRLF (RFC 4180). The first column holds the option id, the second its display name. */
export function planToCsv(result: PlanResult, labels: CsvLabels): string {
  const years = result.options[0]?.years.map((y) => y.year) ?? [];
  const lines: string[] = [];
  lines.push(["option_id", labels.option, "key", labels.component, ...years.map(labels.year), labels.total, "currency"].map(csvCell).join(","));
  for (const option of result.options) {
    const name = labels.optionName(option.id, option.label);
    const row = (key: string, label: string, values: number[], total: number | "") =>
      lines.push([option.id, name, key, label, ...values, total, result.report_currency].map((v) => csvCell(v)).join(","));
    for (const key of COMPONENT_KEYS) {
      const values = option.years.map((y) => componentValue(y.components, key));
      row(key, labels.componentName(key), values, values.reduce((a, b) => a + b, 0));
    }
    row("total", labels.rowName("total"), option.years.map((y) => y.total), option.totals.nominal);
    row("pv", labels.rowName("pv"), option.years.map((y) => y.pv), option.totals.pv);
    row("cumulative", labels.rowName("cumulative"), option.years.map((y) => y.cumulative), "");
    row("cumulative_pv", labels.rowName("cumulative_pv"), option.years.map((y) => y.cumulative_pv), "");
  }
  return lines.join("\r\n") + "\r\n";
}
