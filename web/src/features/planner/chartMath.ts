// Pure geometry for the hand-written SVG charts: axis ticks, scales, stacking, break-even marker, tornado bars.
import type { Basis, ComparisonResult, OptionResult, SensitivityRow } from "./types";

export interface Ticks {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) giving about `count` intervals across [min, max]; always includes 0 inside the range. */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  let lo = Math.min(min, max, 0);
  let hi = Math.max(min, max, 0);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-12 * power) ?? 10 * power;
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: ticks[0] ?? lo, max: ticks[ticks.length - 1] ?? hi, step, ticks };
}

/** Linear map from [d0, d1] to [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

export interface Segment<K extends string> {
  key: K;
  value: number;
  from: number;
  to: number;
}

/** Stacks positive values upwards from 0 and negative values (credits, e.g. residual value) downwards. */
export function stack<K extends string>(entries: [K, number][]): { segments: Segment<K>[]; top: number; bottom: number } {
  let up = 0;
  let down = 0;
  const segments: Segment<K>[] = [];
  for (const [key, value] of entries) {
    if (value === 0) continue;
    if (value > 0) {
      segments.push({ key, value, from: up, to: up + value });
      up += value;
    } else {
      segments.push({ key, value, from: down, to: down + value });
      down += value;
    }
  }
  return { segments, top: up, bottom: down };
}

export const cumulativeOf = (option: OptionResult, basis: Basis) => option.years.map((y) => (basis === "pv" ? y.cumulative_pv : y.cumulative));

/**
 * Where the candidate's cumulative line meets the baseline's: x is the fractional break-even year
 * (PLANNER.md §3.5 rule 11) and y the candidate's cumulative cost there, on the straight line between
 * the two year-ends that bracket the crossing. Null when there is no crossing within the horizon.
 */
export function breakEvenPoint(candidate: number[], comparison: Pick<ComparisonResult, "breakeven_year" | "breakeven_year_fractional">): { x: number; y: number } | null {
  const x = comparison.breakeven_year_fractional;
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  if (x <= 0) return candidate.length ? { x: 0, y: candidate[0]! } : null;
  const i = Math.min(candidate.length - 1, Math.max(1, Math.ceil(x - 1e-12)));
  const a = candidate[i - 1];
  const b = candidate[i];
  if (a === undefined || b === undefined) return null;
  const f = x - (i - 1);
  return { x, y: a + f * (b - a) };
}

export interface TornadoBar {
  driver: string;
  low: { delta: number; change: number } | null;
  high: { delta: number; change: number } | null;
  span: number;
}

/** One bar per driver for one option: the change at the lowest and at the highest delta, widest swing first. */
export function tornadoBars(rows: SensitivityRow[], option: string): TornadoBar[] {
  const byDriver = new Map<string, SensitivityRow[]>();
  for (const row of rows) {
    if (row.option !== option) continue;
    byDriver.set(row.driver, [...(byDriver.get(row.driver) ?? []), row]);
  }
  const bars: TornadoBar[] = [];
  for (const [driver, list] of byDriver) {
    const sorted = [...list].sort((a, b) => a.delta - b.delta);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const low = first.delta < 0 ? { delta: first.delta, change: first.change } : null;
    const high = last.delta > 0 ? { delta: last.delta, change: last.change } : null;
    const changes = sorted.map((r) => r.change);
    bars.push({ driver, low, high, span: Math.max(...changes, 0) - Math.min(...changes, 0) });
  }
  return bars.sort((a, b) => b.span - a.span || a.driver.localeCompare(b.driver));
}

/** SVG path "M x y L x y …" through the points. */
export function linePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
}
