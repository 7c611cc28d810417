import { describe, expect, it } from "vitest";
import fixture from "./fixtures/plan-company-1000-cny.json";
import { breakEvenPoint, cumulativeOf, linearScale, linePath, niceTicks, stack, tornadoBars } from "./chartMath";
import { GROUP_KEYS, groupValue } from "./components";
import type { PlanResult } from "./types";

const plan = fixture as unknown as PlanResult;
const option = (id: string) => plan.options.find((o) => o.id === id)!;

describe("niceTicks", () => {
  it("roundsToNiceSteps", () => {
    expect(niceTicks(0, 2_265_684)).toEqual({ min: 0, max: 2_500_000, step: 500_000, ticks: [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000] });
    expect(niceTicks(0, 97)).toMatchObject({ step: 20, max: 100 });
    expect(niceTicks(0, 0.42)).toMatchObject({ step: 0.1, max: 0.5 });
  });

  it("spansNegativeValuesThroughZero", () => {
    const t = niceTicks(-80_000, 476_800);
    expect(t.step).toBe(200_000);
    expect(t.min).toBe(-200_000);
    expect(t.max).toBe(600_000);
    expect(t.ticks).toContain(0);
  });

  it("handlesAnEmptyRange", () => {
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe("scales and paths", () => {
  it("mapsLinearlyIncludingInvertedRanges", () => {
    const y = linearScale(0, 500, 260, 10);
    expect(y(0)).toBe(260);
    expect(y(500)).toBe(10);
    expect(y(250)).toBe(135);
  });

  it("buildsAPath", () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 2.25, y: 3 }])).toBe("M0.0 1.0 L2.3 3.0");
  });
});

describe("stack", () => {
  it("stacksCostsUpAndCreditsDown", () => {
    // Parley on-premises, year 3: hardware is a −80,000 residual credit.
    const y3 = option("parley-onprem").years[3]!;
    const s = stack(GROUP_KEYS.map((k) => [k, groupValue(y3.components, k)] as [string, number]));
    // infrastructure nets to 57,602.16 − 80,000 = −22,397.84, so it stacks below zero
    expect(s.bottom).toBeCloseTo(-22_397.84, 6);
    expect(s.segments.find((x) => x.key === "infrastructure")?.from).toBe(0);
    expect(s.top + s.bottom).toBeCloseTo(y3.total, 6);
    expect(s.segments.map((x) => x.key)).toEqual(["infrastructure", "training", "operations", "support"]);
  });

  it("segmentsAreContiguous", () => {
    const s = stack([["a", 3], ["b", -1], ["c", 2], ["d", 0], ["e", -4]]);
    expect(s.segments).toEqual([
      { key: "a", value: 3, from: 0, to: 3 },
      { key: "b", value: -1, from: 0, to: -1 },
      { key: "c", value: 2, from: 3, to: 5 },
      { key: "e", value: -4, from: -1, to: -5 },
    ]);
    expect([s.top, s.bottom]).toEqual([5, -5]);
  });
});

describe("breakEvenPoint", () => {
  it("marksTheWorkedExampleCrossing", () => {
    // docs/cost-model.md §8: on-premises is 316,000 behind at year 0 and 122,797.84 ahead at year 1 → 0.72.
    const onprem = cumulativeOf(option("parley-onprem"), "nominal");
    const saas = cumulativeOf(option("saas-per-seat"), "nominal");
    const c = plan.comparisons.find((x) => x.candidate === "parley-onprem" && x.basis === "nominal")!;
    const p = breakEvenPoint(onprem, c)!;
    expect(p.x).toBeCloseTo(316_000 / (316_000 + 122_797.84), 12);
    // Both lines pass through the marker: it lies on the candidate's and on the baseline's segment.
    const f = p.x;
    expect(p.y).toBeCloseTo(476_800 + f * (664_402.16 - 476_800), 6);
    expect(p.y).toBeCloseTo(saas[0]! + f * (saas[1]! - saas[0]!), 6);
  });

  it("usesThePresentValueLineForThePvBasis", () => {
    const c = plan.comparisons.find((x) => x.candidate === "parley-cloud-vm" && x.basis === "pv")!;
    const pv = cumulativeOf(option("parley-cloud-vm"), "pv");
    const base = cumulativeOf(option("saas-per-seat"), "pv");
    const p = breakEvenPoint(pv, c)!;
    const i = Math.ceil(p.x);
    const f = p.x - (i - 1);
    expect(p.y).toBeCloseTo(base[i - 1]! + f * (base[i]! - base[i - 1]!), 4);
  });

  it("isYearZeroWhenCheaperFromTheStartAndNullWithoutACrossing", () => {
    expect(breakEvenPoint([100, 200], { breakeven_year: 0, breakeven_year_fractional: 0 })).toEqual({ x: 0, y: 100 });
    expect(breakEvenPoint([100, 200], { breakeven_year: null, breakeven_year_fractional: null })).toBeNull();
  });

  it("interpolatesInsideALaterYear", () => {
    // d = cumA − cumB: 50, 20, −10 → crossing 2/3 into year 2, y* = 2.
    const a = [150, 220, 290];
    const p = breakEvenPoint(a, { breakeven_year: 2, breakeven_year_fractional: 1 + 20 / 30 })!;
    expect(p.x).toBeCloseTo(5 / 3);
    expect(p.y).toBeCloseTo(220 + (2 / 3) * 70);
  });
});

describe("tornadoBars", () => {
  it("onePerDriverWidestFirst", () => {
    const bars = tornadoBars(plan.sensitivity, "saas-per-seat");
    expect(bars.map((b) => b.driver)).toEqual(["/organization/headcount", "/organization/employee_hour_cost", "/usage/messages_per_user_per_day"]);
    const head = bars[0]!;
    expect(head.low?.delta).toBe(-0.2);
    expect(head.high?.delta).toBe(0.2);
    expect(head.low!.change).toBeLessThan(0);
    expect(head.span).toBeCloseTo(head.high!.change - head.low!.change, 6);
  });

  it("ignoresOtherOptions", () => {
    expect(tornadoBars(plan.sensitivity, "nope")).toEqual([]);
  });
});
