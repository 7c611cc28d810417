import { describe, expect, it } from "vitest";
import fixture from "./fixtures/plan-company-1000-cny.json";
import { csvCell, planToCsv, type CsvLabels } from "./csv";
import { plannerEn } from "./i18n";
import type { PlanResult } from "./types";

const plan = fixture as unknown as PlanResult;
const labels: CsvLabels = {
  option: "Option",
  component: "Component",
  year: (y) => `Year ${y}`,
  total: "Total",
  componentName: (k) => plannerEn.components[k],
  rowName: (k) => plannerEn.rows[k],
  optionName: (id, label) => label ?? id,
};

function parse(csv: string): string[][] {
  // Enough of RFC 4180 for these tests: quoted cells may hold commas and doubled quotes.
  return csv
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"(.*)"$/s, "$1").replace(/""/g, '"')).slice(0, -1));
}

describe("planToCsv", () => {
  const rows = parse(planToCsv(plan, labels));

  it("hasAHeaderWithOneColumnPerYear", () => {
    expect(rows[0]).toEqual(["option_id", "Option", "key", "Component", "Year 0", "Year 1", "Year 2", "Year 3", "Total", "currency"]);
  });

  it("hasThirteenComponentLinesAndFourSummaryLinesPerOption", () => {
    expect(rows).toHaveLength(1 + plan.options.length * 17);
    expect(rows.every((r) => r.length === 10)).toBe(true);
  });

  it("itemisesTheWorkedExampleUnrounded", () => {
    // docs/cost-model.md §8: Parley on-premises.
    const row = (option: string, key: string) => rows.find((r) => r[0] === option && r[2] === key)!;
    expect(row("parley-onprem", "infrastructure.hardware").slice(4, 9)).toEqual(["220000", "0", "0", "-80000", "140000"]);
    expect(row("parley-onprem", "infrastructure.facility").slice(4, 8)).toEqual(["0", "57602.16", "57602.16", "57602.16"]);
    expect(row("parley-onprem", "total").slice(4, 9)).toEqual(["476800", "187602.16", "202602.16", "124102.16", "991106.48"]);
    expect(row("saas-per-seat", "license").slice(4, 8)).toEqual(["0", "626400", "689040", "757944"]);
    expect(row("saas-per-seat", "pv")[8]).toBe(String(plan.options[3]!.totals.pv));
    expect(row("saas-per-seat", "cumulative")[8]).toBe("");
    expect(row("saas-per-seat", "license")[9]).toBe("CNY");
  });

  it("componentTotalsAddUpToTheYearTotal", () => {
    for (const option of plan.options) {
      const lines = rows.filter((r) => r[0] === option.id && (r[2]!.startsWith("infrastructure.") || !["total", "pv", "cumulative", "cumulative_pv"].includes(r[2]!)));
      option.years.forEach((y, i) => {
        const sum = lines.reduce((a, r) => a + Number(r[4 + i]), 0);
        expect(sum).toBeCloseTo(y.total, 6);
      });
    }
  });

  it("quotesCellsThatNeedIt", () => {
    expect(csvCell("Cloud IM platform (Tencent IM Pro, priced by DAU)")).toBe('"Cloud IM platform (Tencent IM Pro, priced by DAU)"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("按席位计费")).toBe("按席位计费");
    expect(csvCell(0.1)).toBe("0.1");
    expect(csvCell(Number.NaN)).toBe("");
    const withComma = parse(planToCsv(plan, labels)).find((r) => r[0] === "cloud-im-usage")!;
    expect(withComma[1]).toBe("Cloud IM platform (Tencent IM Pro, priced by DAU)");
  });
});
