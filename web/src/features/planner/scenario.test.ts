import { describe, expect, it } from "vitest";
import sampleCny from "../../../../src/Parley.Planner/Samples/company-1000-cny.json";
import sampleUsd from "../../../../src/Parley.Planner/Samples/company-1000-usd.json";
import {
  applySizePreset,
  applyUsagePreset,
  formFromScenario,
  formToScenario,
  optionForPointer,
  splitErrors,
  toggleOption,
  updateField,
  type PlannerForm,
} from "./scenario";
import type { JsonObject, Scenario } from "./types";

const cny = sampleCny as unknown as Scenario;
const usd = sampleUsd as unknown as Scenario;

describe("formFromScenario", () => {
  it("readsTheSampleIntoTheForm", () => {
    const form = formFromScenario(cny);
    expect(form).toEqual<PlannerForm>({
      currency: "CNY",
      sizePreset: "medium",
      headcount: 1000,
      growthRate: 0.1,
      horizonYears: 3,
      discountRate: 0.1,
      employeeHourCost: 150,
      usagePreset: "typical",
      dauRatio: 0.8,
      peakOnlineRatio: 0.7,
      messagesPerUserPerDay: 50,
      fileMbPerUserMonth: 10,
      options: ["parley-onprem", "parley-cloud-vm", "cloud-im-usage", "saas-per-seat"],
      baseline: "saas-per-seat",
    });
  });

  it("fillsSchemaDefaultsForMissingFields", () => {
    const form = formFromScenario(usd);
    // The USD sample does not set peak_online_ratio.
    expect(form.currency).toBe("USD");
    expect(form.peakOnlineRatio).toBe(0.7);
    expect(form.horizonYears).toBe(5);
    expect(form.baseline).toBe("saas-per-seat");
    expect(form.sizePreset).toBe("custom"); // 1,000 people growing 5% is no preset
  });
});

describe("formToScenario", () => {
  it("unchangedFormGivesTheSampleBack", () => {
    expect(formToScenario(formFromScenario(cny), cny)).toEqual(cny);
  });

  it("writesTheHeadlineInputsAndKeepsEverythingElse", () => {
    let form = formFromScenario(cny);
    form = applySizePreset(form, "large");
    form = applyUsagePreset(form, "heavy");
    form = updateField(form, "horizonYears", 5);
    form = updateField(form, "discountRate", 0.07);
    form = updateField(form, "employeeHourCost", 120);
    const s = formToScenario(form, cny);
    expect(s.meta).toMatchObject({ report_currency: "CNY", horizon_years: 5, discount_rate: 0.07, baseline_option_id: "saas-per-seat", fx: { USD: 7.2 } });
    expect(s.organization).toEqual({ headcount: 5000, annual_growth_rate: 0.05, growth_mode: "compound", employee_hour_cost: 120 });
    expect(s.usage).toMatchObject({ dau_ratio: 0.95, peak_online_ratio: 0.85, messages_per_user_per_day: 150, file_mb_per_user_month: 40, devices_per_online_user: 1.5 });
    expect(s.options).toEqual(cny.options);
    expect(s.sensitivity).toEqual(cny.sensitivity);
  });

  it("baselineFallsBackToTheFirstOptionWhenUnset", () => {
    const meta = { ...(cny.meta as JsonObject) };
    delete meta.baseline_option_id;
    expect(formFromScenario({ ...cny, meta }).baseline).toBe("parley-onprem");
  });

  it("keepsOnlyTheChosenOptionsAndMovesTheBaseline", () => {
    let form = formFromScenario(cny);
    form = toggleOption(form, "saas-per-seat", false);
    form = toggleOption(form, "parley-cloud-vm", false);
    expect(form.options).toEqual(["parley-onprem", "cloud-im-usage"]);
    expect(form.baseline).toBe("parley-onprem");
    const s = formToScenario(form, cny);
    expect((s.options as JsonObject[]).map((o) => o.id)).toEqual(["parley-onprem", "cloud-im-usage"]);
    expect((s.meta as JsonObject).baseline_option_id).toBe("parley-onprem");
  });

  it("reAddingAnOptionKeepsDisplayOrder", () => {
    let form = toggleOption(formFromScenario(cny), "parley-onprem", false);
    form = toggleOption(form, "parley-onprem", true);
    expect(form.options).toEqual(["parley-onprem", "parley-cloud-vm", "cloud-im-usage", "saas-per-seat"]);
  });

  it("togglesIdsOutsideTheSamples", () => {
    let form: PlannerForm = { ...formFromScenario(cny), options: ["custom-a", "parley-onprem"] };
    form = toggleOption(form, "custom-b", true);
    expect(form.options).toEqual(["parley-onprem", "custom-a", "custom-b"]);
    form = toggleOption(form, "custom-a", false);
    expect(form.options).toEqual(["parley-onprem", "custom-b"]);
  });

  it("doesNotModifyTheTemplate", () => {
    const before = JSON.stringify(cny);
    formToScenario(updateField(formFromScenario(cny), "headcount", 42), cny);
    expect(JSON.stringify(cny)).toBe(before);
  });
});

describe("presets", () => {
  it("editingANumberMakesThePresetCustomUntilItMatchesAgain", () => {
    let form = formFromScenario(cny);
    form = updateField(form, "headcount", 1200);
    expect(form.sizePreset).toBe("custom");
    form = updateField(form, "headcount", 1000);
    expect(form.sizePreset).toBe("medium");
    form = updateField(form, "messagesPerUserPerDay", 20);
    expect(form.usagePreset).toBe("custom");
  });

  it("customKeepsTheCurrentNumbers", () => {
    const form = applySizePreset(formFromScenario(cny), "custom");
    expect(form.headcount).toBe(1000);
    expect(form.sizePreset).toBe("custom");
  });
});

describe("server errors", () => {
  const errors = {
    "/organization/headcount": ["expected an integer ≥ 1, got 0"],
    "/meta/horizon_years": ["expected an integer in [1, 10], got 20"],
    "/options/3/license/subscription_seat/price_per_seat_month": ["missing price"],
  };

  it("formFieldsShowTheirOwnErrorsAndTheRestIsListed", () => {
    const { byField, other } = splitErrors(errors, true);
    expect(byField).toEqual({ headcount: ["expected an integer ≥ 1, got 0"], horizonYears: ["expected an integer in [1, 10], got 20"] });
    expect(other).toEqual([["/options/3/license/subscription_seat/price_per_seat_month", ["missing price"]]]);
  });

  it("advancedModeListsEverything", () => {
    expect(splitErrors(errors, false).other).toHaveLength(3);
  });

  it("namesTheOptionAPointerIsIn", () => {
    expect(optionForPointer("/options/3/license/subscription_seat/price_per_seat_month", cny)).toBe("saas-per-seat");
    expect(optionForPointer("/options/9/id", cny)).toBeNull();
    expect(optionForPointer("/meta/horizon_years", cny)).toBeNull();
  });
});
