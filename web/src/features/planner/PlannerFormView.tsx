import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { NS } from "./i18n";
import {
  CURRENCIES,
  OPTION_IDS,
  SIZE_PRESETS,
  USAGE_PRESETS,
  applySizePreset,
  applyUsagePreset,
  tidy,
  toggleOption,
  updateField,
  type Currency,
  type PlannerForm,
  type SizePreset,
  type UsagePreset,
} from "./scenario";
import { optionName } from "./strings";

type FieldErrorMap = Partial<Record<keyof PlannerForm, string[]>>;

interface NumberFieldProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  errors?: string[];
  testId: string;
  scale?: number;
  min?: number;
  max?: number;
  step?: number;
}

/** A number input that lets the user type freely (empty, "1.") and reports the value once it parses. */
function NumberField({ label, value, onChange, errors, testId, scale = 1, min, max, step }: NumberFieldProps) {
  const id = useId();
  const shown = tidy(value * scale);
  const [text, setText] = useState(String(shown));
  useEffect(() => {
    setText((current) => (Number(current) === shown && current.trim() !== "" ? current : String(shown)));
  }, [shown]);
  const errorId = `${id}-error`;
  return (
    <label className={`planner-field${errors?.length ? " invalid" : ""}`} htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? "any"}
        data-testid={testId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(n)) onChange(scale === 1 ? n : tidy(n / scale, 10));
        }}
      />
      {errors?.length ? (
        <span className="field-error" id={errorId} role="alert" data-testid={`${testId}-error`}>
          {errors.join(" ")}
        </span>
      ) : null}
    </label>
  );
}

interface Props {
  form: PlannerForm;
  onChange: (form: PlannerForm) => void;
  onCurrency: (currency: Currency) => void;
  onSubmit: () => void;
  onReset: () => void;
  busy: boolean;
  errors: FieldErrorMap;
  availableOptions: string[];
}

export function PlannerFormView({ form, onChange, onCurrency, onSubmit, onReset, busy, errors, availableOptions }: Props) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const set = <K extends keyof PlannerForm>(key: K) => (value: PlannerForm[K]) => onChange(updateField(form, key, value));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const optionList = [...OPTION_IDS.filter((id) => availableOptions.includes(id)), ...availableOptions.filter((id) => !(OPTION_IDS as readonly string[]).includes(id))];
  return (
    <form className="planner-form" onSubmit={submit} noValidate data-testid="planner-form">
      <fieldset>
        <legend>{t("form.heading")}</legend>
        <div className="planner-grid">
          <label className="planner-field">
            <span>{t("form.currency")}</span>
            <select value={form.currency} onChange={(e) => onCurrency(e.target.value as Currency)} data-testid="planner-currency">
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label className="planner-field">
            <span>{t("form.companySize")}</span>
            <select value={form.sizePreset} onChange={(e) => onChange(applySizePreset(form, e.target.value as SizePreset))} data-testid="planner-size">
              {[...Object.keys(SIZE_PRESETS), "custom"].map((p) => (
                <option key={p} value={p}>
                  {t(`form.sizes.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <NumberField label={t("form.headcount")} value={form.headcount} onChange={set("headcount")} errors={errors.headcount} testId="planner-headcount" min={1} step={1} />
          <NumberField label={t("form.growth")} value={form.growthRate} scale={100} onChange={set("growthRate")} errors={errors.growthRate} testId="planner-growth" />
          <NumberField label={t("form.horizon")} value={form.horizonYears} onChange={set("horizonYears")} errors={errors.horizonYears} testId="planner-horizon" min={1} max={10} step={1} />
          <NumberField label={t("form.discount")} value={form.discountRate} scale={100} onChange={set("discountRate")} errors={errors.discountRate} testId="planner-discount" min={0} max={50} />
          <NumberField
            label={t("form.hourCost", { currency: form.currency })}
            value={form.employeeHourCost}
            onChange={set("employeeHourCost")}
            errors={errors.employeeHourCost}
            testId="planner-hour-cost"
            min={0}
          />
          <label className="planner-field">
            <span>{t("form.usageProfile")}</span>
            <select value={form.usagePreset} onChange={(e) => onChange(applyUsagePreset(form, e.target.value as UsagePreset))} data-testid="planner-usage">
              {[...Object.keys(USAGE_PRESETS), "custom"].map((p) => (
                <option key={p} value={p}>
                  {t(`form.usages.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <NumberField label={t("form.dau")} value={form.dauRatio} scale={100} onChange={set("dauRatio")} errors={errors.dauRatio} testId="planner-dau" min={0} max={100} />
          <NumberField label={t("form.peakOnline")} value={form.peakOnlineRatio} scale={100} onChange={set("peakOnlineRatio")} errors={errors.peakOnlineRatio} testId="planner-peak" min={0} max={100} />
          <NumberField label={t("form.messages")} value={form.messagesPerUserPerDay} onChange={set("messagesPerUserPerDay")} errors={errors.messagesPerUserPerDay} testId="planner-messages" min={0} />
          <NumberField label={t("form.files")} value={form.fileMbPerUserMonth} onChange={set("fileMbPerUserMonth")} errors={errors.fileMbPerUserMonth} testId="planner-files" min={0} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("form.options")}</legend>
        <div className="planner-options">
          {optionList.map((id) => (
            <label key={id} className="checkbox">
              <input type="checkbox" checked={form.options.includes(id)} onChange={(e) => onChange(toggleOption(form, id, e.target.checked))} data-testid={`planner-option-${id}`} />
              {optionName(lang, id)}
            </label>
          ))}
        </div>
        {form.options.length === 0 && <p className="field-error">{t("form.noOptions")}</p>}
        <label className="planner-field baseline">
          <span>{t("form.baseline")}</span>
          <select value={form.baseline} onChange={(e) => onChange({ ...form, baseline: e.target.value })} data-testid="planner-baseline">
            {form.options.map((id) => (
              <option key={id} value={id}>
                {optionName(lang, id)}
              </option>
            ))}
          </select>
          {errors.baseline?.length ? <span className="field-error">{errors.baseline.join(" ")}</span> : null}
        </label>
      </fieldset>
      <div className="planner-actions">
        <button type="submit" className="primary" disabled={busy || form.options.length === 0} data-testid="planner-calculate">
          {busy ? t("form.calculating") : t("form.calculate")}
        </button>
        <button type="button" onClick={onReset} data-testid="planner-reset">
          {t("form.reset")}
        </button>
      </div>
    </form>
  );
}
