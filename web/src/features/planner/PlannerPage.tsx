// /planner: the deployment-cost planner (issue 6). A guided form or the full scenario as JSON goes to
// POST /api/v1/planner/plan; the answer is shown as tables and charts, exported, printed and shared by link.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, setLanguage, type Language } from "../../i18n";
import { navigate } from "../../app/route";
import { errorMessage } from "../auth/errorMessage";
import { ScenarioInvalidError, plannerApi } from "./api";
import { planToCsv } from "./csv";
import { downloadText } from "./download";
import { NS, registerPlannerI18n } from "./i18n";
import { PlannerFormView } from "./PlannerFormView";
import { Results } from "./Results";
import { formFromScenario, formToScenario, optionForPointer, optionIds, splitErrors, templateName, type Currency, type PlannerForm } from "./scenario";
import { decodeShare, encodeShare, plannerHash, shareUrl, type SharePayload } from "./share";
import { optionName, stringsFor } from "./strings";
import type { FieldErrors, PlanResult, PriceCatalog, Scenario } from "./types";
import "./planner.css";
import { ChevronLeft } from "../../ui/icons";

registerPlannerI18n();

type Mode = "form" | "advanced";

const defaultCurrency = (language: string): Currency => (language === "zh-CN" ? "CNY" : "USD");

export default function PlannerPage({ share }: { share: string | null }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const [templates, setTemplates] = useState<Partial<Record<Currency, Scenario>> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<PlannerForm | null>(null);
  const [mode, setMode] = useState<Mode>("form");
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ plan: PlanResult; scenario: Scenario; key: string } | null>(null);
  const [invalid, setInvalid] = useState<{ errors: FieldErrors; scenario: Scenario; mode: Mode } | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [catalog, setCatalog] = useState<PriceCatalog | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const restored = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    document.title = `${t("title")} · Parley`;
  }, [t]);

  // The two samples are the templates of the guided form (one per report currency).
  useEffect(() => {
    let cancelled = false;
    plannerApi
      .samples()
      .then(async (names) => {
        const wanted: [Currency, string][] = (["CNY", "USD"] as Currency[]).map((c) => [c, names.includes(templateName(c)) ? templateName(c) : (names[0] ?? templateName(c))]);
        const loaded = await Promise.all(wanted.map(async ([c, name]) => [c, await plannerApi.sample(name)] as const));
        if (!cancelled) setTemplates(Object.fromEntries(loaded));
      })
      .catch((err: unknown) => !cancelled && setLoadError(errorMessage(i18n.t, err)));
    return () => {
      cancelled = true;
    };
  }, [i18n]);

  const scenarioFromForm = useCallback((f: PlannerForm) => (templates?.[f.currency] ? formToScenario(f, templates[f.currency]!) : null), [templates]);

  const calculate = useCallback(
    async (scenario: Scenario, sentMode: Mode, payload: SharePayload) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setBusy(true);
      setRequestError(null);
      try {
        const plan = await plannerApi.plan(scenario, controller.signal);
        setResult({ plan, scenario, key: JSON.stringify(scenario) });
        setInvalid(null);
        // The address bar always holds a link that restores these inputs.
        const encoded = await encodeShare(payload);
        const url = shareUrl(encoded, window.location);
        setLink(url);
        restored.current = encoded;
        if (window.location.hash !== `#${plannerHash(encoded)}`) history.replaceState(null, "", url);
        if (!catalog) plannerApi.catalog().then(setCatalog, () => undefined);
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") return;
        if (err instanceof ScenarioInvalidError) setInvalid({ errors: err.errors, scenario, mode: sentMode });
        else setRequestError(errorMessage(i18n.t, err));
      } finally {
        if (abort.current === controller) setBusy(false);
      }
    },
    [catalog, i18n],
  );

  // First visit or a pasted link: restore the inputs from the hash, else start from the sample for the language.
  useEffect(() => {
    if (!templates) return;
    if (share && share === restored.current) return;
    let cancelled = false;
    (async () => {
      const payload = share ? await decodeShare(share) : null;
      if (cancelled) return;
      restored.current = share;
      if (payload?.scenario) {
        const scenario = payload.scenario;
        setMode("advanced");
        setText(JSON.stringify(scenario, null, 2));
        setForm(formFromScenario(scenario));
        void calculate(scenario, "advanced", payload);
      } else if (payload?.form && templates[payload.form.currency]) {
        const f = { ...formFromScenario(templates[payload.form.currency]!), ...payload.form };
        setMode("form");
        setForm(f);
        void calculate(formToScenario(f, templates[f.currency]!), "form", { v: 1, form: f });
      } else {
        const currency = defaultCurrency(lang);
        const template = templates[currency] ?? templates.CNY ?? templates.USD;
        if (template) setForm(formFromScenario(template));
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only a new link restores; a language switch must not reset the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templates, share]);

  const currentScenario = useMemo<Scenario | null>(() => {
    if (mode === "advanced") {
      try {
        return JSON.parse(text) as Scenario;
      } catch {
        return null;
      }
    }
    return form ? scenarioFromForm(form) : null;
  }, [mode, text, form, scenarioFromForm]);

  const stale = result !== null && currentScenario !== null && JSON.stringify(currentScenario) !== result.key;

  const submitForm = () => {
    if (!form) return;
    const scenario = scenarioFromForm(form);
    if (scenario) void calculate(scenario, "form", { v: 1, form });
  };

  const submitAdvanced = () => {
    let scenario: Scenario;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("expected an object");
      scenario = parsed as Scenario;
    } catch (err) {
      setTextError(t("form.invalidJson", { message: err instanceof Error ? err.message : String(err) }));
      return;
    }
    setTextError(null);
    void calculate(scenario, "advanced", { v: 1, scenario });
  };

  const changeCurrency = (currency: Currency) => {
    if (!form || !templates?.[currency]) return;
    const base = formFromScenario(templates[currency]!);
    // Money in the form is in the report currency: take the sample's hourly cost for the new currency.
    setForm({ ...form, currency, employeeHourCost: base.employeeHourCost });
  };

  const enterAdvanced = () => {
    const scenario = form ? scenarioFromForm(form) : null;
    if (scenario) setText(JSON.stringify(scenario, null, 2));
    setTextError(null);
    setMode("advanced");
  };

  const leaveAdvanced = () => {
    if (!window.confirm(t("form.leaveAdvanced"))) return;
    try {
      const scenario = JSON.parse(text) as Scenario;
      const f = formFromScenario(scenario);
      const template = templates?.[f.currency];
      setForm({ ...f, options: f.options.filter((id) => !template || optionIds(template).includes(id)) });
    } catch {
      // keep the last form
    }
    setMode("form");
  };

  const exportJson = () => {
    if (!result) return;
    downloadText(`parley-plan-${result.plan.report_currency}.json`, JSON.stringify({ input: result.scenario, output: result.plan }, null, 2), "application/json");
  };

  const exportCsv = () => {
    if (!result) return;
    const S = stringsFor(lang);
    const csv = planToCsv(result.plan, {
      option: t("results.option"),
      component: t("results.component"),
      year: (y) => t("results.year", { year: y }),
      total: t("results.total"),
      componentName: (k) => S.components[k],
      rowName: (k) => S.rows[k],
      optionName: (id, label) => optionName(lang, id, label),
    });
    // The byte-order mark lets spreadsheet programs read the Chinese labels as UTF-8.
    downloadText(`parley-plan-${result.plan.report_currency}.csv`, "\uFEFF" + csv, "text/csv;charset=utf-8");
  };

  const copyLink = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      // Clipboard denied: the link is selectable in the box below.
    }
  };

  const split = invalid ? splitErrors(invalid.errors, invalid.mode === "form" && mode === "form") : null;

  return (
    <section className="planner-page" aria-labelledby="planner-title" data-testid="planner-page">
      <header className="conversation-header planner-header">
        <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={i18n.t("common.back")}>
          <ChevronLeft size={20} aria-hidden="true" />
        </button>
        <h1 id="planner-title" className="grow">
          {t("title")}
        </h1>
        <label className="inline-select no-print">
          {t("language")}
          <select value={lang} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="planner-language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {i18n.t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="planner-body">
        <p className="muted planner-intro">{t("intro")}</p>
        <p className="print-only small">{t("results.generated", { date: new Date().toISOString().slice(0, 10) })}</p>
        {loadError && (
          <p className="error" role="alert">
            {t("loadFailed", { message: loadError })}
          </p>
        )}
        {!templates && !loadError && <p className="muted">{i18n.t("common.loading")}</p>}
        <div className="planner-input no-print">
          {form && mode === "form" && (
            <PlannerFormView
              form={form}
              onChange={setForm}
              onCurrency={changeCurrency}
              onSubmit={submitForm}
              onReset={() => templates?.[form.currency] && setForm(formFromScenario(templates[form.currency]!))}
              busy={busy}
              errors={split?.byField ?? {}}
              availableOptions={templates?.[form.currency] ? optionIds(templates[form.currency]!) : form.options}
            />
          )}
          {mode === "advanced" && (
            <div className="planner-advanced">
              <label htmlFor="planner-json">{t("form.advancedHint")}</label>
              <textarea id="planner-json" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} rows={24} data-testid="planner-json" />
              {textError && (
                <p className="field-error" role="alert">
                  {textError}
                </p>
              )}
              <div className="planner-actions">
                <button type="button" className="primary" onClick={submitAdvanced} disabled={busy} data-testid="planner-calculate-json">
                  {busy ? t("form.calculating") : t("form.calculate")}
                </button>
              </div>
            </div>
          )}
          {templates && (
            <p>
              {mode === "form" ? (
                <button type="button" className="link-button" onClick={enterAdvanced} data-testid="planner-advanced">
                  {t("form.advanced")}
                </button>
              ) : (
                <button type="button" className="link-button" onClick={leaveAdvanced} data-testid="planner-guided">
                  {t("form.guided")}
                </button>
              )}
            </p>
          )}
        </div>
        {requestError && (
          <p className="error" role="alert">
            {requestError}
          </p>
        )}
        {split && split.other.length > 0 && (
          <div className="planner-errors" role="alert" data-testid="planner-errors">
            <h2>{t("errors.heading")}</h2>
            <ul>
              {split.other.map(([pointer, messages]) => {
                const option = optionForPointer(pointer, invalid!.scenario);
                return (
                  <li key={pointer}>
                    <code>{pointer}</code>
                    {option ? <span className="muted"> ({t("errors.option", { id: optionName(lang, option) })})</span> : null}: {messages.join(" ")}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {result && (
          <>
            <h2 className="planner-results-title">{t("results.heading")}</h2>
            {stale && (
              <p className="notice no-print" data-testid="planner-stale">
                {t("results.stale")}
              </p>
            )}
            <div className="planner-export no-print" data-testid="planner-export">
              <button type="button" onClick={exportJson} data-testid="planner-export-json">
                {t("results.exportJson")}
              </button>
              <button type="button" onClick={exportCsv} data-testid="planner-export-csv">
                {t("results.exportCsv")}
              </button>
              <button type="button" onClick={() => window.print()} data-testid="planner-print">
                {t("results.print")}
              </button>
              <button type="button" onClick={() => void copyLink()} disabled={!link} data-testid="planner-share">
                {copied ? t("results.shareCopied") : t("results.share")}
              </button>
              {link && <input readOnly value={link} aria-label={t("results.shareLabel")} onFocus={(e) => e.currentTarget.select()} data-testid="planner-share-link" className="share-link" />}
            </div>
            <Results key={result.key} result={result.plan} scenario={result.scenario} catalog={catalog} />
          </>
        )}
      </div>
    </section>
  );
}
